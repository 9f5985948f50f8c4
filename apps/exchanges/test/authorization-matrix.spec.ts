import { AppRoute, fillPath, isMutating, isReadNeedingToken, routesOf, tableCoverage } from '@intercity/service-testing';
import { contents, expectProblem, givenCommunity, givenStaff, ok } from './support/exchanges-fixtures';
import { ExchangeWorld, ExchangesNode } from './support/exchanges-node';

/**
 * Who may do what in exchanges, checked against every route the running app serves: each route
 * has the expected answer for every caller; a route added without an entry, or an entry whose
 * route is gone, fails the first tests. "The city" is the one the route acts for (the pairing's
 * host, visiting or lead city, or the blackout's); "another city" is one it does not act for.
 */
const CALLERS = ['network admin', 'liaison of the city', 'liaison of another city', 'viewer', 'anonymous'] as const;
type Caller = (typeof CALLERS)[number];
type Expected = 200 | 201 | 204 | 401 | '403 access.role' | '403 access.own-city';

/** The clock the fixtures schedule by; the visits are dated after it. */
const TODAY = '2026-03-02';
const VISIT_ONE = { start: '2026-04-13', end: '2026-04-17' };
const VISIT_TWO = { start: '2026-05-04', end: '2026-05-08' };

interface CellRequest {
  params?: Record<string, string>;
  body?: object;
  query?: Record<string, string>;
  /** The service's day for the request, when not TODAY. */
  today?: string;
}

type Who = 'offenbach' | 'ravenna' | 'cartagena';

interface RouteSpec {
  city: Who;
  other: Who;
  request: (f: Fixtures) => Promise<CellRequest>;
  expect: Record<Caller, Expected>;
}

/** Fresh pairings of Offenbach (mentoring, hosts visit one) and Ravenna, each in its own community. */
class Fixtures {
  private ravennans: string[] = [];
  private offenbachers: string[] = [];

  constructor(
    private readonly node: ExchangesNode,
    readonly w: ExchangeWorld,
  ) {}

  async init(): Promise<void> {
    this.ravennans = await givenStaff(this.node, this.w.ravenna, 30);
    this.offenbachers = await givenStaff(this.node, this.w.offenbach, 30);
  }

  private get x() {
    return this.node.exchanges;
  }

  ravennan(): string {
    const id = this.ravennans.pop();
    if (!id) throw new Error('no Ravenna staff left');
    return id;
  }

  private offenbacher(): string {
    const id = this.offenbachers.pop();
    if (!id) throw new Error('no Offenbach staff left');
    return id;
  }

  async community(): Promise<string> {
    return givenCommunity(this.node, this.w);
  }

  async proposed(): Promise<string> {
    const body = { communityId: await this.community(), mentoringMemberId: this.w.offenbach, implementingMemberId: this.w.ravenna };
    return (await ok<{ id: string }>(this.x.http.post(this.x.path('pairings')).send(body), 'proposing', 201)).id;
  }

  async agreed(): Promise<string> {
    const id = await this.proposed();
    for (const city of [this.w.offenbach, this.w.ravenna]) await ok(this.x.http.post(this.x.path(`pairings/${id}/cities/${city}/accept`)), 'accepting');
    return id;
  }

  async scheduled(): Promise<string> {
    const id = await this.agreed();
    this.node.setToday(TODAY);
    await ok(this.x.http.put(this.x.path(`pairings/${id}/schedule`)).send({ visitOne: VISIT_ONE, visitTwo: VISIT_TWO }), 'scheduling');
    return id;
  }

  async withVisitors(): Promise<string> {
    const id = await this.scheduled();
    await ok(this.x.http.put(this.x.path(`pairings/${id}/visits/1/visitors`)).send({ personIds: [this.ravennan()] }), 'visitors of visit one');
    await ok(this.x.http.put(this.x.path(`pairings/${id}/visits/2/visitors`)).send({ personIds: [this.offenbacher()] }), 'visitors of visit two');
    return id;
  }

  async visitOneDone(): Promise<string> {
    const id = await this.withVisitors();
    this.node.setToday('2026-04-18');
    await ok(this.x.http.post(this.x.path(`pairings/${id}/visits/1/done`)), 'visit one done');
    return id;
  }

  async reported(): Promise<string> {
    const id = await this.visitOneDone();
    const report = { learnt: 'One front door for newcomers', adaptations: 'Open one at the town hall' };
    await ok(this.x.http.post(this.x.path(`pairings/${id}/visits/1/report`)).send(report), 'report one');
    this.node.setToday('2026-05-09');
    await ok(this.x.http.post(this.x.path(`pairings/${id}/visits/2/done`)), 'visit two done');
    await ok(this.x.http.post(this.x.path(`pairings/${id}/visits/2/report`)).send(report), 'report two');
    return id;
  }

  async blackout(memberId: string): Promise<string> {
    return (await ok<{ id: string }>(this.x.http.post(this.x.path(`cities/${memberId}/blackouts`)).send({ from: '2026-08-03', to: '2026-08-21', reason: 'summer closure' }), 'blackout', 201)).id;
  }
}

