import { ServiceUnderTest, TestNode } from '@intercity/service-testing';
import { jetstream } from '@nats-io/jetstream';
import { connectTestNats, randomSuffix, waitFor } from '@intercity/testing';
import { Clock } from '@intercity/platform';
// Membership runs for real beside grants, on the same node and namespace, so the copies are fed
// through the real transport. Test code only; grants' code never imports it.
// eslint-disable-next-line @nx/enforce-module-boundaries
import { membershipDefinition } from '../../../membership/src/membership.service-definition';
import { grantsDefinition } from '../../src/grants.service-definition';

export interface GrantsWorld {
  networkId: string;
  projectId: string;
  ravenna: string;
  cartagena: string;
  accem: string;
  /** Twenty more cities, for races over the envelope. */
  others: string[];
}

/** One node running membership and grants (its scheduled check off: tests run it themselves). */
export class GrantsNode extends TestNode {
  membership!: ServiceUnderTest;
  grants!: ServiceUnderTest;

  constructor() {
    super('grants');
  }

  /** `grantsEnv` sets grants apart, e.g. as a hub's (`FEDERATION_ROLE=hub`) beside a standalone membership. */
  async startBoth(grantsEnv: Record<string, string> = {}): Promise<void> {
    await this.startIssuer();
    const token = await this.operatorToken();
    this.membership = new ServiceUnderTest(await this.start(membershipDefinition(this.configFor('membership'))), 'membership', this.issuer, token);
    this.grants = new ServiceUnderTest(await this.start(grantsDefinition(this.configFor('grants', grantsEnv), { watchEveryMs: 0 })), 'grants', this.issuer, token);
  }

  /** Publishes a city's events into this node's streams of their services, as the hub's ingest gate republishes what it accepts. */
  async fromCity(envelopes: readonly { id: string; type: string }[]): Promise<void> {
    const nc = await connectTestNats();
    try {
      const js = jetstream(nc);
      for (const e of envelopes) await js.publish(`${this.namespace.ns.subjectPrefix}${e.type}`, JSON.stringify(e), { msgID: e.id });
    } finally {
      await nc.close();
    }
  }

  /** Membership goes down (its app closed); grants keeps running on its copies. */
  async stopMembership(): Promise<void> {
    await this.membership.app.close();
  }

  /** Moves grants' clock to noon UTC of a day. */
  setToday(day: string): void {
    const now = new Date(`${day}T12:00:00Z`);
    this.grants.app.get(Clock).now = () => now;
  }

  /** `ravennaHome`: the node Ravenna runs (registered here), when it runs its own. */
  async givenWorld(extraCities = 0, ravennaHome = 'hub'): Promise<GrantsWorld> {
    const m = this.membership;
    await created(m.http.post(m.path('nodes')).send({ id: 'hub', name: 'Hub', baseUrl: 'http://localhost:8080', hub: false }), 'node');
    if (ravennaHome !== 'hub') await created(m.http.post(m.path('nodes')).send({ id: ravennaHome, name: 'Ravenna', baseUrl: 'http://localhost:8081', hub: false }), 'node');
    const { id: networkId } = await created(m.http.post(m.path('networks')).send({ slug: `net-${randomSuffix()}`, name: 'ECCIPA' }), 'network');
    const { id: projectId } = await created(
      m.http.post(m.path('projects')).send({ networkId, code: 'ECCIPA', name: 'ECCIPA', startsOn: '2024-01-01', endsOn: '2027-12-31', status: 'running' }),
      'project',
    );
    const member = async (slug: string, kind: string, name: string, country: string, timeZone: string, homeNodeId = 'hub') =>
      (await created(m.http.post(m.path('members')).send({ networkId, slug, kind, name, legalName: name, country, timeZone, languages: ['en'], homeNodeId }), 'member')).id;
    const ravenna = await member('ravenna', 'city', 'Ravenna', 'IT', 'Europe/Rome', ravennaHome);
    const cartagena = await member('cartagena', 'city', 'Cartagena', 'ES', 'Europe/Madrid');
    const accem = await member('accem', 'partner-organisation', 'ACCEM', 'ES', 'Europe/Madrid');
    const others: string[] = [];
    for (let i = 0; i < extraCities; i++) others.push(await member(`city-${i}`, 'city', `City ${i}`, 'DE', 'Europe/Berlin'));
    await waitFor(async () => (await this.grants.count('members')) === 3 + extraCities && (await this.grants.count('projects')) === 1, {
      description: "grants' copies of the members and the project",
      timeoutMs: 30_000,
    });
    return { networkId, projectId, ravenna, cartagena, accem, others };
  }

  officer(world: GrantsWorld): Promise<string> {
    return this.grants.tokenFor('officer@eccipa.example.org', { role: 'grant-officer', networkId: world.networkId });
  }

  liaison(world: GrantsWorld, memberId: string): Promise<string> {
    return this.grants.tokenFor(`liaison-${memberId}@example.org`, { role: 'city-liaison', networkId: world.networkId, memberId });
  }
}

export async function created(req: PromiseLike<{ status: number; body: { id: string } }>, what: string): Promise<{ id: string }> {
  const res = await req;
  if (res.status !== 201) throw new Error(`creating ${what}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

export const eur = (minor: number | bigint) => ({ amountMinor: String(minor), currency: 'EUR' });

/** A programme like ECCIPA's: EUR 248,993 over 30 months, interim and final reports. */
export function programmeBody(projectId: string, fields: Record<string, unknown> = {}) {
  return {
    projectId,
    funder: 'Erasmus+',
    name: 'ECCIPA sub-grants',
    currency: 'EUR',
    envelope: eur(24_899_300),
    period: { from: '2024-01-01', to: '2026-06-30' },
    reportingCalendar: [
      { key: 'interim-2024', kind: 'interim', period: { from: '2024-01-01', to: '2024-12-31' }, dueOn: '2025-01-31' },
      { key: 'final', kind: 'final', period: { from: '2024-01-01', to: '2026-06-30' }, dueOn: '2026-07-31' },
    ],
    ...fields,
  };
}

/** An award body: the amount split over staff and travel. */
export function awardBody(memberId: string, minor: number, fields: Record<string, unknown> = {}) {
  const staff = Math.floor(minor * 0.75);
  return {
    memberId,
    actionPlan: { title: 'One-stop-shop for newcomers', objectives: ['Open a single front door'], stakeholders: ['ACCEM'], endorsementDocumentRef: 'council-decision-2024-17' },
    awarded: eur(minor),
    budgetLines: [
      { category: 'staff', amount: eur(staff) },
      { category: 'travel', amount: eur(minor - staff) },
    ],
    period: { from: '2024-02-01', to: '2026-06-30' },
    ...fields,
  };
}
