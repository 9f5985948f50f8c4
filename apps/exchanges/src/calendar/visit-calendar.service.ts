import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DirectoryCopies, MemberCopy, PersonCopy } from '@intercity/directory';
import { CallContexts } from '@intercity/persistence';
import { actingPersonId, CalendarTokens, canReadNetwork, Clock, ProblemException, requireAccess } from '@intercity/platform';
import { visitFeed } from './visit-entries';
import { renderVisitCalendar } from './visit-ical';
import { EXCHANGES_READS, ExchangesReads } from '../shared/exchanges-reads';

type Feed = 'city' | 'person';

/**
 * iCalendar feeds of staff-exchange visits: a city's (the visits it hosts and those its staff make)
 * and a person's (the visits they travel on). Calendar clients cannot send a bearer token, so both
 * are reachable by a secret link too; a city's liaison (or an admin) issues the city's, a person's
 * liaison, an admin or the person themselves the person's. A new link replaces the old one.
 */
@Injectable()
export class VisitCalendarService {
  private readonly tokens: CalendarTokens<'feed' | 'subject_id'>;

  constructor(
    /** Exchanges' own tables, or on a city node its copies of the hub's pairings. */
    @Inject(EXCHANGES_READS) private readonly visits: ExchangesReads,
    private readonly directory: DirectoryCopies,
    private readonly clock: Clock,
    db: DataSource,
  ) {
    this.tokens = new CalendarTokens(db, { table: 'calendar_tokens', keys: ['feed', 'subject_id'] });
  }

  async city(memberId: string): Promise<string> {
    return this.cityFeed(await this.readableMember(memberId));
  }

  async issueCityLink(memberId: string): Promise<string> {
    const member = await this.readableMember(memberId);
    requireAccess(['network-admin', 'city-liaison'], { networkId: member.networkId, memberId: member.id });
    return this.issue('city', member.id);
  }

  async issuePersonLink(personId: string): Promise<string> {
    const person = await this.directory.person(personId);
    const member = person && (await this.directory.member(person.memberId));
    if (!person || !member || !canReadNetwork(member.networkId)) throw ProblemException.notFound('person', personId);
    // A person's verified identity is their person id: they may fetch their own link.
    if (CallContexts.current().principal?.subject !== person.id) {
      requireAccess(['network-admin', 'city-liaison'], { networkId: member.networkId, memberId: person.memberId });
    }
    return this.issue('person', person.id);
  }

  /** The feed behind a secret link; an unknown or replaced secret, or a person since erased, is 404. */
  async bySecret(secret: string): Promise<string> {
    const key = await this.tokens.resolve(secret);
    if (key?.feed === 'city') {
      const member = await this.directory.member(key.subject_id);
      if (member) return this.cityFeed(member);
    } else if (key?.feed === 'person') {
      const person = await this.directory.person(key.subject_id);
      if (person) return this.personFeed(person);
    }
    throw new ProblemException(404, { rule: 'calendar.link.exists', detail: 'no calendar behind this link' });
  }

  private async readableMember(memberId: string): Promise<MemberCopy> {
    const member = await this.directory.member(memberId);
    if (!member || !canReadNetwork(member.networkId)) throw ProblemException.notFound('member', memberId);
    return member;
  }

  private issue(feed: Feed, subjectId: string): Promise<string> {
    return this.tokens.issue({ feed, subject_id: subjectId }, actingPersonId(), this.clock.now());
  }

  private async cityFeed(member: MemberCopy): Promise<string> {
    return renderVisitCalendar(`${member.name}: staff exchanges (Intercity)`, visitFeed(await this.visits.datedVisitsOfCity(member.id)));
  }

  private async personFeed(person: PersonCopy): Promise<string> {
    return renderVisitCalendar(`${person.givenName} ${person.familyName}: staff exchange visits (Intercity)`, visitFeed(await this.visits.datedVisitsOfPerson(person.id)));
  }
}
