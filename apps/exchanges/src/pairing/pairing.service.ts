import { Inject, Injectable } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import { DirectoryCopies } from '@intercity/directory';
import { LocalDate, localDateOf, RuleViolation } from '@intercity/domain';
import { TransactionRunner, UnitOfWork } from '@intercity/persistence';
import { actingPersonId, canReadNetwork, checkIfMatch, found, Page, readableNetworks, requireAccess, requireAccessToAnyOf } from '@intercity/platform';
import { CityCalendars } from '../calendar/city-calendars';
import { CommunityCopies } from '../copies/community.copies';
import { Clock } from '@intercity/platform';
import { validateExchange } from '../scheduling/domain/validate-exchange';
import {
  acceptPairing,
  CandidateCity,
  cancelPairing,
  closePairing,
  dropVisitor,
  markVisitDone,
  Pairing,
  ProgrammeItem,
  proposePairing,
  ReportInput,
  scheduleVisits,
  setProgramme,
  setVisitors,
  submitReport,
} from './domain/pairing';
import { EXCHANGES_READS, ExchangesReads } from '../shared/exchanges-reads';
import { PairingFilter, PairingRepository } from './pairing.repository';

export interface ProposePairingInput {
  communityId: string;
  mentoringMemberId: string;
  implementingMemberId: string;
  rolesReason?: string;
  maxVisitors?: number;
  minGapDays?: number;
  visitOneReportRequired?: boolean;
  reportDueDays?: number;
}

export interface ScheduleInput {
  visitOne: { start: LocalDate; end: LocalDate };
  visitTwo: { start: LocalDate; end: LocalDate };
}

type VisitNumber = 1 | 2;

/**
 * A pairing's life: proposed by an admin or the community's lead city, accepted by both cities'
 * liaisons, its visits dated on real working days, visitors named, programmes set, visits held
 * and reported, then closed. Each step locks the pairing row, so concurrent changes serialise.
 */