/** Network admins and the liaison of the city the route acts for. */
const cityOrAdmin = (ok: 200 | 201 | 204): Record<Caller, Expected> => ({
  'network admin': ok,
  'liaison of the city': ok,
  'liaison of another city': '403 access.own-city',
  viewer: '403 access.role',
  anonymous: 401,
});
const ANY_ROLE_READS: Record<Caller, Expected> = { 'network admin': 200, 'liaison of the city': 200, 'liaison of another city': 200, viewer: 200, anonymous: 401 };

const P = '/api/exchanges/pairings';
const BLACKOUTS = '/api/exchanges/cities/:memberId/blackouts';
const REPORT = { learnt: 'One front door for newcomers', adaptations: 'Open one at the town hall' };

const MUTATIONS: Record<string, RouteSpec> = {
  // Offenbach leads the community: its liaison proposes, Ravenna's does not.
  [`POST ${P}`]: {
    city: 'offenbach',
    other: 'ravenna',
    request: async (f) => ({ body: { communityId: await f.community(), mentoringMemberId: f.w.offenbach, implementingMemberId: f.w.ravenna } }),
    expect: cityOrAdmin(201),
  },
  [`POST ${P}/:id/cities/:memberId/accept`]: { city: 'ravenna', other: 'offenbach', request: async (f) => ({ params: { id: await f.proposed(), memberId: f.w.ravenna } }), expect: cityOrAdmin(200) },
  // Either of the pairing's cities; Cartagena is not one.
  [`PUT ${P}/:id/schedule`]: { city: 'ravenna', other: 'cartagena', request: async (f) => ({ params: { id: await f.agreed() }, body: { visitOne: VISIT_ONE, visitTwo: VISIT_TWO } }), expect: cityOrAdmin(200) },
  // The visiting city names its staff; the host does not.
  [`PUT ${P}/:id/visits/:n/visitors`]: {
    city: 'ravenna',
    other: 'offenbach',
    request: async (f) => ({ params: { id: await f.scheduled(), n: '1' }, body: { personIds: [f.ravennan()] } }),
    expect: cityOrAdmin(200),
  },
  // The host sets the programme and says the visit took place.
  [`PUT ${P}/:id/visits/:n/programme`]: {
    city: 'offenbach',
    other: 'ravenna',
    request: async (f) => ({ params: { id: await f.scheduled(), n: '1' }, body: { items: [{ day: VISIT_ONE.start, time: '09:30', place: 'Kreishaus Dietzenbach', topic: 'The welcome centre' }] } }),
    expect: cityOrAdmin(200),
  },
  [`POST ${P}/:id/visits/:n/done`]: { city: 'offenbach', other: 'ravenna', request: async (f) => ({ params: { id: await f.withVisitors(), n: '1' }, today: '2026-04-18' }), expect: cityOrAdmin(200) },
  // The visiting city reports.
  [`POST ${P}/:id/visits/:n/report`]: { city: 'ravenna', other: 'offenbach', request: async (f) => ({ params: { id: await f.visitOneDone(), n: '1' }, body: REPORT, today: '2026-04-18' }), expect: cityOrAdmin(200) },
  [`POST ${P}/:id/close`]: {
    city: 'offenbach',
    other: 'cartagena',
    request: async (f) => ({ params: { id: await f.reported() }, today: '2026-05-09' }),
    expect: { ...cityOrAdmin(200), 'liaison of the city': '403 access.role', 'liaison of another city': '403 access.role' },
  },
  [`POST ${P}/:id/cancel`]: { city: 'ravenna', other: 'cartagena', request: async (f) => ({ params: { id: await f.proposed() }, body: { reason: 'Elections' } }), expect: cityOrAdmin(200) },
  [`POST ${BLACKOUTS}`]: {
    city: 'ravenna',
    other: 'offenbach',
    request: async (f) => ({ params: { memberId: f.w.ravenna }, body: { from: '2026-08-03', to: '2026-08-21', reason: 'summer closure' } }),
    expect: cityOrAdmin(201),
  },
  [`DELETE ${BLACKOUTS}/:id`]: { city: 'ravenna', other: 'offenbach', request: async (f) => ({ params: { memberId: f.w.ravenna, id: await f.blackout(f.w.ravenna) } }), expect: cityOrAdmin(204) },
  // Secret calendar links: a city's for its liaison, a person's for their city's liaison.
  'POST /api/exchanges/cities/:memberId/calendar-token': { city: 'ravenna', other: 'offenbach', request: async (f) => ({ params: { memberId: f.w.ravenna } }), expect: cityOrAdmin(201) },
  'POST /api/exchanges/people/:id/calendar-token': { city: 'ravenna', other: 'offenbach', request: async (f) => ({ params: { id: f.ravennan() } }), expect: cityOrAdmin(201) },
};

