import type { INestApplication } from '@nestjs/common';
import { ServiceUnderTest, tableDigest, TestNode } from '@intercity/service-testing';
import { randomSuffix, waitFor } from '@intercity/testing';
// The upstream service runs for real beside practice, on the same node and namespace, so the
// read models are fed through the real transport. Test code only; practice's code never imports it.
// eslint-disable-next-line @nx/enforce-module-boundaries
import { membershipDefinition } from '../../../membership/src/membership.service-definition';
import { PracticeOptions } from '../../src/practice.config';
import { practiceDefinition } from '../../src/practice.service-definition';

/** Tables a rejected request must leave exactly as they were (contents, not only counts). */
const PRACTICE_TABLES = ['communities', 'activities', 'registrations', 'attendance_sheets', 'outbox', 'audit_trail'] as const;

export class PracticeUnderTest extends ServiceUnderTest {
  /** Listens on an ephemeral port, so many requests can be in flight at once. */
  async listen(): Promise<void> {
    const server = this.app.getHttpServer();
    if (!server.listening) await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  }

  /** A digest of every row of the practice tables: equal before and after means nothing changed. */
  contents(): Promise<Record<string, string>> {
    return tableDigest(this.db, PRACTICE_TABLES);
  }

}

export interface World {
  networkId: string;
  projectId: string;
  ravenna: string;
  offenbach: string;
  accem: string;
}

/** One node running membership and practice; practice consumes membership's stream. */
export class PracticeNode extends TestNode {
  membership!: ServiceUnderTest;
  practice!: PracticeUnderTest;
  private membershipApp?: INestApplication;

  /** `env`: the node's environment beyond the defaults (the hub of a city's spec names itself `hub`). */
  constructor(env?: Record<string, string>) {
    super('practice', env ? { env } : {});
  }

  async startBoth(options: Partial<PracticeOptions> = {}): Promise<void> {
    await this.startIssuer();
    const token = await this.operatorToken();
    this.membershipApp = await this.start(membershipDefinition(this.configFor('membership')));
    this.membership = new ServiceUnderTest(this.membershipApp, 'membership', this.issuer, token);
    const app = await this.start(practiceDefinition(this.configFor('practice'), { offerValidForHours: 48, offerSweepMs: 0, ...options }));
    this.practice = new PracticeUnderTest(app, 'practice', this.issuer, token);
  }

  /** Membership goes down; practice keeps running on its copies. */
  async stopMembership(): Promise<void> {
    await this.membershipApp?.close();
  }

  /** A node, a network, a project and three members taking part: two cities and a partner organisation. */
  async givenWorld(): Promise<World> {
    const m = this.membership;
    await created(m.http.post(m.path('nodes')).send({ id: 'hub', name: 'Hub', baseUrl: 'http://localhost:8080', hub: false }), 'node');
    const { id: networkId } = await created(m.http.post(m.path('networks')).send({ slug: `net-${randomSuffix()}`, name: 'Eurocities' }), 'network');
    const { id: projectId } = await created(
      m.http.post(m.path('projects')).send({ networkId, code: 'CONNECTION', name: 'CONNECTION', startsOn: '2020-01-01', endsOn: '2030-12-31', status: 'running' }),
      'project',
    );
    const member = (slug: string, kind: string, name: string, country: string, timeZone: string) =>
      created(
        m.http.post(m.path('members')).send({ networkId, slug, kind, name, legalName: name, country, timeZone, languages: ['en'], homeNodeId: 'hub' }),
        'member',
      ).then((r) => r.id);
    const ravenna = await member('ravenna', 'city', 'Ravenna', 'IT', 'Europe/Rome');
    const offenbach = await member('offenbach', 'county', 'Kreis Offenbach', 'DE', 'Europe/Berlin');
    const accem = await member('accem', 'partner-organisation', 'ACCEM', 'ES', 'Europe/Madrid');
    for (const [memberId, role] of [
      [ravenna, 'core-city'],
      [offenbach, 'fellow-city'],
      [accem, 'partner'],
    ]) {
      await created(m.http.post(m.path('participations')).send({ projectId, memberId, role, from: '2020-01-01' }), 'participation');
    }
    await waitFor(async () => (await this.practice.count('participations')) === 3 && (await this.practice.count('projects')) === 1, {
      description: "practice's copies of the project and its participations",
    });
    return { networkId, projectId, ravenna, offenbach, accem };
  }

