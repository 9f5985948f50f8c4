import { randomSuffix, TestGrant } from '@intercity/testing';
import { created, francesca, givenMember, givenNetwork, ravenna } from './support/fixtures';
import { MembershipUnderTest, TestNode } from './support/membership-app';
import { expectProblem } from './support/problems';
import { AppRoute, fillPath, isMutating, isReadNeedingToken, routesOf, tableCoverage } from '@intercity/service-testing';

/**
 * Who may do what (ARCHITECTURE §5), checked against every route the running app serves: each
 * mutating route has an entry below with the expected answer for every role, for the caller's own
 * city and for another city; a route added without an entry, or an entry whose route is gone,
 * fails the first test.
 */

/** Who calls. The city liaison serves city A ("own city"); the others act in network N unless said. */
const CALLERS = ['operator', 'network admin', 'city liaison', 'grant officer', 'viewer', 'admin of another network', 'anonymous'] as const;
type Caller = (typeof CALLERS)[number];

type Expected = 200 | 201 | 401 | '403 access.role' | '403 access.network' | '403 access.own-city' | `404 ${string}.exists`;

/** Network N with its node and a project, a second network M, and cities A and B in N with a person and a participation each. */
interface World {
  nodeId: string;
  n: string;
  m: string;
  projectId: string;
  a: string;
  b: string;
  personOfA: string;
  personOfB: string;
  participationOfA: string;
  participationOfB: string;
}

interface CellRequest {
  params?: Record<string, string>;
  body?: object;
  /** The city the liaison serves in this cell, when the request acts on a fresh one instead of A. */
  ownCity?: string;
}

interface CaseSpec {
  /** Builds the request, creating (as the operator) whatever the cell changes, so cells do not interfere. */
  request: (f: Fixtures) => Promise<CellRequest>;
  expect: Record<Caller, Expected>;
}

/** A city's data is tried as the liaison's own city and as another; network-wide data has no city. */
type RouteSpec = { 'own city': CaseSpec; 'other city': CaseSpec } | { 'no city': CaseSpec };

/** Fresh objects in network N, made by the operator. */
class Fixtures {
  private day = 0;

  constructor(
    private readonly m: MembershipUnderTest,
    readonly w: World,
  ) {}

  async member(): Promise<string> {
    return (await givenMember(this.m, this.w.n, this.w.nodeId, { slug: `city-${randomSuffix()}` })).id;
  }

  async person(memberId: string): Promise<string> {
    return (await created(await this.m.http.post(this.m.path('people')).send(personOf(memberId)), 'person')).id;
  }

  async project(): Promise<string> {
    return (await created(await this.m.http.post(this.m.path('projects')).send(projectIn(this.w.n)), 'project')).id;
  }

  /** A running participation of the member, in a project of its own so it can be ended. */
  async participation(memberId: string): Promise<string> {
    const projectId = await this.project();
    const res = await this.m.http.post(this.m.path('participations')).send({ projectId, memberId, role: 'core-city', from: '2020-01-01' });
    return (await created(res, 'participation')).id;
  }

  /** A different day of 2021 at each call, so an update always changes something. */
  nextDay(): string {
    this.day += 1;
    return new Date(Date.UTC(2021, 0, this.day)).toISOString().slice(0, 10);
  }
}

const personOf = (memberId: string) => ({ ...francesca(memberId), email: `person-${randomSuffix()}@city.example.org` });
const projectIn = (networkId: string) => ({
  networkId,
  code: `P-${randomSuffix()}`,
  name: 'CONNECTION',
  startsOn: '2020-01-01',
  endsOn: '2022-12-31',
  status: 'running',
});

