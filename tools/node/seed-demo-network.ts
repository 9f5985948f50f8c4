import { CONNECTION_COMMUNITIES } from './demo-communities.data';
import { DEMO_NETWORKS, DemoCity } from './demo-network.data';

/** A small client for the membership API through the edge: the seed goes where users' requests go. */
class MembershipApi {
  constructor(
    private readonly baseUrl: string,
    private readonly token: string,
  ) {}

  private get headers() {
    return { authorization: `Bearer ${this.token}` };
  }

  async find(resource: string, filter: Record<string, string>): Promise<{ id: string } | undefined> {
    const qs = new URLSearchParams({ ...filter, limit: '1' });
    const res = await fetch(`${this.baseUrl}/api/membership/${resource}?${qs}`, { headers: this.headers });
    if (!res.ok) throw new Error(`GET ${resource}?${qs}: ${res.status} ${await res.text()}`);
    const body = (await res.json()) as { items: { id: string }[] };
    return body.items[0];
  }

  async exists(path: string): Promise<boolean> {
    const res = await fetch(`${this.baseUrl}/api/membership/${path}`, { headers: this.headers });
    if (res.status === 404) return false;
    if (!res.ok) throw new Error(`GET ${path}: ${res.status} ${await res.text()}`);
    return true;
  }

