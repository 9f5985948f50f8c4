import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { DirectoryCopies, MemberCopy } from '@intercity/directory';
import { Period, RuleViolation } from '@intercity/domain';
import { BlackoutRepository, StoredBlackout } from '../blackout/blackout.repository';
import { CommitmentRepository } from '../copies/commitment.repository';
import { EXCHANGES_READS, ExchangesReads } from '../shared/exchanges-reads';
import { WorkingCalendar } from './domain/working-calendar';
import type { Visitor } from '../scheduling/domain/visitors';

/**
 * Builds the domain's calendars from what this service holds: a member's copy (country, region,
 * time zone) with its blackouts, and a person's other commitments (visits, activities elsewhere).
 * Writes check against exchanges' own tables in their transaction; reads (the scheduling
 * assistant) use what GET routes read, which on a city node are its copies of the hub's.
 */
@Injectable()
export class CityCalendars {
  constructor(
    private readonly directory: DirectoryCopies,
    private readonly blackouts: BlackoutRepository,
    private readonly commitments: CommitmentRepository,
    @Inject(EXCHANGES_READS) private readonly reads: ExchangesReads,
  ) {}

  async member(memberId: string, field: string, m?: EntityManager): Promise<MemberCopy> {
    const member = await this.directory.member(memberId, m);
    if (!member) throw RuleViolation.unprocessable('exchange.member-known', field, `member ${memberId} is not known here`);
    return member;
  }

  async of(member: MemberCopy, field: string, m: EntityManager): Promise<WorkingCalendar> {
    return calendarOf(member, await this.blackouts.ofMember(member.id, m), field);
  }

  /** The same calendar for a read, outside any transaction. */
  async readOf(member: MemberCopy, field: string): Promise<WorkingCalendar> {
    return calendarOf(member, await this.reads.blackoutsOf(member.id), field);
  }

  /**
   * A visit's visitors with their other commitments: other visits ahead, and activities they are
   * confirmed for that are held in person somewhere other than this visit's host city.
   */
  async visitors(personIds: readonly string[], hostMemberId: string, exceptPairingId: string | null, m: EntityManager): Promise<Visitor[]> {
    return visitorsOf(personIds, await this.commitments.busy(personIds, hostMemberId, exceptPairingId, m));
  }

  /** The same visitors for a read, outside any transaction. */
  async readVisitors(personIds: readonly string[], hostMemberId: string, exceptPairingId: string | null): Promise<Visitor[]> {
    return visitorsOf(personIds, await this.reads.busy(personIds, hostMemberId, exceptPairingId));
  }
}

const calendarOf = (member: MemberCopy, blackouts: readonly StoredBlackout[], field: string) =>
  new WorkingCalendar(
    { countryCode: member.country, regionCode: member.region, timeZone: member.timeZone },
    blackouts.map((b) => ({ from: b.from, to: b.to, name: b.reason })),
    field,
  );

const visitorsOf = (personIds: readonly string[], busy: Map<string, Period[]>): Visitor[] => personIds.map((personId) => ({ personId, busy: busy.get(personId) ?? [] }));
