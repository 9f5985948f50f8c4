import { AppRoute, fillPath, isMutating, isReadNeedingToken, routesOf, tableCoverage } from '@intercity/service-testing';
import { randomSuffix, TestGrant, waitFor } from '@intercity/testing';
import { at, created, HOUR, PracticeNode, workshop } from './support/practice-node';

/**
 * Who may do what in practice (ARCHITECTURE §5, as the controllers' `@Access` and the services'
 * `requireAccess` implement it), checked against every route the running app serves: each route
 * has an entry below with the expected answer for every caller, on the data of the liaison's own
 * city and of another city where the route acts for a city; a route added without an entry, or an
 * entry whose route is gone, fails the first tests.
 */

/** Who calls. The city liaison serves city A ("own city"); the others act in network N unless said. */
const CALLERS = ['network admin', 'city liaison', 'grant officer', 'viewer', 'admin of another network', 'anonymous'] as const;
type Caller = (typeof CALLERS)[number];

type Expected =
  | 200
  | 201
  | 401
  | '403 access.role'
  | '403 access.network'
  | '403 access.own-city'
  | `404 ${string}.exists`
  // Where a body names what the request acts on, something of another network is not there to name.
  | `422 ${string}.exists`
  | `422 ${string}.known`;

/** Network N with project P; cities A, B and C in P; a second network M; two people of A and of B. */
interface World {
  n: string;
  m: string;
  projectId: string;
  a: string;
  b: string;
  c: string;
  /** A community of P led by C, with A and B as members. */
  communityId: string;
  peopleOfA: [string, string];
  peopleOfB: [string, string];
  resourceId: string;
}

interface CellRequest {
  params?: Record<string, string>;
  body?: object;
}

interface CaseSpec {
  /** Builds the request, creating (as the operator) whatever the cell changes, so cells do not interfere. */
  request: (f: Fixtures) => Promise<CellRequest>;
  expect: Record<Caller, Expected>;
}

/** A city's data is tried as the liaison's own city and as another; network-wide data has no city. */
type RouteSpec = { 'own city': CaseSpec; 'other city': CaseSpec } | { 'no city': CaseSpec };

/** Fresh objects in network N, made by the operator through practice's API. */
class Fixtures {
  constructor(
    private readonly node: PracticeNode,
    readonly w: World,
  ) {}

  private get p() {
    return this.node.practice;
  }

  /** A draft activity of the community hosted by the city. */
  async draft(host: string, fields: Record<string, unknown> = {}): Promise<string> {
    return (await created(this.p.http.post(this.p.path('activities')).send(workshop(this.w.communityId, host, fields)), 'activity')).id;
  }

  async open(host: string, fields: Record<string, unknown> = {}): Promise<string> {
    const id = await this.draft(host, fields);
    await this.ok(this.p.http.post(this.p.path(`activities/${id}/open`)), 'opening activity');
    return id;
  }

  /** An open activity whose one session is under way, so attendance can be taken. */
  async underWay(host: string): Promise<{ activityId: string; sessionId: string }> {
    const activityId = await this.open(host, {
      sessions: [{ startsAt: at(-HOUR), endsAt: at(3 * HOUR) }],
      registrationWindow: { opensAt: at(-24 * HOUR), closesAt: at(2 * HOUR) },
    });
    const res = await this.p.http.get(this.p.path(`activities/${activityId}`));
    return { activityId, sessionId: res.body.sessions[0].id };
  }

  /** An open activity whose only session has ended (moved into the past in its row: the API schedules only ahead). */
  async ended(host: string): Promise<string> {
    const { activityId } = await this.underWay(host);
    await this.p.db.query(
      `UPDATE activities SET sessions = jsonb_build_array(jsonb_build_object('id', sessions->0->>'id', 'startsAt', $2::text, 'endsAt', $3::text)) WHERE id = $1`,
      [activityId, at(-3 * HOUR), at(-2 * HOUR)],
    );
    return activityId;
  }