const MUTATIONS: Record<string, RouteSpec> = {
  'POST /api/membership/nodes': {
    'no city': {
      request: async () => ({ body: { id: `node-${randomSuffix()}`, name: 'A city node', baseUrl: 'https://node.example.org', hub: false } }),
      expect: { operator: 201, 'network admin': '403 access.network', 'city liaison': '403 access.role', 'grant officer': '403 access.role', viewer: '403 access.role', 'admin of another network': '403 access.network', anonymous: 401 },
    },
  },
  'POST /api/membership/networks': {
    'no city': {
      request: async () => ({ body: { slug: `net-${randomSuffix()}`, name: 'Another network' } }),
      expect: { operator: 201, 'network admin': '403 access.network', 'city liaison': '403 access.role', 'grant officer': '403 access.role', viewer: '403 access.role', 'admin of another network': '403 access.network', anonymous: 401 },
    },
  },
  'PATCH /api/membership/networks/:id': {
    'no city': {
      request: async ({ w }) => ({ params: { id: w.n }, body: { name: `Eurocities ${randomSuffix()}` } }),
      expect: { operator: 200, 'network admin': 200, 'city liaison': '403 access.role', 'grant officer': '403 access.role', viewer: '403 access.role', 'admin of another network': '403 access.network', anonymous: 401 },
    },
  },
  'POST /api/membership/projects': {
    'no city': {
      request: async ({ w }) => ({ body: projectIn(w.n) }),
      expect: { operator: 201, 'network admin': 201, 'city liaison': '403 access.role', 'grant officer': '403 access.role', viewer: '403 access.role', 'admin of another network': '403 access.network', anonymous: 401 },
    },
  },
  'PATCH /api/membership/projects/:id': {
    'no city': {
      request: async ({ w }) => ({ params: { id: w.projectId }, body: { name: `CONNECTION ${randomSuffix()}` } }),
      expect: { operator: 200, 'network admin': 200, 'city liaison': '403 access.role', 'grant officer': '403 access.role', viewer: '403 access.role', 'admin of another network': '403 access.network', anonymous: 401 },
    },
  },
  'POST /api/membership/members': {
    'no city': {
      request: async ({ w }) => ({ body: { ...ravenna(w.n, w.nodeId), slug: `city-${randomSuffix()}` } }),
      expect: { operator: 201, 'network admin': 201, 'city liaison': '403 access.role', 'grant officer': '403 access.role', viewer: '403 access.role', 'admin of another network': '403 access.network', anonymous: 401 },
    },
  },
  'PATCH /api/membership/members/:id': {
    'own city': {
      request: async ({ w }) => ({ params: { id: w.a }, body: { name: `Ravenna ${randomSuffix()}` } }),
      expect: { operator: 200, 'network admin': 200, 'city liaison': 200, 'grant officer': '403 access.role', viewer: '403 access.role', 'admin of another network': '403 access.network', anonymous: 401 },
    },
    'other city': {
      request: async ({ w }) => ({ params: { id: w.b }, body: { name: `Braga ${randomSuffix()}` } }),
      expect: { operator: 200, 'network admin': 200, 'city liaison': '403 access.own-city', 'grant officer': '403 access.role', viewer: '403 access.role', 'admin of another network': '403 access.network', anonymous: 401 },
    },
  },
  'POST /api/membership/members/:id/leave': {
    'own city': {
      request: async (f) => {
        const city = await f.member();
        return { params: { id: city }, body: { leftOn: '2024-06-30' }, ownCity: city };
      },
      expect: { operator: 200, 'network admin': 200, 'city liaison': '403 access.role', 'grant officer': '403 access.role', viewer: '403 access.role', 'admin of another network': '403 access.network', anonymous: 401 },
    },
    'other city': {
      request: async (f) => ({ params: { id: await f.member() }, body: { leftOn: '2024-06-30' } }),
      expect: { operator: 200, 'network admin': 200, 'city liaison': '403 access.role', 'grant officer': '403 access.role', viewer: '403 access.role', 'admin of another network': '403 access.network', anonymous: 401 },
    },
  },
  'POST /api/membership/participations': {
    'own city': {
      request: async (f) => ({ body: { projectId: await f.project(), memberId: f.w.a, role: 'core-city', from: '2020-01-01' } }),
      expect: { operator: 201, 'network admin': 201, 'city liaison': '403 access.role', 'grant officer': '403 access.role', viewer: '403 access.role', 'admin of another network': '403 access.network', anonymous: 401 },
    },
    'other city': {
      request: async (f) => ({ body: { projectId: await f.project(), memberId: f.w.b, role: 'core-city', from: '2020-01-01' } }),
      expect: { operator: 201, 'network admin': 201, 'city liaison': '403 access.role', 'grant officer': '403 access.role', viewer: '403 access.role', 'admin of another network': '403 access.network', anonymous: 401 },
    },
  },
  'PATCH /api/membership/participations/:id': {
    'own city': {
      request: async (f) => ({ params: { id: f.w.participationOfA }, body: { to: f.nextDay() } }),
      expect: { operator: 200, 'network admin': 200, 'city liaison': '403 access.role', 'grant officer': '403 access.role', viewer: '403 access.role', 'admin of another network': '403 access.network', anonymous: 401 },
    },
    'other city': {
      request: async (f) => ({ params: { id: f.w.participationOfB }, body: { to: f.nextDay() } }),
      expect: { operator: 200, 'network admin': 200, 'city liaison': '403 access.role', 'grant officer': '403 access.role', viewer: '403 access.role', 'admin of another network': '403 access.network', anonymous: 401 },
    },
  },
  'POST /api/membership/participations/:id/end': {
    'own city': {
      request: async (f) => ({ params: { id: await f.participation(f.w.a) }, body: { endedOn: '2021-06-30' } }),
      expect: { operator: 200, 'network admin': 200, 'city liaison': '403 access.role', 'grant officer': '403 access.role', viewer: '403 access.role', 'admin of another network': '403 access.network', anonymous: 401 },
    },
    'other city': {
      request: async (f) => ({ params: { id: await f.participation(f.w.b) }, body: { endedOn: '2021-06-30' } }),
      expect: { operator: 200, 'network admin': 200, 'city liaison': '403 access.role', 'grant officer': '403 access.role', viewer: '403 access.role', 'admin of another network': '403 access.network', anonymous: 401 },
    },
  },
  'POST /api/membership/people': {
    'own city': {
      request: async ({ w }) => ({ body: personOf(w.a) }),
      expect: { operator: 201, 'network admin': 201, 'city liaison': 201, 'grant officer': '403 access.role', viewer: '403 access.role', 'admin of another network': '403 access.network', anonymous: 401 },
    },
    'other city': {
      request: async ({ w }) => ({ body: personOf(w.b) }),
      expect: { operator: 201, 'network admin': 201, 'city liaison': '403 access.own-city', 'grant officer': '403 access.role', viewer: '403 access.role', 'admin of another network': '403 access.network', anonymous: 401 },
    },
  },
  'PATCH /api/membership/people/:id': {
    'own city': {
      request: async ({ w }) => ({ params: { id: w.personOfA }, body: { givenName: `Francesca ${randomSuffix()}` } }),
      expect: { operator: 200, 'network admin': 200, 'city liaison': 200, 'grant officer': '403 access.role', viewer: '403 access.role', 'admin of another network': '403 access.network', anonymous: 401 },
    },
    'other city': {
      request: async ({ w }) => ({ params: { id: w.personOfB }, body: { givenName: `João ${randomSuffix()}` } }),
      expect: { operator: 200, 'network admin': 200, 'city liaison': '403 access.own-city', 'grant officer': '403 access.role', viewer: '403 access.role', 'admin of another network': '403 access.network', anonymous: 401 },
    },
  },
  'POST /api/membership/people/:id/erasure': {
    'own city': {
      request: async (f) => ({ params: { id: await f.person(f.w.a) } }),
      expect: { operator: 200, 'network admin': 200, 'city liaison': 200, 'grant officer': '403 access.role', viewer: '403 access.role', 'admin of another network': '403 access.network', anonymous: 401 },
    },
    'other city': {
      request: async (f) => ({ params: { id: await f.person(f.w.b) } }),
      expect: { operator: 200, 'network admin': 200, 'city liaison': '403 access.own-city', 'grant officer': '403 access.role', viewer: '403 access.role', 'admin of another network': '403 access.network', anonymous: 401 },
    },
  },
};

