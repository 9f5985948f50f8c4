import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { DirectoryCopies, MemberCopy } from '@intercity/directory';
import { Period, RuleViolation } from '@intercity/domain';
import { BlackoutRepository } from '../blackout/blackout.repository';
import { CommitmentRepository } from '../copies/commitment.repository';
import { WorkingCalendar } from './domain/working-calendar';
import type { Visitor } from '../scheduling/domain/visitors';

/**
 * Builds the domain's calendars from what this service holds: a member's copy (country, region,
 * time zone) with its blackouts, and a person's other commitments (visits, activities elsewhere).
 */
@Injectable()
export class CityCalendars {
  constructor(
    private readonly directory: DirectoryCopies,
    private readonly blackouts: BlackoutRepository,
    private readonly commitments: CommitmentRepository,
  ) {}

  async member(memberId: string, field: string, m?: EntityManager): Promise<MemberCopy> {
    const member = await this.directory.member(memberId, m);
    if (!member) throw RuleViolation.unprocessable('exchange.member-known', field, `member ${memberId} is not known here`);
    return member;
  }

  async of(member: MemberCopy, field: string, m?: EntityManager): Promise<WorkingCalendar> {
    const blackouts = (await this.blackouts.ofMember(member.id, m)).map((b) => ({ from: b.from, to: b.to, name: b.reason }));
    return new WorkingCalendar({ countryCode: member.country, regionCode: member.region, timeZone: member.timeZone }, blackouts, field);
  }

  /**
   * A visit's visitors with their other commitments: other visits ahead, and activities they are
   * confirmed for that are held in person somewhere other than this visit's host city.
   */
  async visitors(personIds: readonly string[], hostMemberId: string, exceptPairingId: string | null, m?: EntityManager): Promise<Visitor[]> {
    const busy = await this.commitments.busy(personIds, hostMemberId, exceptPairingId, m);
    return personIds.map((personId) => ({ personId, busy: busy.get(personId) ?? ([] as Period[]) }));
  }
}