  /** An activity hosted by the city, asking one session for a certificate, the person marked present at it. */
  async attended(host: string, personId: string): Promise<string> {
    const activityId = await this.open(host, {
      sessions: [{ startsAt: at(-HOUR), endsAt: at(3 * HOUR) }],
      registrationWindow: { opensAt: at(-24 * HOUR), closesAt: at(2 * HOUR) },
      certificate: { minHours: null, minSessions: 1 },
    });
    const sessionId = (await this.p.http.get(this.p.path(`activities/${activityId}`))).body.sessions[0].id;
    await this.registration(activityId, personId);
    await this.ok(
      this.p.http.post(this.p.path(`activities/${activityId}/sessions/${sessionId}/attendance`)).send({ entries: [{ personId, status: 'present' }] }),
      'recording attendance',
    );
    return activityId;
  }

  async certificate(host: string, personId: string): Promise<string> {
    const activityId = await this.attended(host, personId);
    return (await created(this.p.http.post(this.p.path(`activities/${activityId}/certificates/${personId}`)), 'certificate')).id;
  }

  /** A training programme of the given activities (a fresh draft hosted by the city when none). */
  async programme(host: string, activityIds?: string[]): Promise<string> {
    const body = { title: `Programme ${randomSuffix()}`, activityIds: activityIds ?? [await this.draft(host)], certificate: { minHours: null, minSessions: 1 } };
    return (await created(this.p.http.post(this.p.path('programmes')).send(body), 'programme')).id;
  }

  async registration(activityId: string, personId: string): Promise<string> {
    return (await created(this.p.http.post(this.p.path(`activities/${activityId}/registrations`)).send({ personId }), 'registration')).id;
  }

  /** A registration offered the seat another person of the same city gave up. */
  async offered(people: [string, string]): Promise<{ activityId: string; registrationId: string }> {
    const activityId = await this.open(this.w.c, { capacity: 1 });
    const first = await this.registration(activityId, people[0]);
    const registrationId = await this.registration(activityId, people[1]);
    await this.ok(this.p.http.post(this.p.path(`activities/${activityId}/registrations/${first}/cancel`)), 'cancelling the first registration');
    return { activityId, registrationId };
  }

  /** A community of P led by C, with A and B as members. */
  async community(memberIds = [this.w.a, this.w.b]): Promise<string> {
    const body = { projectId: this.w.projectId, name: `Community ${randomSuffix()}`, theme: 'One-stop-shops', leadMemberId: this.w.c, memberIds };
    return (await created(this.p.http.post(this.p.path('communities')).send(body), 'community')).id;
  }

  private async ok(req: PromiseLike<{ status: number; body: unknown }>, what: string): Promise<void> {
    const res = await req;
    if (res.status !== 200) throw new Error(`${what}: ${res.status} ${JSON.stringify(res.body)}`);
  }
}

const resourceIn = (communityId: string) => ({ communityId, kind: 'how-to-guide', language: 'it', title: 'Aprire uno sportello unico', summary: 'Passi, personale e partner', link: 'https://example.org/guides/sportello' });
const content = () => ({ title: `Opening a one-stop-shop ${randomSuffix()}`, summary: 'Steps, staff and partners', link: 'https://example.org/guides/one-stop-shop' });

/** The answers a route open to network admins and host or own city's liaisons gives. */
const organisers = (own: 200 | 201, notInM: Expected): { own: Record<Caller, Expected>; other: Record<Caller, Expected> } => {
  const base = { 'network admin': own, 'grant officer': '403 access.role', viewer: '403 access.role', 'admin of another network': notInM, anonymous: 401 } as const;
  return { own: { ...base, 'city liaison': own }, other: { ...base, 'city liaison': '403 access.own-city' } };
};
/** The answers a route open to network admins only gives. */
const adminsOnly = (ok: 200 | 201, notInM: Expected): Record<Caller, Expected> => ({
  'network admin': ok,
  'city liaison': '403 access.role',
  'grant officer': '403 access.role',
  viewer: '403 access.role',
  'admin of another network': notInM,
  anonymous: 401,
});

/** For a route whose city is the data's: the own-city case with A, the other with B. */
function byCity(build: (f: Fixtures, city: string, people: [string, string]) => Promise<CellRequest>, expected: ReturnType<typeof organisers>): RouteSpec {
  return {
    'own city': { request: (f) => build(f, f.w.a, f.w.peopleOfA), expect: expected.own },
    'other city': { request: (f) => build(f, f.w.b, f.w.peopleOfB), expect: expected.other },
  };
}

const ACTIVITIES = '/api/practice/activities';