  /** People registered in membership, once practice's copies have them. */
  async givenPeople(memberId: string, n: number, prefix = 'p'): Promise<string[]> {
    const m = this.membership;
    const ids: string[] = [];
    for (let i = 0; i < n; i += 25) {
      const batch = await Promise.all(
        Array.from({ length: Math.min(25, n - i) }, (_, j) =>
          created(
            m.http.post(m.path('people')).send({
              memberId,
              givenName: `Given${i + j}`,
              familyName: `${prefix}${randomSuffix()}`,
              email: `${prefix}${i + j}.${randomSuffix()}@example.org`,
              functions: ['trainee'],
              preferredLanguage: 'en',
            }),
            'person',
          ).then((r) => r.id),
        ),
      );
      ids.push(...batch);
    }
    await waitFor(
      async () => {
        const [{ n: known }] = await this.practice.db.query(`SELECT count(*)::int AS n FROM people WHERE id = ANY ($1::uuid[]) AND NOT erased`, [ids]);
        return known === ids.length;
      },
      { description: `practice's copies of ${n} people`, timeoutMs: 30_000 },
    );
    return ids;
  }
}

export async function created(req: PromiseLike<{ status: number; body: { id: string } }>, what: string): Promise<{ id: string }> {
  const res = await req;
  if (res.status !== 201) throw new Error(`creating ${what}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

const HOUR = 3_600_000;
export const at = (msFromNow: number): string => new Date(Date.now() + msFromNow).toISOString();
export { HOUR };

/** An activity body hosted by Ravenna: sessions in three weeks, registration open now. */
export function workshop(communityId: string, hostMemberId: string, fields: Record<string, unknown> = {}) {
  return {
    communityId,
    hostMemberId,
    kind: 'workshop',
    title: 'One-stop-shop peer-learning workshop',
    place: 'Piazza del Popolo 1, Ravenna',
    sessions: [
      { startsAt: at(21 * 24 * HOUR), endsAt: at(21 * 24 * HOUR + 4 * HOUR) },
      { startsAt: at(22 * 24 * HOUR), endsAt: at(22 * 24 * HOUR + 4 * HOUR) },
    ],
    capacity: 30,
    registrationWindow: { opensAt: at(-HOUR), closesAt: at(14 * 24 * HOUR) },
    languages: ['en', 'it'],
    ...fields,
  };
}

/** A community of the world's two cities with ACCEM's expert-free cluster. */
export async function givenCommunity(node: PracticeNode, world: World): Promise<string> {
  const p = node.practice;
  const { id } = await created(
    p.http.post(p.path('communities')).send({
      projectId: world.projectId,
      name: 'One-stop-shops',
      theme: 'One-stop-shops',
      leadMemberId: world.ravenna,
      memberIds: [world.offenbach],
    }),
    'community',
  );
  return id;
}

/** An activity scheduled and opened for registration. */
export async function givenOpenActivity(node: PracticeNode, world: World, communityId: string, fields: Record<string, unknown> = {}): Promise<string> {
  const p = node.practice;
  const { id } = await created(p.http.post(p.path('activities')).send(workshop(communityId, world.ravenna, fields)), 'activity');
  const opened = await p.http.post(p.path(`activities/${id}/open`));
  if (opened.status !== 200) throw new Error(`opening activity: ${opened.status} ${JSON.stringify(opened.body)}`);
  return id;
}