/** Reading needs a token; any role in the network reads. */
const READS: Record<string, RouteSpec> = {
  [`GET ${P}`]: { city: 'ravenna', other: 'cartagena', request: async () => ({}), expect: ANY_ROLE_READS },
  [`GET ${P}/:id`]: { city: 'ravenna', other: 'cartagena', request: async (f) => ({ params: { id: await f.proposed() } }), expect: ANY_ROLE_READS },
  [`GET ${P}/:id/proposals`]: { city: 'ravenna', other: 'cartagena', request: async (f) => ({ params: { id: await f.agreed() }, query: { from: '2026-03-30', to: '2026-06-30' } }), expect: ANY_ROLE_READS },
  [`GET ${BLACKOUTS}`]: { city: 'ravenna', other: 'cartagena', request: async (f) => ({ params: { memberId: f.w.ravenna } }), expect: ANY_ROLE_READS },
  'GET /api/exchanges/cities/:memberId/calendar.ics': { city: 'ravenna', other: 'cartagena', request: async (f) => ({ params: { memberId: f.w.ravenna } }), expect: ANY_ROLE_READS },
  // The audit trail: network admins only.
  'GET /api/exchanges/audit': {
    city: 'ravenna',
    other: 'cartagena',
    request: async () => ({}),
    expect: { ...ANY_ROLE_READS, 'liaison of the city': '403 access.role', 'liaison of another city': '403 access.role', viewer: '403 access.role' },
  },
};

/** Open without a token, on purpose: the probes and the scrape. */
const PUBLIC_ROUTES = ['GET /api/exchanges/calendar/:secret.ics', 'GET /health/live', 'GET /health/ready', 'GET /metrics'];

describe('who may do what in exchanges, route by route', () => {
  const node = new ExchangesNode();
  let routes: AppRoute[];
  let f: Fixtures;

  beforeAll(async () => {
    await node.startAll();
    routes = routesOf(node.exchanges.app);
    const world = await node.givenWorld();
    f = new Fixtures(node, world);
    await f.init();
  }, 120_000);
  afterAll(() => node.stop());

  async function tokenOf(who: Caller, spec: RouteSpec): Promise<string | undefined> {
    const w = f.w;
    const x = node.exchanges;
    switch (who) {
      case 'network admin':
        return x.tokenFor('admin@exchanges-matrix.example', { role: 'network-admin', networkId: w.networkId });
      case 'liaison of the city':
        return node.liaisonOf(w, w[spec.city]);
      case 'liaison of another city':
        return node.liaisonOf(w, w[spec.other]);
      case 'viewer':
        return x.tokenFor('viewer@exchanges-matrix.example', { role: 'viewer', networkId: w.networkId });
      case 'anonymous':
        return undefined;
    }
  }

  async function call(who: Caller, spec: RouteSpec, method: string, pattern: string, req: CellRequest) {
    const agent = node.exchanges.as(await tokenOf(who, spec));
    const path = fillPath(pattern, req.params);
    const r = method === 'GET' ? agent.get(path).query(req.query ?? {}) : method === 'POST' ? agent.post(path) : method === 'PUT' ? agent.put(path) : agent.delete(path);
    return req.body === undefined ? r : r.send(req.body);
  }

  it('has an entry for every mutating route the app serves, and none for a route it does not', () => {
    expect(tableCoverage(routes, Object.keys(MUTATIONS), isMutating)).toEqual({ withoutEntry: [], noLongerServed: [] });
  });

  it('has an entry for every read that needs a token, and only the probes and the scrape are public', () => {
    expect(tableCoverage(routes, Object.keys(READS), isReadNeedingToken)).toEqual({ withoutEntry: [], noLongerServed: [] });
    expect(routes.filter((r) => r.access?.kind === 'public').map((r) => r.key)).toEqual(PUBLIC_ROUTES);
  });

  describe.each(Object.entries(MUTATIONS))('%s', (route, spec) => {
    const [method, pattern] = route.split(' ');
    it.each(CALLERS.map((who) => [who, spec.expect[who]] as const))('as %s: %s', async (who, outcome) => {
      node.setToday(TODAY);
      const req = await spec.request(f);
      node.setToday(req.today ?? TODAY);
      const before = await contents(node);

      const res = await call(who, spec, method, pattern, req);

      if (typeof outcome === 'number' && outcome < 300) {
        expect({ status: res.status, body: res.body }).toEqual({ status: outcome, body: expect.anything() });
        expect(await contents(node)).not.toEqual(before);
        return;
      }
      const [status, rule] = outcome === 401 ? ['401', 'auth.bearer'] : String(outcome).split(' ');
      expectProblem(res, Number(status), rule);
      // A refusal changes nothing: no row, no event.
      expect(await contents(node)).toEqual(before);
    });
  });

  describe.each(Object.entries(READS))('%s', (route, spec) => {
    const [method, pattern] = route.split(' ');
    it.each(CALLERS.map((who) => [who, spec.expect[who]] as const))('as %s: %s', async (who, outcome) => {
      node.setToday(TODAY);
      const req = await spec.request(f);
      const res = await call(who, spec, method, pattern, req);
      if (outcome === 200) {
        expect({ status: res.status, type: res.headers['content-type'] }).toEqual({ status: 200, type: expect.stringMatching(/^(application\/json|text\/calendar)/) });
      } else {
        const [status, rule] = outcome === 401 ? ['401', 'auth.bearer'] : String(outcome).split(' ');
        expectProblem(res, Number(status), rule);
      }
    });
  });
});