const MUTATIONS: Record<string, RouteSpec> = {
  [`POST ${ACTIVITIES}`]: byCity(async (f, city) => ({ body: workshop(f.w.communityId, city) }), organisers(201, '422 activity.community.exists')),
  [`PATCH ${ACTIVITIES}/:id`]: byCity(async (f, city) => ({ params: { id: await f.draft(city) }, body: { title: `Workshop ${randomSuffix()}` } }), organisers(200, '404 activity.exists')),
  [`PUT ${ACTIVITIES}/:id/quotas`]: byCity(
    async (f, city) => ({ params: { id: await f.draft(city) }, body: { cityQuotas: [{ memberId: f.w.b, seats: 2 }] } }),
    organisers(200, '404 activity.exists'),
  ),
  [`POST ${ACTIVITIES}/:id/reschedule`]: byCity(
    async (f, city) => ({ params: { id: await f.draft(city) }, body: { sessions: [{ startsAt: at(30 * 24 * HOUR), endsAt: at(30 * 24 * HOUR + 2 * HOUR) }] } }),
    organisers(200, '404 activity.exists'),
  ),
  [`POST ${ACTIVITIES}/:id/open`]: byCity(async (f, city) => ({ params: { id: await f.draft(city) } }), organisers(200, '404 activity.exists')),
  [`POST ${ACTIVITIES}/:id/close`]: byCity(async (f, city) => ({ params: { id: await f.open(city) } }), organisers(200, '404 activity.exists')),
  [`POST ${ACTIVITIES}/:id/cancel`]: byCity(async (f, city) => ({ params: { id: await f.draft(city) }, body: { reason: 'The venue is closed' } }), organisers(200, '404 activity.exists')),
  [`POST ${ACTIVITIES}/:id/held`]: byCity(async (f, city) => ({ params: { id: await f.ended(city) } }), organisers(200, '404 activity.exists')),
  [`POST ${ACTIVITIES}/:id/sessions/:sessionId/attendance`]: byCity(async (f, city, people) => {
    const { activityId, sessionId } = await f.underWay(city);
    await f.registration(activityId, people[0]);
    return { params: { id: activityId, sessionId }, body: { entries: [{ personId: people[0], status: 'present' }] } };
  }, organisers(200, '404 activity.exists')),
  // The city is the registered person's.
  [`POST ${ACTIVITIES}/:id/registrations`]: byCity(async (f, _, people) => ({ params: { id: await f.open(f.w.c) }, body: { personId: people[0] } }), organisers(201, '404 activity.exists')),
  [`POST ${ACTIVITIES}/:id/registrations/:registrationId/cancel`]: byCity(async (f, _, people) => {
    const id = await f.open(f.w.c);
    return { params: { id, registrationId: await f.registration(id, people[0]) } };
  }, organisers(200, '404 registration.exists')),
  [`POST ${ACTIVITIES}/:id/registrations/:registrationId/accept`]: byCity(async (f, _, people) => {
    const { activityId, registrationId } = await f.offered(people);
    return { params: { id: activityId, registrationId } };
  }, organisers(200, '404 registration.exists')),
  // The city is the activity's host; the person is one of the host's.
  [`POST ${ACTIVITIES}/:id/certificates/:personId`]: byCity(
    async (f, city, people) => ({ params: { id: await f.attended(city, people[0]), personId: people[0] } }),
    organisers(201, '404 activity.exists'),
  ),
  // The city is the host of the programme's activities; the person is one of the host's.
  'POST /api/practice/programmes': byCity(
    async (f, city) => ({ body: { title: `Programme ${randomSuffix()}`, activityIds: [await f.draft(city)], certificate: { minSessions: 1 } } }),
    organisers(201, '422 programme.activity.exists'),
  ),
  'POST /api/practice/programmes/:id/certificates/:personId': byCity(
    async (f, city, people) => ({ params: { id: await f.programme(city, [await f.attended(city, people[0])]), personId: people[0] } }),
    organisers(201, '404 programme.exists'),
  ),
  'POST /api/practice/communities': {
    // A project of a network the caller has no role in is as unknown as one that does not exist.
    'no city': { request: async ({ w }) => ({ body: { projectId: w.projectId, name: `Community ${randomSuffix()}`, theme: 'One-stop-shops', leadMemberId: w.c, memberIds: [w.a] } }), expect: adminsOnly(201, '422 community.project.known') },
  },
  'PATCH /api/practice/communities/:id': {
    'no city': { request: async ({ w }) => ({ params: { id: w.communityId }, body: { name: `One-stop-shops ${randomSuffix()}` } }), expect: adminsOnly(200, '404 community.exists') },
  },
  'POST /api/practice/communities/:id/cities': {
    'no city': { request: async (f) => ({ params: { id: await f.community([f.w.a]) }, body: { memberId: f.w.b } }), expect: adminsOnly(200, '404 community.exists') },
  },
  'POST /api/practice/communities/:id/cities/:memberId/leave': byCity(async (f, city) => ({ params: { id: await f.community(), memberId: city } }), organisers(200, '404 community.exists')),
  'POST /api/practice/people/:id/calendar-token': byCity(async (_, __, people) => ({ params: { id: people[0] } }), organisers(201, '404 person.exists')),
  'POST /api/practice/resources': {
    'no city': { request: async ({ w }) => ({ body: resourceIn(w.communityId) }), expect: adminsOnly(201, '422 resource.community.exists') },
  },
  'POST /api/practice/resources/:id/revise': {
    'no city': { request: async ({ w }) => ({ params: { id: w.resourceId }, body: content() }), expect: adminsOnly(200, '404 resource.exists') },
  },
  'PUT /api/practice/resources/:id/translations/:language': {
    'no city': { request: async ({ w }) => ({ params: { id: w.resourceId, language: 'de' }, body: content() }), expect: adminsOnly(200, '404 resource.exists') },
  },
};