/** Reading needs a token; any role in any network reads, except the audit trail, which is the admins'. */
const ANY_ROLE_READS: Record<Caller, Expected> = {
  operator: 200,
  'network admin': 200,
  'city liaison': 200,
  'grant officer': 200,
  viewer: 200,
  'admin of another network': 200,
  anonymous: 401,
};
/** One of network N's aggregates by id: to someone with no role in N it does not exist. */
const notInOtherNetworks = (what: string): Record<Caller, Expected> => ({ ...ANY_ROLE_READS, 'admin of another network': `404 ${what}.exists` });
const ADMINS_READ: Record<Caller, Expected> = {
  operator: 200,
  'network admin': 200,
  'city liaison': '403 access.role',
  'grant officer': '403 access.role',
  viewer: '403 access.role',
  'admin of another network': 200,
  anonymous: 401,
};

const READS: Record<string, { params?: (w: World) => Record<string, string>; expect: Record<Caller, Expected> }> = {
  'GET /api/membership/audit': { expect: ADMINS_READ },
  'GET /api/membership/nodes': { expect: ANY_ROLE_READS },
  'GET /api/membership/nodes/:id': { params: (w) => ({ id: w.nodeId }), expect: ANY_ROLE_READS },
  // What the hub has read of a city node's streams: the operators' and admins' to watch.
  'GET /api/membership/nodes/:id/link': { params: (w) => ({ id: w.nodeId }), expect: ADMINS_READ },
  'GET /api/membership/networks': { expect: ANY_ROLE_READS },
  'GET /api/membership/networks/:id': { params: (w) => ({ id: w.n }), expect: notInOtherNetworks('network') },
  'GET /api/membership/projects': { expect: ANY_ROLE_READS },
  'GET /api/membership/projects/:id': { params: (w) => ({ id: w.projectId }), expect: notInOtherNetworks('project') },
  'GET /api/membership/members': { expect: ANY_ROLE_READS },
  'GET /api/membership/members/:id': { params: (w) => ({ id: w.a }), expect: notInOtherNetworks('member') },
  'GET /api/membership/participations': { expect: ANY_ROLE_READS },
  'GET /api/membership/participations/:id': { params: (w) => ({ id: w.participationOfA }), expect: notInOtherNetworks('participation') },
  'GET /api/membership/people': { expect: ANY_ROLE_READS },
  'GET /api/membership/people/:id': { params: (w) => ({ id: w.personOfA }), expect: notInOtherNetworks('person') },
};

