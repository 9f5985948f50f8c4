import type { INestApplication } from '@nestjs/common';
import { ServiceUnderTest, TestNode } from '@intercity/service-testing';
import { randomSuffix, waitFor } from '@intercity/testing';
// The upstream services run for real beside exchanges, on the same node and namespace, so the
// copies are fed through the real transport. Test code only; exchanges' code never imports them.
// eslint-disable-next-line @nx/enforce-module-boundaries
import { membershipDefinition } from '../../../membership/src/membership.service-definition';
// eslint-disable-next-line @nx/enforce-module-boundaries
import { practiceDefinition } from '../../../practice/src/practice.service-definition';
import { exchangesDefinition } from '../../src/exchanges.service-definition';
import { Clock } from '@intercity/platform';

export interface ExchangeWorld {
  networkId: string;
  projectId: string;
  communityId: string;
  /** Kreis Offenbach, Hesse: the mentoring city. */
  offenbach: string;
  /** Ravenna, Emilia-Romagna: an implementing city. */
  ravenna: string;
  /** Cartagena, Murcia: another implementing city of the community. */
  cartagena: string;
  /** ACCEM: a partner organisation, no city. */
  accem: string;
  /** A city of the project outside the community. */
  bologna: string;
}

/** One node running membership, practice and exchanges; exchanges consumes both streams. */
export class ExchangesNode extends TestNode {
  membership!: ServiceUnderTest;
  practice!: ServiceUnderTest;
  exchanges!: ServiceUnderTest;
  private upstream: INestApplication[] = [];

  constructor() {
    super('exchanges');
  }

  async startAll(): Promise<void> {
    await this.startIssuer();
    const token = await this.operatorToken();
    const membership = await this.start(membershipDefinition(this.configFor('membership')));
    this.membership = new ServiceUnderTest(membership, 'membership', this.issuer, token);
    const practice = await this.start(practiceDefinition(this.configFor('practice'), { offerValidForHours: 48, offerSweepMs: 0 }));
    this.practice = new ServiceUnderTest(practice, 'practice', this.issuer, token);
    this.upstream = [membership, practice];
    this.exchanges = new ServiceUnderTest(await this.start(exchangesDefinition(this.configFor('exchanges'))), 'exchanges', this.issuer, token);
  }

  /** Membership and practice go down; exchanges keeps running on its copies. */
  async stopUpstream(): Promise<void> {
    for (const app of this.upstream) await app.close();
  }

  /** Sets the service's clock to noon UTC of a day, so visits can be held without waiting for them. */
  setToday(day: string): void {
    const now = new Date(`${day}T12:00:00Z`);
    this.exchanges.app.get(Clock).now = () => now;
  }

  async givenWorld(): Promise<ExchangeWorld> {
    const m = this.membership;
    await created(m.http.post(m.path('nodes')).send({ id: 'hub', name: 'Hub', baseUrl: 'http://localhost:8080', hub: false }), 'node');
    const { id: networkId } = await created(m.http.post(m.path('networks')).send({ slug: `net-${randomSuffix()}`, name: 'Eurocities' }), 'network');
    const { id: projectId } = await created(
      m.http.post(m.path('projects')).send({ networkId, code: 'CONNECTION', name: 'CONNECTION', startsOn: '2020-01-01', endsOn: '2030-12-31', status: 'running' }),
      'project',
    );
    const member = async (slug: string, kind: string, name: string, country: string, region: string, timeZone: string, role: string, experienceLevel?: string) => {
      const { id } = await created(
        m.http.post(m.path('members')).send({ networkId, slug, kind, name, legalName: name, country, region, timeZone, languages: ['en'], homeNodeId: 'hub' }),
        'member',
      );
      await created(m.http.post(m.path('participations')).send({ projectId, memberId: id, role, from: '2020-01-01', ...(experienceLevel && { experienceLevel }) }), 'participation');
      return id;
    };
    const offenbach = await member('offenbach', 'county', 'Kreis Offenbach', 'DE', 'DE-HE', 'Europe/Berlin', 'core-city', 'mentoring');
    const ravenna = await member('ravenna', 'city', 'Ravenna', 'IT', 'IT-45', 'Europe/Rome', 'fellow-city', 'implementing');
    const cartagena = await member('cartagena', 'city', 'Cartagena', 'ES', 'ES-MC', 'Europe/Madrid', 'fellow-city', 'implementing');
    const bologna = await member('bologna', 'city', 'Bologna', 'IT', 'IT-45', 'Europe/Rome', 'fellow-city', 'implementing');
    const accem = await member('accem', 'partner-organisation', 'ACCEM', 'ES', 'ES-MD', 'Europe/Madrid', 'partner');
    await waitFor(async () => (await this.practice.count('participations')) === 5, { description: "practice's copies of the participations" });
    const p = this.practice;
    const { id: communityId } = await created(
      p.http.post(p.path('communities')).send({ projectId, name: 'One-stop-shops', theme: 'One-stop-shops', leadMemberId: offenbach, memberIds: [ravenna, cartagena] }),
      'community',
    );
    await waitFor(async () => (await this.exchanges.count('participations')) === 5 && (await this.exchanges.count('communities')) === 1, {
      description: "exchanges' copies of the participations and the community",
    });
    return { networkId, projectId, communityId, offenbach, ravenna, cartagena, accem, bologna };
  }

  /** People of a member, once exchanges' copies have them. */
  async givenPeople(memberId: string, n: number): Promise<string[]> {
    const m = this.membership;
    const ids: string[] = [];
    for (let i = 0; i < n; i++) {
      const { id } = await created(
        m.http.post(m.path('people')).send({
          memberId,
          givenName: `Staff${i}`,
          familyName: `x${randomSuffix()}`,
          email: `staff${i}.${randomSuffix()}@example.org`,
          functions: ['integration-officer'],
          preferredLanguage: 'en',
        }),
        'person',
      );
      ids.push(id);
    }
    await waitFor(
      async () => {
        const [{ n: known }] = await this.exchanges.db.query(`SELECT count(*)::int AS n FROM people WHERE id = ANY ($1::uuid[]) AND NOT erased`, [ids]);
        return known === ids.length;
      },
      { description: `exchanges' copies of ${n} people` },
    );
    return ids;
  }

  liaisonOf(world: ExchangeWorld, memberId: string): Promise<string> {
    return this.exchanges.tokenFor(`liaison-${memberId}@example.org`, { role: 'city-liaison', networkId: world.networkId, memberId });
  }
}

export async function created(req: PromiseLike<{ status: number; body: { id: string } }>, what: string): Promise<{ id: string }> {
  const res = await req;
  if (res.status !== 201) throw new Error(`creating ${what}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}