/** Reading needs a token; any role in any network reads, and N's data by id does not exist for M. */
const ANY_ROLE_READS: Record<Caller, Expected> = { 'network admin': 200, 'city liaison': 200, 'grant officer': 200, viewer: 200, 'admin of another network': 200, anonymous: 401 };
const notInOtherNetworks = (what: string): Record<Caller, Expected> => ({ ...ANY_ROLE_READS, 'admin of another network': `404 ${what}.exists` });
const read = (expected: Record<Caller, Expected>, params?: (f: Fixtures) => Promise<Record<string, string>>): RouteSpec => ({
  'no city': { request: async (f) => ({ params: await params?.(f) }), expect: expected },
});

const READS: Record<string, RouteSpec> = {
  [`GET ${ACTIVITIES}`]: read(ANY_ROLE_READS),
  [`GET ${ACTIVITIES}/:id`]: read(notInOtherNetworks('activity'), async (f) => ({ id: await f.draft(f.w.a) })),
  [`GET ${ACTIVITIES}/:id/registrations`]: read(notInOtherNetworks('activity'), async (f) => ({ id: await f.draft(f.w.a) })),
  [`GET ${ACTIVITIES}/:id/registrations/:registrationId`]: read(notInOtherNetworks('activity'), async (f) => {
    const id = await f.open(f.w.a);
    return { id, registrationId: await f.registration(id, f.w.peopleOfA[0]) };
  }),
  [`GET ${ACTIVITIES}/:id/sessions/:sessionId/attendance`]: read(notInOtherNetworks('activity'), async (f) => {
    const { activityId, sessionId } = await f.underWay(f.w.a);
    return { id: activityId, sessionId };
  }),
  'GET /api/practice/communities': read(ANY_ROLE_READS),
  'GET /api/practice/communities/:id': read(notInOtherNetworks('community'), async ({ w }) => ({ id: w.communityId })),
  'GET /api/practice/communities/:id/calendar.ics': read(notInOtherNetworks('community'), async ({ w }) => ({ id: w.communityId })),
  'GET /api/practice/cities/:memberId/calendar.ics': read(notInOtherNetworks('member'), async ({ w }) => ({ memberId: w.a })),
  // Network admins, viewers and the liaison of the person's city; not grant officers.
  'GET /api/practice/people/:id/learning-record': byCity(async (_, __, people) => ({ params: { id: people[0] } }), {
    own: { 'network admin': 200, 'city liaison': 200, 'grant officer': '403 access.role', viewer: 200, 'admin of another network': '404 person.exists', anonymous: 401 },
    other: { 'network admin': 200, 'city liaison': '403 access.own-city', 'grant officer': '403 access.role', viewer: 200, 'admin of another network': '404 person.exists', anonymous: 401 },
  }),
  'GET /api/practice/audit': read({ ...ANY_ROLE_READS, 'city liaison': '403 access.role', 'grant officer': '403 access.role', viewer: '403 access.role' }),
  // Readers: network admins, viewers and the liaison of the person's city; not grant officers.
  'GET /api/practice/certificates/:id.pdf': byCity(async (f, city, people) => ({ params: { id: await f.certificate(city, people[0]) } }), {
    own: { 'network admin': 200, 'city liaison': 200, 'grant officer': '403 access.role', viewer: 200, 'admin of another network': '404 certificate.exists', anonymous: 401 },
    other: { 'network admin': 200, 'city liaison': '403 access.own-city', 'grant officer': '403 access.role', viewer: 200, 'admin of another network': '404 certificate.exists', anonymous: 401 },
  }),
  'GET /api/practice/programmes/:id': read(notInOtherNetworks('programme'), async (f) => ({ id: await f.programme(f.w.a) })),
  'GET /api/practice/resources': read(ANY_ROLE_READS),
  'GET /api/practice/resources/:id': read(notInOtherNetworks('resource'), async ({ w }) => ({ id: w.resourceId })),
  'GET /api/practice/resources/:id/outdated-translations': read(notInOtherNetworks('resource'), async ({ w }) => ({ id: w.resourceId })),
};