  async create(resource: string, body: object): Promise<{ id: string }> {
    const res = await fetch(`${this.baseUrl}/api/membership/${resource}`, {
      method: 'POST',
      headers: { ...this.headers, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`POST ${resource}: ${res.status} ${await res.text()}`);
    return (await res.json()) as { id: string };
  }

  /** Looks the thing up by its natural key first, so a second run seeds nothing twice. */
  async ensure(resource: string, key: Record<string, string>, body: object): Promise<{ id: string; created: boolean }> {
    const found = await this.find(resource, key);
    if (found) return { id: found.id, created: false };
    return { ...(await this.create(resource, body)), created: true };
  }
}

const emailOf = (given: string, family: string, member: DemoCity) =>
  `${`${given}.${family}`.normalize('NFD').replace(/[^\w.]/g, '').toLowerCase()}@${member.slug}.example.org`;

export interface SeedResult {
  summary: string;
  /** Ids by slug, so demo identities can name their network and city. */
  networks: Record<string, string>;
  members: Record<string, string>;
  connectionNetworkId: string;
  connectionProjectId: string;
  created: number;
}

/** A city node of a network: home to some of the demo's members, whose people are registered there. */
export interface SeedCityNode {
  id: string;
  baseUrl: string;
  /** The slugs of the members whose home it is. */
  homeOf: string[];
}

export interface SeedNode {
  /** The node seeded through: a single node, or a network's hub. */
  nodeId: string;
  nodeUrl: string;
  /** A network's city nodes (none for a single node); its hub's JetStream domain is its id. */
  cities?: SeedCityNode[];
}

/**
 * Seeds through the API with the operator's token: the same code paths, checks and events as any
 * user's request. In a network, the nodes are registered at the hub with their JetStream domains;
 * the members a city node is home to name it, and their people are registered at that node, once
 * its copies of the hub's members have the member (the hub would refuse them with 409).
 */
export async function seedDemoNetwork(baseUrl: string, token: string, node: SeedNode): Promise<SeedResult> {
  const api = new MembershipApi(baseUrl, token);
  const cities = node.cities ?? [];
  const homeOf = (slug: string) => cities.find((c) => c.homeOf.includes(slug));
  const memberIds: Record<string, string> = {};
  const personIds: Record<string, string> = {};
  let created = 0;
  const count = <T extends { created: boolean }>(r: T) => ((created += r.created ? 1 : 0), r);

  created += await registerNodes(baseUrl, token, node);

  const ids: Record<string, { networkId: string; projectId: string }> = {};
  let members = 0;
  let people = 0;
  for (const net of DEMO_NETWORKS) {
    const network = count(await api.ensure('networks', { slug: net.slug }, { slug: net.slug, name: net.name, description: net.description }));
    const project = count(await api.ensure('projects', { networkId: network.id, code: net.project.code }, { networkId: network.id, ...net.project }));
    ids[net.slug] = { networkId: network.id, projectId: project.id };
    for (const m of net.members) {
      const { people: staff, role, experienceLevel, ...fields } = m;
      const home = homeOf(m.slug);
      const member = count(await api.ensure('members', { networkId: network.id, slug: m.slug }, { networkId: network.id, ...fields, homeNodeId: home?.id ?? node.nodeId }));
      members++;
      memberIds[m.slug] = member.id;
      count(
        await api.ensure(
          'participations',
          { projectId: project.id, memberId: member.id },
          { projectId: project.id, memberId: member.id, role, ...(experienceLevel ? { experienceLevel } : {}), from: net.project.startsOn, to: net.project.endsOn },
        ),
      );
      const peopleApi = home ? new MembershipApi(home.baseUrl, token) : api;
      if (home) await untilCopied(peopleApi, home.id, network.id, m.slug);
      for (const [givenName, familyName, functions] of staff) {
        const email = emailOf(givenName, familyName, m);
        const person = count(await peopleApi.ensure('people', { memberId: member.id, email }, { memberId: member.id, givenName, familyName, email, functions, preferredLanguage: m.languages[0] }));
        personIds[email] = person.id;
        people++;
      }
    }
  }
  const communities = await seedCommunities(baseUrl, token, ids.eurocities.projectId, memberIds, personIds['hannah.price@migrationwork.example.org']);
  created += communities.created;
  const pairings = await seedPairings(baseUrl, token, ids.eurocities.projectId, memberIds);
  created += pairings.created;
  created += await seedGrants(baseUrl, token, ids.eurocities.projectId, memberIds);

  const c = DEMO_NETWORKS[0];
  const core = c.members.filter((m) => m.role === 'core-city').length;
  const fellow = c.members.filter((m) => m.role === 'fellow-city').length;
  const implementing = c.members.filter((m) => m.experienceLevel === 'implementing').length;
  return {
    summary: `${DEMO_NETWORKS.length} networks, ${members} members, ${people} people, ${communities.total} communities of practice, ${pairings.total} staff-exchange pairings, 7 sub-grants (CONNECTION: ${core} core + ${fellow} fellow cities, ${implementing} implementing)${created ? `; ${created} records created now` : '; already seeded, nothing added'}`,
    networks: Object.fromEntries(Object.entries(ids).map(([slug, v]) => [slug, v.networkId])),
    members: memberIds,
    connectionNetworkId: ids[c.slug].networkId,
    connectionProjectId: ids[c.slug].projectId,
    created,
  };
}

/**
 * Registers the node (and a network's city nodes, with their JetStream domains) at the node seeded
 * through; what is registered already is left alone. Returns how many it registered.
 */
export async function registerNodes(baseUrl: string, token: string, node: SeedNode): Promise<number> {
  const api = new MembershipApi(baseUrl, token);
  const cities = node.cities ?? [];
  const nodes = [
    { id: node.nodeId, name: `Intercity node ${node.nodeId}`, baseUrl: node.nodeUrl, hub: true, ...(cities.length ? { jetstreamDomain: node.nodeId } : {}) },
    ...cities.map((c) => ({ id: c.id, name: `Intercity node ${c.id}`, baseUrl: c.baseUrl, hub: false, jetstreamDomain: c.id })),
  ];
  let created = 0;
  for (const n of nodes) {
    if (await api.exists(`nodes/${n.id}`)) continue;
    await api.create('nodes', n);
    created++;
  }
  return created;
}

/** Waits until a city node's copies of the hub's members hold the member (the hub's events reach it within seconds). */
async function untilCopied(city: MembershipApi, cityId: string, networkId: string, slug: string): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (!(await city.find('members', { networkId, slug }))) {
    if (Date.now() > deadline) throw new Error(`node ${cityId} has no copy of member ${slug} after 120 s: is its link to the hub up? (see its membership log)`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

/**
 * CONNECTION's communities of practice, through practice's API. Practice knows projects and cities
 * from membership's events, so right after a first seed it may not know them yet: it says so (422)
 * and the seed asks again until it does.
 */
async function seedCommunities(
  baseUrl: string,
  token: string,
  projectId: string,
  memberIds: Record<string, string>,
  expertId: string,
): Promise<{ created: number; total: number }> {
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  const listed = await fetch(`${baseUrl}/api/practice/communities?projectId=${projectId}&limit=50`, { headers });
  if (!listed.ok) throw new Error(`GET communities: ${listed.status} ${await listed.text()}`);
  const existing = new Set(((await listed.json()) as { items: { name: string }[] }).items.map((x) => x.name));
  let created = 0;
  for (const community of CONNECTION_COMMUNITIES) {
    if (existing.has(community.name)) continue;
    const body = JSON.stringify({
      projectId,
      name: community.name,
      theme: community.theme,
      leadMemberId: memberIds[community.lead],
      memberIds: community.cities.map((slug) => memberIds[slug]),
      expertIds: [expertId],
    });
    const deadline = Date.now() + 60_000;
    for (;;) {
      const res = await fetch(`${baseUrl}/api/practice/communities`, { method: 'POST', headers, body });
      if (res.ok) break;
      const text = await res.text();
      if (res.status !== 422 || Date.now() > deadline) throw new Error(`POST communities: ${res.status} ${text}`);
      await new Promise((r) => setTimeout(r, 500));
    }
    created++;
  }
  return { created, total: CONNECTION_COMMUNITIES.length };
}

/** Asks until the service's copies know what the request names (422 until then), for a minute at most. */
async function untilKnown(url: string, init: RequestInit): Promise<Response> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const res = await fetch(url, init);
    if (res.ok) return res;
    const text = await res.text();
    if (res.status !== 422 || Date.now() > deadline) throw new Error(`${init.method ?? 'GET'} ${url}: ${res.status} ${text}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

/**
 * CONNECTION's staff exchanges, through exchanges' API: each pairing proposed, accepted for both
 * cities, and dated at the first window the scheduling assistant finds from a month ahead.
 */
async function seedPairings(baseUrl: string, token: string, projectId: string, memberIds: Record<string, string>): Promise<{ created: number; total: number }> {
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  const listed = await fetch(`${baseUrl}/api/practice/communities?projectId=${projectId}&limit=50`, { headers });
  if (!listed.ok) throw new Error(`GET communities: ${listed.status} ${await listed.text()}`);
  const communityIds = new Map(((await listed.json()) as { items: { id: string; name: string }[] }).items.map((c) => [c.name, c.id]));
  const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
  let created = 0;
  let total = 0;
  for (const community of CONNECTION_COMMUNITIES) {
    const communityId = communityIds.get(community.name);
    if (!communityId) throw new Error(`community ${community.name} was not seeded`);
    const existing = await fetch(`${baseUrl}/api/exchanges/pairings?communityId=${communityId}&limit=50`, { headers });
    const known = existing.ok ? ((await existing.json()) as { items: { mentoringMemberId: string; implementingMemberId: string }[] }).items : [];
    for (const [mentoring, implementing] of community.pairings) {
      total++;
      const [m, i] = [memberIds[mentoring], memberIds[implementing]];
      if (known.some((p) => p.mentoringMemberId === m && p.implementingMemberId === i)) continue;
      const body = JSON.stringify({ communityId, mentoringMemberId: m, implementingMemberId: i });
      const pairing = (await (await untilKnown(`${baseUrl}/api/exchanges/pairings`, { method: 'POST', headers, body })).json()) as { id: string };
      for (const city of [m, i]) await untilKnown(`${baseUrl}/api/exchanges/pairings/${pairing.id}/cities/${city}/accept`, { method: 'POST', headers });
      const proposals = await untilKnown(`${baseUrl}/api/exchanges/pairings/${pairing.id}/proposals?from=${day(30)}&to=${day(395)}&maxCandidates=1`, { headers });
      const [first] = ((await proposals.json()) as { candidates: { visitOne: { start: string; end: string }; visitTwo: { start: string; end: string } }[] }).candidates;
      if (first) {
        const dates = JSON.stringify({ visitOne: { start: first.visitOne.start, end: first.visitOne.end }, visitTwo: { start: first.visitTwo.start, end: first.visitTwo.end } });
        await untilKnown(`${baseUrl}/api/exchanges/pairings/${pairing.id}/schedule`, { method: 'PUT', headers, body: dates });
      }
      created++;
    }
  }
  return { created, total };
}

/** What the implementing cities spent their interim money in, and the rate to euro they recorded. */
const INTERIM_SPENDING: Record<string, { currency: string; spentMinor: number; rate?: string }> = {
  braga: { currency: 'EUR', spentMinor: 1_250_000 },
  brno: { currency: 'CZK', spentMinor: 31_000_000, rate: '0.0402' },
  'cluj-napoca': { currency: 'RON', spentMinor: 6_300_000, rate: '0.2021' },
  gdansk: { currency: 'PLN', spentMinor: 5_800_000, rate: '0.2174' },
};

/**
 * CONNECTION's EU sub-grants: EUR 250,000 of AMIF money, EUR 35,000 for each of the seven
 * implementing cities' action plans, signed and pre-financed; four cities reported their interim
 * spending (three of them in their own currency, converted at a recorded rate), it was approved
 * and their interim tranche paid. The others' interim reports are what the officer's watch shows
 * as overdue.
 */
async function seedGrants(baseUrl: string, token: string, projectId: string, memberIds: Record<string, string>): Promise<number> {
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  const api = `${baseUrl}/api/grants`;
  const eur = (minor: number) => ({ amountMinor: String(minor), currency: 'EUR' });
  const listed = await untilKnown(`${api}/programmes?limit=50`, { headers });
  if (((await listed.json()) as { items: { projectId: string }[] }).items.some((p) => p.projectId === projectId)) return 0;
  const programmeBody = JSON.stringify({
    projectId,
    funder: 'EU AMIF',
    name: 'CONNECTION sub-grants for action plans',
    currency: 'EUR',
    envelope: eur(25_000_000),
    period: { from: '2020-01-01', to: '2022-12-31' },
    reportingCalendar: [
      { key: 'interim-2021', kind: 'interim', period: { from: '2020-06-01', to: '2021-12-31' }, dueOn: '2022-01-31' },
      { key: 'final', kind: 'final', period: { from: '2020-06-01', to: '2022-12-31' }, dueOn: '2023-01-31' },
    ],
  });
  const programme = (await (await untilKnown(`${api}/programmes`, { method: 'POST', headers, body: programmeBody })).json()) as { id: string };
  let created = 1;
  const implementing = ['braga', 'brno', 'cluj-napoca', 'gdansk', 'riga', 'tallinn', 'zagreb'];
  for (const city of implementing) {
    const award = JSON.stringify({
      memberId: memberIds[city],
      actionPlan: {
        title: `${city[0].toUpperCase()}${city.slice(1)}: local action plan on integration`,
        objectives: ['A one-stop-shop for newcomers', 'Integration champions trained in every department'],
        stakeholders: ['local NGOs', 'employment office', 'migrant associations'],
        endorsementDocumentRef: `${city}/council-decision-2020`,
      },
      awarded: eur(3_500_000),
      budgetLines: [
        { category: 'staff', amount: eur(2_100_000) },
        { category: 'travel', amount: eur(400_000) },
        { category: 'subcontracting', amount: eur(1_000_000) },
      ],
      period: { from: '2020-06-01', to: '2022-12-31' },
    });
    const sg = (await (await untilKnown(`${api}/programmes/${programme.id}/sub-grants`, { method: 'POST', headers, body: award })).json()) as { id: string };
    await untilKnown(`${api}/sub-grants/${sg.id}/sign`, { method: 'POST', headers, body: JSON.stringify({ signedOn: '2020-06-15', documentRef: `${city}/grant-agreement.pdf` }) });
    await untilKnown(`${api}/sub-grants/${sg.id}/tranches/0/release`, { method: 'POST', headers, body: JSON.stringify({ paidOn: '2020-07-01', paymentReference: `AMIF-${city}-1` }) });
    const spending = INTERIM_SPENDING[city];
    if (spending) {
      const line = { category: 'staff', spent: { amountMinor: String(spending.spentMinor), currency: spending.currency }, ...(spending.rate && { rate: { from: spending.currency, to: 'EUR', rate: spending.rate, rateDate: '2021-12-31' } }) };
      const report = (await (await untilKnown(`${api}/sub-grants/${sg.id}/reports`, { method: 'POST', headers, body: JSON.stringify({ deadlineKey: 'interim-2021', lines: [line] }) })).json()) as { id: string };
      await untilKnown(`${api}/reports/${report.id}/approve`, { method: 'POST', headers, body: '{}' });
      await untilKnown(`${api}/sub-grants/${sg.id}/tranches/1/release`, { method: 'POST', headers, body: JSON.stringify({ paidOn: '2022-03-01', paymentReference: `AMIF-${city}-2` }) });
    }
    created++;
  }
  return created;
}