/** Open without a token, on purpose: the probes and the scrape, outside the API prefix. */
const PUBLIC_ROUTES = ['GET /health/live', 'GET /health/ready', 'GET /metrics'];

const subjectOf = (who: Caller) => `${who.replace(/ /g, '-')}@matrix.example`;

function grantsOf(who: Exclude<Caller, 'anonymous'>, w: World, ownCity: string): TestGrant[] {
  switch (who) {
    case 'operator':
      return [{ role: 'network-admin', networkId: '*' }];
    case 'network admin':
      return [{ role: 'network-admin', networkId: w.n }];
    case 'city liaison':
      return [{ role: 'city-liaison', networkId: w.n, memberId: ownCity }];
    case 'grant officer':
      return [{ role: 'grant-officer', networkId: w.n }];
    case 'viewer':
      return [{ role: 'viewer', networkId: w.n }];
    case 'admin of another network':
      return [{ role: 'network-admin', networkId: w.m }];
  }
}

describe('who may do what, route by route', () => {
  const node = new TestNode();
  let m: MembershipUnderTest;
  let routes: AppRoute[];
  let f: Fixtures;

  beforeAll(async () => {
    m = await node.startMembership();
    routes = routesOf(m.app);
    const { nodeId, networkId: n, projectId } = await givenNetwork(m);
    const other = await created(await m.http.post(m.path('networks')).send({ slug: `net-${randomSuffix()}`, name: 'ECCIPA' }), 'network');
    const a = (await givenMember(m, n, nodeId, { slug: 'ravenna' })).id;
    const b = (await givenMember(m, n, nodeId, { slug: 'braga', name: 'Braga', legalName: 'Município de Braga', country: 'PT', region: null, timeZone: 'Europe/Lisbon', languages: ['pt'] })).id;
    const assign = async (memberId: string) =>
      (await created(await m.http.post(m.path('participations')).send({ projectId, memberId, role: 'core-city', from: '2020-01-01' }), 'participation')).id;
    const w: World = { nodeId, n, m: other.id, projectId, a, b, personOfA: '', personOfB: '', participationOfA: await assign(a), participationOfB: await assign(b) };
    f = new Fixtures(m, w);
    w.personOfA = await f.person(a);
    w.personOfB = await f.person(b);
  });
  afterAll(() => node.stop());

  async function call(who: Caller, method: string, path: string, ownCity: string, body?: object) {
    const token = who === 'anonymous' ? undefined : await m.tokenFor(subjectOf(who), ...grantsOf(who, f.w, ownCity));
    const agent = m.as(token);
    const req = method === 'GET' ? agent.get(path) : method === 'POST' ? agent.post(path) : method === 'PATCH' ? agent.patch(path) : method === 'PUT' ? agent.put(path) : agent.delete(path);
    return body === undefined ? req : req.send(body);
  }

  async function lastOutboxSeq(): Promise<number> {
    const [{ seq }] = await m.db.query('SELECT coalesce(max(seq), 0)::int AS seq FROM outbox');
    return seq;
  }

  it('has an entry for every mutating route the app serves, and none for a route it does not', () => {
    expect(tableCoverage(routes, Object.keys(MUTATIONS), isMutating)).toEqual({ withoutEntry: [], noLongerServed: [] });
  });

  it('has an entry for every read that needs a token, and only the probes and the scrape are public', () => {
    expect(tableCoverage(routes, Object.keys(READS), isReadNeedingToken)).toEqual({ withoutEntry: [], noLongerServed: [] });
    expect(routes.filter((r) => r.access?.kind === 'public').map((r) => r.key)).toEqual(PUBLIC_ROUTES);
  });

  it('refuses a verified person who holds no role on the node, even for reading', async () => {
    const res = await m.as(await m.tokenFor('signed-in-but-nobody@matrix.example')).get(m.path('members'));
    expect(res.status).toBe(403);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body.rule).toBe('access.no-role');
  });

  it("lists only the networks' data the person holds a role in", async () => {
    const asOtherAdmin = m.as(await m.tokenFor('admin-of-m@matrix.example', { role: 'network-admin', networkId: f.w.m }));
    const members = await asOtherAdmin.get(m.path('members'));
    const people = await asOtherAdmin.get(m.path('people'));
    const participations = await asOtherAdmin.get(m.path('participations'));
    const networks = await asOtherAdmin.get(m.path('networks'));
    expect({ members: members.body.total, people: people.body.total, participations: participations.body.total }).toEqual({ members: 0, people: 0, participations: 0 });
    expect(networks.body.items.map((n: { id: string }) => n.id)).toEqual([f.w.m]);
    const asOperator = await m.http.get(m.path(`members?networkId=${f.w.n}`));
    expect(asOperator.body.items.map((x: { id: string }) => x.id)).toEqual(expect.arrayContaining([f.w.a, f.w.b]));
  });

  describe.each(Object.entries(MUTATIONS))('%s', (route, spec) => {
    const [method, pattern] = route.split(' ');
    describe.each(Object.entries(spec as Record<string, CaseSpec>))('on %s data', (_, { request, expect: expected }) => {
      it.each(CALLERS.map((who) => [who, expected[who]] as const))('as %s: %s', async (who, outcome) => {
        const { params, body, ownCity } = await request(f);
        const path = fillPath(pattern, params);
        const before = await m.snapshot();
        const since = await lastOutboxSeq();

        const res = await call(who, method, path, ownCity ?? f.w.a, body);

        if (typeof outcome === 'number' && outcome < 300) {
          expect({ status: res.status, body: res.body }).toEqual({ status: outcome, body: expect.anything() });
          // The change is recorded, and recorded as this person's.
          const actors: { actor: { kind: string; id: string } }[] = await m.db.query(`SELECT envelope->'actor' AS actor FROM outbox WHERE seq > $1`, [since]);
          expect(actors.length).toBeGreaterThan(0);
          for (const { actor } of actors) expect(actor).toMatchObject({ kind: 'person', id: subjectOf(who) });
          return;
        }
        if (outcome === 401) {
          expectProblem(res, 401, { rule: 'auth.bearer' });
        } else {
          const [status, rule] = String(outcome).split(' ');
          expectProblem(res, Number(status), { rule });
          expect(res.body.detail).toEqual(expect.any(String));
        }
        // A refusal changes nothing: no row, no event, no audit entry.
        expect(await m.snapshot()).toEqual(before);
      });
    });
  });

  describe.each(Object.entries(READS))('%s', (route, { params, expect: expected }) => {
    const [method, pattern] = route.split(' ');
    it.each(CALLERS.map((who) => [who, expected[who]] as const))('as %s: %s', async (who, outcome) => {
      const res = await call(who, method, fillPath(pattern, params?.(f.w)), f.w.a);
      if (outcome === 200) {
        expect({ status: res.status, type: res.headers['content-type'] }).toEqual({ status: 200, type: expect.stringMatching(/^application\/json/) });
      } else if (outcome === 401) {
        expectProblem(res, 401, { rule: 'auth.bearer' });
      } else {
        const [status, rule] = String(outcome).split(' ');
        expectProblem(res, Number(status), { rule });
      }
    });
  });
});