/** Open without a token, on purpose: the probes, the scrape, and calendar feeds behind a secret link. */
const PUBLIC_ROUTES = ['GET /api/practice/calendar/:secret.ics', 'GET /health/live', 'GET /health/ready', 'GET /metrics'];

/** Practice's own tables a refusal must leave as they were (the copies of membership's data change only by its events). */
const OWN_TABLES = ['calendar_tokens', 'resources', 'programmes', 'certificates'] as const;

const subjectOf = (who: Caller) => `${who.replace(/ /g, '-')}@practice-matrix.example`;

function grantsOf(who: Exclude<Caller, 'anonymous'>, w: World): TestGrant[] {
  switch (who) {
    case 'network admin':
      return [{ role: 'network-admin', networkId: w.n }];
    case 'city liaison':
      return [{ role: 'city-liaison', networkId: w.n, memberId: w.a }];
    case 'grant officer':
      return [{ role: 'grant-officer', networkId: w.n }];
    case 'viewer':
      return [{ role: 'viewer', networkId: w.n }];
    case 'admin of another network':
      return [{ role: 'network-admin', networkId: w.m }];
  }
}

function expectProblem(res: { status: number; body: Record<string, unknown>; headers: Record<string, string> }, status: number, rule: string): void {
  expect({ status: res.status, rule: res.body.rule, type: res.headers['content-type'] }).toEqual({
    status,
    rule,
    type: expect.stringMatching(/^application\/problem\+json/),
  });
  expect(res.body).toMatchObject({ status, detail: expect.any(String) });
}

