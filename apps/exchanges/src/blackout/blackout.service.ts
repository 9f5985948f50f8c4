import { Inject, Injectable } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import { BlackoutAdded, BlackoutRemoved, BlackoutV1, emission } from '@intercity/contracts';
import { endsBeforeItStarts, LocalDate, RuleViolation } from '@intercity/domain';
import { TransactionRunner, UnitOfWork } from '@intercity/persistence';
import { canReadNetwork, found, requireAccess } from '@intercity/platform';
import { CityCalendars } from '../calendar/city-calendars';
import { Clock } from '@intercity/platform';
import { EXCHANGES_READS, ExchangesReads } from '../shared/exchanges-reads';
import { BlackoutRepository, StoredBlackout } from './blackout.repository';

const blackoutEvent = (b: StoredBlackout): BlackoutV1 => ({ blackoutId: b.id, networkId: b.networkId, memberId: b.memberId, from: b.from, to: b.to, reason: b.reason });

/** Days a city can neither host nor send staff; scheduling avoids them. Its liaison keeps them. */
@Injectable()
export class BlackoutService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly blackouts: BlackoutRepository,
    /** What GET routes read: exchanges' own tables, or on a city node its copies of the hub's. */
    @Inject(EXCHANGES_READS) private readonly reads: ExchangesReads,
    private readonly calendars: CityCalendars,
    private readonly clock: Clock,
  ) {}

  async list(memberId: string): Promise<StoredBlackout[]> {
    const member = await this.calendars.member(memberId, 'memberId');
    found(canReadNetwork(member.networkId) ? member : undefined, 'member', memberId);
    return this.reads.blackoutsOf(memberId);
  }

  add(memberId: string, input: { from: LocalDate; to: LocalDate; reason: string }): Promise<StoredBlackout> {
    return this.tx.run(async (uow) => {
      const member = await this.calendars.member(memberId, 'memberId', uow.manager);
      requireAccess(['network-admin', 'city-liaison'], { networkId: member.networkId, memberId });
      if (endsBeforeItStarts(input)) throw RuleViolation.invalid('blackout.ends-before-start', 'to', `the blackout ends (${input.to}) before it starts (${input.from})`);
      await this.refuseOverScheduledVisit(uow, memberId, input);
      const b: StoredBlackout = { id: uuidv7(), networkId: member.networkId, memberId, from: input.from, to: input.to, reason: input.reason.trim(), createdAt: this.clock.now() };
      await this.blackouts.insert(uow.manager, b);
      await uow.emitAll([emission(BlackoutAdded, { id: b.id, version: 1 }, blackoutEvent(b))]);
      return b;
    });
  }

  remove(memberId: string, id: string): Promise<void> {
    return this.tx.run(async (uow) => {
      const stored = await this.blackouts.find(id, uow.manager);
      const b = found(stored?.memberId === memberId ? stored : undefined, 'blackout', id);
      requireAccess(['network-admin', 'city-liaison'], { networkId: b.networkId, memberId });
      await this.blackouts.delete(uow.manager, id);
      await uow.emitAll([emission(BlackoutRemoved, { id: b.id, version: 2 }, blackoutEvent(b))]);
    });
  }

  /** A blackout over a visit already scheduled would leave it standing on closed days: refused, naming it. */
  private async refuseOverScheduledVisit(uow: UnitOfWork, memberId: string, period: { from: LocalDate; to: LocalDate }): Promise<void> {
    const [clash] = await uow.manager.query(
      `SELECT v.pairing_id, v.number, v.starts_on, v.ends_on FROM visits v JOIN pairings p ON p.id = v.pairing_id
        WHERE $1 IN (v.host_member_id, v.visiting_member_id) AND v.status = 'scheduled' AND p.status NOT IN ('cancelled', 'closed')
          AND v.starts_on <= $3 AND v.ends_on >= $2 LIMIT 1`,
      [memberId, period.from, period.to],
    );
    if (clash) {
      throw RuleViolation.conflict(
        'blackout.over-scheduled-visit',
        `visit ${clash.number} of pairing ${clash.pairing_id} is scheduled from ${clash.starts_on} to ${clash.ends_on}; move it first`,
        'from',
      );
    }
  }
}
