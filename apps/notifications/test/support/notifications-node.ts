import { ServiceUnderTest, TestNode } from '@intercity/service-testing';
import { randomSuffix, waitFor } from '@intercity/testing';
// The upstream services run for real beside notifications, on the same node and namespace, so
// the copies and the notifications come from their real events. Test code only.
// eslint-disable-next-line @nx/enforce-module-boundaries
import { membershipDefinition } from '../../../membership/src/membership.service-definition';
// eslint-disable-next-line @nx/enforce-module-boundaries
import { practiceDefinition } from '../../../practice/src/practice.service-definition';
import { notificationsDefinition } from '../../src/notifications.service-definition';
import { startSmtpSink, SmtpSink } from './smtp-sink';

export interface NotificationsWorld {
  networkId: string;
  projectId: string;
  ravenna: string;
  offenbach: string;
  communityId: string;
}

/** Membership, practice and notifications on one node, e-mail caught by a real SMTP server. */
export class NotificationsNode extends TestNode {
  membership!: ServiceUnderTest;
  practice!: ServiceUnderTest;
  notifications!: ServiceUnderTest;
  sink!: SmtpSink;

  constructor() {
    super('notifications');
  }

  async startAll(): Promise<void> {
    this.sink = await startSmtpSink();
    // The e-mail channel reads its SMTP server from the environment when the module is built.
    process.env.NOTIFICATIONS_SMTP_URL = this.sink.url;
    await this.startIssuer();
    const token = await this.operatorToken();
    this.membership = new ServiceUnderTest(await this.start(membershipDefinition(this.configFor('membership'))), 'membership', this.issuer, token);
    this.practice = new ServiceUnderTest(await this.start(practiceDefinition(this.configFor('practice'), { offerValidForHours: 48, offerSweepMs: 0 })), 'practice', this.issuer, token);
    const options = { dispatchEveryMs: 0, dispatchGraceMs: 60_000, digestEveryMs: 0 };
    this.notifications = new ServiceUnderTest(await this.start(notificationsDefinition(this.configFor('notifications'), options)), 'notifications', this.issuer, token);
  }

  async stopAll(): Promise<void> {
    await this.stop();
    await this.sink.close();
  }

  async givenWorld(): Promise<NotificationsWorld> {
    const m = this.membership;
    await created(m.http.post(m.path('nodes')).send({ id: 'hub', name: 'Hub', baseUrl: 'http://localhost:8080', hub: false }), 'node');
    const { id: networkId } = await created(m.http.post(m.path('networks')).send({ slug: `net-${randomSuffix()}`, name: 'Eurocities' }), 'network');
    const { id: projectId } = await created(
      m.http.post(m.path('projects')).send({ networkId, code: 'CONNECTION', name: 'CONNECTION', startsOn: '2020-01-01', endsOn: '2030-12-31', status: 'running' }),
      'project',
    );
    const member = async (slug: string, kind: string, name: string, country: string, timeZone: string, languages: string[]) => {
      const { id } = await created(m.http.post(m.path('members')).send({ networkId, slug, kind, name, legalName: name, country, timeZone, languages, homeNodeId: 'hub' }), 'member');
      await created(m.http.post(m.path('participations')).send({ projectId, memberId: id, role: 'core-city', from: '2020-01-01' }), 'participation');
      return id;
    };
    const ravenna = await member('ravenna', 'city', 'Ravenna', 'IT', 'Europe/Rome', ['it']);
    const offenbach = await member('offenbach', 'county', 'Kreis Offenbach', 'DE', 'Europe/Berlin', ['de']);
    await waitFor(async () => (await this.practice.count('participations')) === 2, { description: "practice's copies of the participations" });
    const p = this.practice;
    const { id: communityId } = await created(
      p.http.post(p.path('communities')).send({ projectId, name: 'One-stop-shops', theme: 'One-stop-shops', leadMemberId: ravenna, memberIds: [offenbach] }),
      'community',
    );
    return { networkId, projectId, ravenna, offenbach, communityId };
  }

  /** A person known to practice and to notifications, with quiet hours off so mail goes at once whatever the hour. */
  async givenPerson(memberId: string, language: string, functions: string[] = ['trainee']): Promise<string> {
    const m = this.membership;
    const { id } = await created(
      m.http.post(m.path('people')).send({ memberId, givenName: 'Staff', familyName: `x${randomSuffix()}`, email: `p.${randomSuffix()}@example.org`, functions, preferredLanguage: language }),
      'person',
    );
    for (const s of [this.practice, this.notifications]) {
      await waitFor(async () => (await s.db.query(`SELECT 1 FROM people WHERE id = $1 AND NOT erased AND given_name IS NOT NULL`, [id])).length === 1, {
        description: `${s.service}'s copy of person ${id}`,
      });
    }
    const n = this.notifications;
    await n.http.put(n.path(`people/${id}/preferences`)).send({ quietHours: null }).expect(200);
    return id;
  }

  async givenOpenActivity(world: NotificationsWorld, capacity: number, title = 'Peer-learning workshop'): Promise<string> {
    const p = this.practice;
    const at = (ms: number) => new Date(Date.now() + ms).toISOString();
    const day = 24 * 3_600_000;
    const { id } = await created(
      p.http.post(p.path('activities')).send({
        communityId: world.communityId,
        hostMemberId: world.ravenna,
        kind: 'workshop',
        title,
        place: 'Piazza del Popolo 1, Ravenna',
        sessions: [{ startsAt: at(21 * day), endsAt: at(21 * day + 4 * 3_600_000) }],
        capacity,
        registrationWindow: { opensAt: at(-3_600_000), closesAt: at(14 * day) },
        languages: ['en', 'it'],
      }),
      'activity',
    );
    await p.http.post(p.path(`activities/${id}/open`)).expect(200);
    return id;
  }
}

export async function created(req: PromiseLike<{ status: number; body: { id: string } }>, what: string): Promise<{ id: string }> {
  const res = await req;
  if (res.status !== 201) throw new Error(`creating ${what}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}