describe('who may do what in practice, route by route', () => {
  const node = new PracticeNode();
  let routes: AppRoute[];
  let f: Fixtures;
  const tokens = new Map<Caller, string>();

  beforeAll(async () => {
    await node.startBoth();
    const p = node.practice;
    const mem = node.membership;
    routes = routesOf(p.app);
    const world = await node.givenWorld();
    // A third city, so a community can be led by neither A nor B.
    const c = (
      await created(
        mem.http.post(mem.path('members')).send({ networkId: world.networkId, slug: `city-${randomSuffix()}`, kind: 'city', name: 'Braga', legalName: 'Município de Braga', country: 'PT', timeZone: 'Europe/Lisbon', languages: ['pt'], homeNodeId: 'hub' }),
        'member',
      )
    ).id;
    await created(mem.http.post(mem.path('participations')).send({ projectId: world.projectId, memberId: c, role: 'core-city', from: '2020-01-01' }), 'participation');
    const { id: m } = await created(mem.http.post(mem.path('networks')).send({ slug: `net-${randomSuffix()}`, name: 'ECCIPA' }), 'network');
    const [a, b] = [world.ravenna, world.offenbach];
    const [a1, a2] = await node.givenPeople(a, 2, 'ravenna');
    const [b1, b2] = await node.givenPeople(b, 2, 'offenbach');
    const w: World = { n: world.networkId, m, projectId: world.projectId, a, b, c, communityId: '', peopleOfA: [a1, a2], peopleOfB: [b1, b2], resourceId: '' };
    f = new Fixtures(node, w);
    // The third city's participation reaches practice before its first community names it as lead.
    await waitFor(async () => (await p.count('participations')) === 4, { description: "practice's copy of the third city's participation" });
    w.communityId = await f.community();
    w.resourceId = (await created(p.http.post(p.path('resources')).send(resourceIn(w.communityId)), 'resource')).id;
    for (const who of CALLERS) if (who !== 'anonymous') tokens.set(who, await p.tokenFor(subjectOf(who), ...grantsOf(who, w)));
  }, 60_000);
  afterAll(() => node.stop());

  function call(who: Caller, method: string, path: string, body?: object) {
    const agent = node.practice.as(tokens.get(who));
    const req = method === 'GET' ? agent.get(path) : method === 'POST' ? agent.post(path) : method === 'PATCH' ? agent.patch(path) : method === 'PUT' ? agent.put(path) : agent.delete(path);
    return body === undefined ? req : req.send(body);
  }

  async function state() {
    return { contents: await node.practice.contents(), rows: await node.practice.snapshot(OWN_TABLES) };
  }

  async function lastOutboxSeq(): Promise<number> {
    const [{ seq }] = await node.practice.db.query('SELECT coalesce(max(seq), 0)::int AS seq FROM outbox');
    return seq;
  }

  it('has an entry for every mutating route the app serves, and none for a route it does not', () => {
    expect(tableCoverage(routes, Object.keys(MUTATIONS), isMutating)).toEqual({ withoutEntry: [], noLongerServed: [] });
  });

  it('has an entry for every read that needs a token, and only the probes, the scrape and the secret calendar links are public', () => {
    expect(tableCoverage(routes, Object.keys(READS), isReadNeedingToken)).toEqual({ withoutEntry: [], noLongerServed: [] });
    expect(routes.filter((r) => r.access?.kind === 'public').map((r) => r.key)).toEqual(PUBLIC_ROUTES);
  });

  describe.each(Object.entries(MUTATIONS))('%s', (route, spec) => {
    const [method, pattern] = route.split(' ');
    describe.each(Object.entries(spec as Record<string, CaseSpec>))('on %s data', (_, { request, expect: expected }) => {
      it.each(CALLERS.map((who) => [who, expected[who]] as const))('as %s: %s', async (who, outcome) => {
        const { params, body } = await request(f);
        const before = await state();
        const since = await lastOutboxSeq();

        const res = await call(who, method, fillPath(pattern, params), body);

        if (typeof outcome === 'number' && outcome < 300) {
          expect({ status: res.status, body: res.body }).toEqual({ status: outcome, body: expect.anything() });
          // Whatever the change recorded, it recorded as this person's.
          const actors: { actor: { kind: string; id: string } }[] = await node.practice.db.query(`SELECT envelope->'actor' AS actor FROM outbox WHERE seq > $1`, [since]);
          for (const { actor } of actors) expect(actor).toMatchObject({ kind: 'person', id: subjectOf(who) });
          return;
        }
        const [status, rule] = outcome === 401 ? ['401', 'auth.bearer'] : String(outcome).split(' ');
        expectProblem(res, Number(status), rule);
        // A refusal changes nothing: no row, no event, no audit entry.
        expect(await state()).toEqual(before);
      });
    });
  });

  describe.each(Object.entries(READS))('%s', (route, spec) => {
    const [method, pattern] = route.split(' ');
    describe.each(Object.entries(spec as Record<string, CaseSpec>))('on %s data', (_, { request, expect: expected }) => {
      it.each(CALLERS.map((who) => [who, expected[who]] as const))('as %s: %s', async (who, outcome) => {
        const { params } = await request(f);
        const res = await call(who, method, fillPath(pattern, params));
        if (outcome === 200) {
          expect({ status: res.status, type: res.headers['content-type'] }).toEqual({ status: 200, type: expect.stringMatching(/^(application\/json|text\/calendar|application\/pdf)/) });
        } else {
          const [status, rule] = outcome === 401 ? ['401', 'auth.bearer'] : String(outcome).split(' ');
          expectProblem(res, Number(status), rule);
        }
      });
    });
  });
});
