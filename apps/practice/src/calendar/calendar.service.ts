import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DirectoryCopies } from '@intercity/directory';
import { CalendarTokens, canReadNetwork, found, ProblemException, requireAccess, SERVICE_CONFIG, ServiceConfig } from '@intercity/platform';
import { actingPersonId } from '../shared/actor';
import { PRACTICE_READS, PracticeReads } from '../shared/persistence/practice-reads';
import { calendarFeed, CalendarOptions } from './domain/calendar-entry';
import { renderCalendar } from './ical';

/**
 * iCalendar feeds of activities: a community's, a city's (what it hosts and what its communities
 * run), and a person's (what they hold or are offered a seat for), the last reachable by a
 * secret link for calendar clients that cannot send a bearer token.
 */
@Injectable()
export class CalendarService {
  private readonly options: CalendarOptions;
  private readonly tokens: CalendarTokens<'person_id'>;

  constructor(
    /** Practice's own tables, or on a city node its copies of the hub's. */
    @Inject(PRACTICE_READS) private readonly reads: PracticeReads,
    private readonly directory: DirectoryCopies,
    db: DataSource,
    @Inject(SERVICE_CONFIG) config: ServiceConfig,
  ) {
    // A session's UID is its home's: a city node serves the hub's activities under the hub's
    // UIDs, so a calendar fed from either node shows one event per session, not two.
    this.options = { uidDomain: `${config.FEDERATION_ROLE === 'city' ? config.HUB_NODE_ID : config.NODE_ID}.practice.intercity` };
    this.tokens = new CalendarTokens(db, { table: 'calendar_tokens', keys: ['person_id'] });
  }

  async community(id: string): Promise<string> {
    const community = await this.reads.community(id);
    const c = found(community && canReadNetwork(community.networkId) ? community : undefined, 'community', id);
    return this.render(`${c.name} (Intercity)`, await this.reads.activityIdsOfCommunity(c.id));
  }

  async city(memberId: string): Promise<string> {
    const member = await this.directory.member(memberId);
    const m = found(member && canReadNetwork(member.networkId) ? member : undefined, 'member', memberId);
    return this.render(`${m.name} (Intercity)`, await this.reads.activityIdsOfCity(m.id));
  }

  /**
   * A new secret link to the person's feed, replacing any earlier one; the person's city liaison
   * or an admin asks. Only the secret's hash is stored: the link is shown this once.
   */
  async issueToken(personId: string): Promise<{ secret: string }> {
    const person = await this.directory.person(personId);
    const member = person && (await this.directory.member(person.memberId));
    if (!person || !member || !canReadNetwork(member.networkId)) throw ProblemException.notFound('person', personId);
    requireAccess(['network-admin', 'city-liaison'], { networkId: member.networkId, memberId: person.memberId });
    return { secret: await this.tokens.issue({ person_id: person.id }, actingPersonId(), new Date()) };
  }

  /** The feed behind a secret link; an unknown secret (or a person since erased) is 404. */
  async bySecret(secret: string): Promise<string> {
    const personId = (await this.tokens.resolve(secret))?.person_id;
    const person = personId ? await this.directory.person(personId) : undefined;
    if (!person) throw new ProblemException(404, { rule: 'calendar.link.exists', detail: 'no calendar behind this link' });
    return this.render(`${person.givenName} ${person.familyName} (Intercity)`, await this.reads.activityIdsOfPerson(person.id));
  }

  private async render(name: string, activityIds: readonly string[]): Promise<string> {
    return renderCalendar(name, calendarFeed(await this.reads.activitiesByIds(activityIds), this.options));
  }
}
