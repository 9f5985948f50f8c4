import { Injectable } from '@nestjs/common';
import { LocalDate } from '@intercity/domain';
import { CityCalendars } from '../calendar/city-calendars';
import { PairingService } from '../pairing/pairing.service';
import { Proposal, proposeWindows } from './domain/propose-windows';

/**
 * The scheduling assistant over this node's calendars, blackouts and the visitors' commitments; on a
 * city node over its copies of the hub's pairings and blackouts, so a liaison can plan offline.
 */
@Injectable()
export class SchedulingService {
  constructor(
    private readonly pairings: PairingService,
    private readonly calendars: CityCalendars,
  ) {}

  async propose(id: string, q: { from: LocalDate; to: LocalDate; maxCandidates?: number }): Promise<Proposal> {
    const p = await this.pairings.get(id);
    const [one, two] = p.visits;
    return proposeWindows({
      mentoring: await this.calendars.readOf(await this.calendars.member(p.mentoringMemberId, 'mentoringMemberId'), 'mentoring'),
      implementing: await this.calendars.readOf(await this.calendars.member(p.implementingMemberId, 'implementingMemberId'), 'implementing'),
      visitors: {
        visitOne: await this.calendars.readVisitors(one.visitorIds, one.hostMemberId, p.id),
        visitTwo: await this.calendars.readVisitors(two.visitorIds, two.hostMemberId, p.id),
      },
      range: { from: q.from, to: q.to },
      minGapDays: p.minGapDays,
      maxCandidates: q.maxCandidates,
    });
  }
}