@Injectable()
export class PairingService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly pairings: PairingRepository,
    /** What GET routes read: exchanges' own tables, or on a city node its copies of the hub's. */
    @Inject(EXCHANGES_READS) private readonly reads: ExchangesReads,
    private readonly communities: CommunityCopies,
    private readonly directory: DirectoryCopies,
    private readonly calendars: CityCalendars,
    private readonly clock: Clock,
  ) {}

  propose(input: ProposePairingInput): Promise<Pairing> {
    return this.tx.run(async (uow) => {
      const community = await this.communities.find(input.communityId, uow.manager);
      if (!community || !canReadNetwork(community.networkId)) {
        throw RuleViolation.unprocessable('pairing.community-known', 'communityId', `community ${input.communityId} is not known here`);
      }
      // The network's admins pair cities; so may the community's lead city. Another roles than
      // the experience levels is the admins' call alone.
      requireAccess(input.rolesReason ? ['network-admin'] : ['network-admin', 'city-liaison'], {
        networkId: community.networkId,
        memberId: community.leadMemberId ?? undefined,
      });
      const city = async (memberId: string, field: string): Promise<CandidateCity> => {
        const member = await this.calendars.member(memberId, field, uow.manager);
        if (member.networkId !== community.networkId || member.left) {
          throw RuleViolation.unprocessable('pairing.same-community', field, `member ${memberId} is not a city of community ${community.id}`);
        }
        const participation = await this.directory.participation(community.projectId, memberId, uow.manager);
        return {
          memberId,
          kind: member.kind,
          timeZone: member.timeZone,
          inCommunity: community.memberIds.includes(memberId),
          experienceLevel: participation ? participation.experienceLevel : undefined,
        };
      };
      const outcome = proposePairing(
        { pairingId: uuidv7(), visitOneId: uuidv7(), visitTwoId: uuidv7() },
        { id: community.id, networkId: community.networkId, projectId: community.projectId },
        {
          ...input,
          mentoring: await city(input.mentoringMemberId, 'mentoringMemberId'),
          implementing: await city(input.implementingMemberId, 'implementingMemberId'),
        },
        this.clock.now(),
      );
      await this.pairings.insert(uow.manager, outcome.state);
      await uow.emitAll(outcome.events);
      return outcome.state;
    });
  }

  list(filter: Omit<PairingFilter, 'networks'>): Promise<Page<Pairing>> {
    return this.reads.pairings({ ...filter, networks: readableNetworks() });
  }

  async get(id: string): Promise<Pairing> {
    const p = await this.reads.pairing(id);
    return found(p && canReadNetwork(p.networkId) ? p : undefined, 'pairing', id);
  }

  /** A liaison accepts for their own city (an admin may accept for either). */
  accept(id: string, memberId: string): Promise<Pairing> {
    return this.change(id, undefined, (p) => {
      requireAccess(['network-admin', 'city-liaison'], { networkId: p.networkId, memberId });
      return acceptPairing(p, memberId, this.clock.now());
    });
  }

  /** Both visits dated: each five working days of its host, visit two after visit one plus the gap. */
  schedule(id: string, input: ScheduleInput, ifMatch?: string): Promise<Pairing> {
    return this.change(id, ifMatch, async (p, uow) => {
      requireAccessToAnyOf(['network-admin', 'city-liaison'], p.networkId, [p.mentoringMemberId, p.implementingMemberId]);
      const mentoring = await this.calendars.of(await this.calendars.member(p.mentoringMemberId, 'mentoringMemberId', uow.manager), 'mentoring', uow.manager);
      const implementing = await this.calendars.of(await this.calendars.member(p.implementingMemberId, 'implementingMemberId', uow.manager), 'implementing', uow.manager);
      const [one, two] = p.visits;
      const checked = validateExchange({
        mentoring,
        implementing,
        minGapDays: p.minGapDays,
        visitOne: { ...input.visitOne, visitors: await this.calendars.visitors(one.visitorIds, one.hostMemberId, p.id, uow.manager) },
        visitTwo: { ...input.visitTwo, visitors: await this.calendars.visitors(two.visitorIds, two.hostMemberId, p.id, uow.manager) },
      });
      return scheduleVisits(
        p,
        {
          visitOne: { ...input.visitOne, days: checked.visitOne.days },
          visitTwo: { ...input.visitTwo, days: checked.visitTwo.days },
        },
        localDateOf(this.clock.now(), one.timeZone),
        this.clock.now(),
      );
    });
  }

  /** The visiting city's liaison names who goes; none may be taken elsewhere on the visit's days. */
  setVisitors(id: string, n: VisitNumber, personIds: string[]): Promise<Pairing> {
    return this.change(id, undefined, async (p, uow) => {
      const visit = p.visits[n - 1];
      requireAccess(['network-admin', 'city-liaison'], { networkId: p.networkId, memberId: visit.visitingMemberId });
      const people = await Promise.all(
        personIds.map(async (personId, i) => {
          const person = await this.directory.person(personId, uow.manager);
          if (!person) throw RuleViolation.unprocessable('visit.visitor-known', `personIds[${i}]`, `person ${personId} is not known here`);
          return { personId, memberId: person.memberId };
        }),
      );
      const outcome = setVisitors(p, n, people, this.clock.now());
      if (visit.startsOn && visit.endsOn) {
        const visitors = await this.calendars.visitors(outcome.state.visits[n - 1].visitorIds, visit.hostMemberId, p.id, uow.manager);
        for (const v of visitors) {
          const clash = v.busy.find((b) => b.from <= visit.endsOn! && (b.to ?? b.from) >= visit.startsOn!);
          if (clash) {
            throw RuleViolation.conflict(
              'visit.visitor-busy',
              `person ${v.personId} is taken elsewhere from ${clash.from} to ${clash.to ?? clash.from}, during visit ${n} (${visit.startsOn} to ${visit.endsOn})`,
              `personIds[${personIds.indexOf(v.personId)}]`,
            );
          }
        }
      }
      return outcome;
    });
  }

  /** The host city's liaison sets the day-by-day programme. */
  setProgramme(id: string, n: VisitNumber, items: ProgrammeItem[]): Promise<Pairing> {
    return this.change(id, undefined, (p) => {
      requireAccess(['network-admin', 'city-liaison'], { networkId: p.networkId, memberId: p.visits[n - 1].hostMemberId });
      return setProgramme(p, n, items, this.clock.now());
    });
  }

  /** The host city's liaison records that the visit took place. */
  markDone(id: string, n: VisitNumber): Promise<Pairing> {
    return this.change(id, undefined, (p) => {
      const visit = p.visits[n - 1];
      requireAccess(['network-admin', 'city-liaison'], { networkId: p.networkId, memberId: visit.hostMemberId });
      return markVisitDone(p, n, localDateOf(this.clock.now(), visit.timeZone), this.clock.now());
    });
  }

  /** The visiting city's liaison submits what its staff learnt and will adapt. */
  submitReport(id: string, n: VisitNumber, input: Omit<ReportInput, 'submittedBy'>): Promise<Pairing> {
    return this.change(id, undefined, (p) => {
      requireAccess(['network-admin', 'city-liaison'], { networkId: p.networkId, memberId: p.visits[n - 1].visitingMemberId });
      return submitReport(p, n, { ...input, submittedBy: actingPersonId() }, this.clock.now());
    });
  }

  close(id: string): Promise<Pairing> {
    return this.change(id, undefined, (p) => {
      requireAccess(['network-admin'], { networkId: p.networkId });
      return closePairing(p, this.clock.now());
    });
  }

  cancel(id: string, reason: string): Promise<Pairing> {
    return this.change(id, undefined, (p) => {
      requireAccessToAnyOf(['network-admin', 'city-liaison'], p.networkId, [p.mentoringMemberId, p.implementingMemberId]);
      return cancelPairing(p, reason, this.clock.now());
    });
  }

  /** A person erased at home leaves every visit not yet held. */
  async forgetVisitor(uow: UnitOfWork, personId: string): Promise<void> {
    for (const p of await this.pairings.lockOpenWithVisitor(uow.manager, personId)) {
      const outcome = dropVisitor(p, personId, this.clock.now());
      await this.pairings.update(uow.manager, outcome.state);
      await uow.emitAll(outcome.events);
    }
  }

  /** A city that left (the network, the project or one community) exchanges no more staff there. */
  async cancelForCity(uow: UnitOfWork, memberId: string, reason: string, communityId?: string, projectId?: string): Promise<void> {
    for (const id of await this.pairings.openIdsOfCity(uow.manager, memberId, { communityId, projectId })) {
      const p = await this.pairings.find(id, uow.manager, true);
      if (!p || p.status === 'reported') continue;
      const outcome = cancelPairing(p, reason, this.clock.now());
      await this.pairings.update(uow.manager, outcome.state);
      await uow.emitAll(outcome.events);
    }
  }

  private change(id: string, ifMatch: string | undefined, rule: (p: Pairing, uow: UnitOfWork) => ReturnType<typeof acceptPairing> | Promise<ReturnType<typeof acceptPairing>>): Promise<Pairing> {
    return this.tx.run(async (uow) => {
      const current = await this.pairings.find(id, uow.manager, true);
      const p = found(current && canReadNetwork(current.networkId) ? current : undefined, 'pairing', id);
      if (ifMatch !== undefined) checkIfMatch(ifMatch, p.version);
      const outcome = await rule(p, uow);
      if (outcome.events.length) {
        await this.pairings.update(uow.manager, outcome.state);
        await uow.emitAll(outcome.events);
      }
      return outcome.state;
    });
  }
}
