import { AppRoute, fillPath, isMutating, isReadNeedingToken, routesOf, tableCoverage } from '@intercity/service-testing';
import { contents, expectProblem, ok } from './support/grants-fixtures';
import { awardBody, eur, GrantsNode, GrantsWorld, programmeBody } from './support/grants-node';

/**
 * Who may do what in grants, checked against every route the running app serves: each route has
 * the expected answer for every caller; a route added without an entry, or an entry whose route is
 * gone, fails the first tests. "The city" is the sub-grant's (Ravenna); "another city" is Cartagena.
 */
const CALLERS = ['network admin', 'grant officer', 'liaison of the city', 'liaison of another city', 'viewer', 'anonymous'] as const;
type Caller = (typeof CALLERS)[number];
type Expected = 200 | 201 | 401 | '403 access.role' | '403 access.own-city';

/** The clock the fixtures award and sign by. */
const TODAY = '2024-02-01';

interface CellRequest {
  params?: Record<string, string>;
  body?: object;
  query?: Record<string, string>;
}

interface RouteSpec {
  request: (f: Fixtures) => Promise<CellRequest>;
  expect: Record<Caller, Expected>;
}

/** Fresh programmes, each with a sub-grant of Ravenna's in the state a route needs. */
class Fixtures {
  constructor(
    private readonly node: GrantsNode,
    readonly w: GrantsWorld,
  ) {}

  private get g() {
    return this.node.grants;
  }

  private post<T = { id: string }>(path: string, body: object, what: string, status = 200): Promise<T> {
    return ok<T>(this.g.http.post(this.g.path(path)).send(body), what, status);
  }

  async programme(): Promise<string> {
    return (await this.post('programmes', programmeBody(this.w.projectId), 'creating a programme', 201)).id;
  }

  /** Ravenna's EUR 10,000: tranches of 4,000, 4,000 and 2,000. */
  async awarded(): Promise<string> {
    return (await this.post(`programmes/${await this.programme()}/sub-grants`, awardBody(this.w.ravenna, 1_000_000), 'awarding', 201)).id;
  }

  async signed(): Promise<string> {
    const id = await this.awarded();
    await this.post(`sub-grants/${id}/sign`, { signedOn: TODAY, documentRef: 'agreement.pdf' }, 'signing');
    return id;
  }

  async firstPaid(): Promise<string> {
    const id = await this.signed();
    await this.post(`sub-grants/${id}/tranches/0/release`, { paidOn: '2024-02-05', paymentReference: 'PAY-1' }, 'paying tranche 1');
    return id;
  }

  async suspended(): Promise<string> {
    const id = await this.signed();
    await this.post(`sub-grants/${id}/suspend`, { reason: 'audit' }, 'suspending');
    return id;
  }

  /** Terminated after the first tranche, EUR 1,000 of it asked back: recovery 1. */
  async recoveryAsked(): Promise<string> {
    const id = await this.firstPaid();
    await this.post(`sub-grants/${id}/terminate`, { reason: 'action plan dropped', on: '2024-03-01', recovery: eur(100_000) }, 'terminating');
    return id;
  }

  /** A report of the sub-grant's, submitted: its id (and the sub-grant's). */
  async report(deadlineKey = 'interim-2024', spent = 1_500_000): Promise<{ sg: string; report: string }> {
    const sg = await this.firstPaid();
    const report = await this.post(`sub-grants/${sg}/reports`, { deadlineKey, lines: [{ category: 'staff', spent: eur(spent) }] }, 'reporting', 201);
    return { sg, report: report.id };
  }

  async returnedReport(): Promise<string> {
    const { report } = await this.report();
    await this.post(`reports/${report}/return`, { reasons: ['receipts missing'] }, 'returning the report');
    return report;
  }

  /** The final report approved for what was received (EUR 4,000): settling cancels the rest. */
  async finalApproved(): Promise<string> {
    const { sg, report } = await this.report('final', 400_000);
    await this.post(`reports/${report}/approve`, {}, 'approving the final report');
    return sg;
  }

  async settled(): Promise<string> {
    const id = await this.finalApproved();
    await this.post(`sub-grants/${id}/settle`, { on: TODAY }, 'settling');
    return id;
  }

  async milestone(evidenced = false): Promise<string> {
    const sg = await this.signed();
    const m = await this.post(`sub-grants/${sg}/milestones`, { key: 'stakeholder-workshop', title: 'Stakeholder workshop held', dueOn: '2024-06-30' }, 'planning', 201);
    if (evidenced) await this.post(`milestones/${m.id}/evidence`, { documentRef: 'minutes.pdf', description: 'Minutes of the workshop' }, 'evidence');
    return m.id;
  }
}

const officers = (ok: 200 | 201): Record<Caller, Expected> => ({
  'network admin': ok,
  'grant officer': ok,
  'liaison of the city': '403 access.role',
  'liaison of another city': '403 access.role',
  viewer: '403 access.role',
  anonymous: 401,
});
/** Officers, and the liaison of the sub-grant's city. */
const cityOrOfficers = (ok: 200 | 201): Record<Caller, Expected> => ({ ...officers(ok), 'liaison of the city': ok, 'liaison of another city': '403 access.own-city' });
const ANY_ROLE_READS: Record<Caller, Expected> = {
  'network admin': 200,
  'grant officer': 200,
  'liaison of the city': 200,
  'liaison of another city': 200,
  viewer: 200,
  anonymous: 401,
};
/** The programme's watch: officers and viewers, not the cities. */
const WATCHERS: Record<Caller, Expected> = { ...ANY_ROLE_READS, 'liaison of the city': '403 access.role', 'liaison of another city': '403 access.role' };

const G = '/api/grants';
const AWARD = { awarded: eur(1_200_000), budgetLines: [{ category: 'staff', amount: eur(900_000) }, { category: 'travel', amount: eur(300_000) }], reason: 'more staff' };

const MUTATIONS: Record<string, RouteSpec> = {
  [`POST ${G}/programmes`]: { request: async (f) => ({ body: programmeBody(f.w.projectId) }), expect: officers(201) },
  [`PUT ${G}/programmes/:id/envelope`]: { request: async (f) => ({ params: { id: await f.programme() }, body: { envelope: eur(30_000_000), reason: 'top-up' } }), expect: officers(200) },
  [`POST ${G}/programmes/:id/sub-grants`]: { request: async (f) => ({ params: { id: await f.programme() }, body: awardBody(f.w.ravenna, 1_000_000) }), expect: officers(201) },
  [`POST ${G}/sub-grants/:id/amend`]: { request: async (f) => ({ params: { id: await f.awarded() }, body: AWARD }), expect: officers(200) },
  [`POST ${G}/sub-grants/:id/sign`]: { request: async (f) => ({ params: { id: await f.awarded() }, body: { signedOn: TODAY, documentRef: 'agreement.pdf' } }), expect: officers(200) },
  [`POST ${G}/sub-grants/:id/suspend`]: { request: async (f) => ({ params: { id: await f.signed() }, body: { reason: 'audit' } }), expect: officers(200) },
  [`POST ${G}/sub-grants/:id/resume`]: { request: async (f) => ({ params: { id: await f.suspended() } }), expect: officers(200) },
  [`POST ${G}/sub-grants/:id/terminate`]: { request: async (f) => ({ params: { id: await f.signed() }, body: { reason: 'action plan dropped', on: '2024-03-01' } }), expect: officers(200) },
  [`POST ${G}/sub-grants/:id/close`]: { request: async (f) => ({ params: { id: await f.settled() } }), expect: officers(200) },
  [`POST ${G}/sub-grants/:id/tranches/:index/release`]: {
    request: async (f) => ({ params: { id: await f.signed(), index: '0' }, body: { paidOn: '2024-02-05', paymentReference: 'PAY-1' } }),
    expect: officers(200),
  },
  [`POST ${G}/sub-grants/:id/settle`]: { request: async (f) => ({ params: { id: await f.finalApproved() }, body: { on: TODAY } }), expect: officers(200) },
  [`POST ${G}/sub-grants/:id/recoveries/:seq/received`]: {
    request: async (f) => ({ params: { id: await f.recoveryAsked(), seq: '1' }, body: { receivedOn: '2024-03-15', reference: 'BANK-7' } }),
    expect: officers(200),
  },
  [`POST ${G}/sub-grants/:id/reports`]: {
    request: async (f) => ({ params: { id: await f.firstPaid() }, body: { deadlineKey: 'interim-2024', lines: [{ category: 'staff', spent: eur(1_500_000) }] } }),
    expect: cityOrOfficers(201),
  },
  [`POST ${G}/reports/:id/resubmit`]: {
    request: async (f) => ({ params: { id: await f.returnedReport() }, body: { lines: [{ category: 'staff', spent: eur(1_400_000) }] } }),
    expect: cityOrOfficers(200),
  },
  [`POST ${G}/reports/:id/approve`]: { request: async (f) => ({ params: { id: (await f.report()).report }, body: {} }), expect: officers(200) },
  [`POST ${G}/reports/:id/reject`]: { request: async (f) => ({ params: { id: (await f.report()).report }, body: { reasons: ['not eligible'] } }), expect: officers(200) },
  [`POST ${G}/reports/:id/return`]: { request: async (f) => ({ params: { id: (await f.report()).report }, body: { reasons: ['receipts missing'] } }), expect: officers(200) },
  [`POST ${G}/sub-grants/:id/milestones`]: {
    request: async (f) => ({ params: { id: await f.signed() }, body: { key: 'stakeholder-workshop', title: 'Stakeholder workshop held', dueOn: '2024-06-30' } }),
    expect: officers(201),
  },
  [`POST ${G}/milestones/:id/evidence`]: {
    request: async (f) => ({ params: { id: await f.milestone() }, body: { documentRef: 'minutes.pdf', description: 'Minutes of the workshop' } }),
    expect: cityOrOfficers(200),
  },
  [`POST ${G}/milestones/:id/forecast`]: { request: async (f) => ({ params: { id: await f.milestone() }, body: { forecastOn: '2024-07-15' } }), expect: cityOrOfficers(200) },
  [`POST ${G}/milestones/:id/reached`]: { request: async (f) => ({ params: { id: await f.milestone(true) }, body: { reachedOn: '2024-06-20' } }), expect: officers(200) },
  [`POST ${G}/milestones/:id/reschedule`]: { request: async (f) => ({ params: { id: await f.milestone() }, body: { dueOn: '2024-09-30', reason: 'elections' } }), expect: officers(200) },
  [`POST ${G}/milestones/:id/cancel`]: { request: async (f) => ({ params: { id: await f.milestone() }, body: { reason: 'no longer planned' } }), expect: officers(200) },
};

/** Reading needs a token; any role in the network reads, but only officers and viewers watch a programme. */
const READS: Record<string, RouteSpec> = {
  [`GET ${G}/programmes`]: { request: async () => ({}), expect: ANY_ROLE_READS },
  [`GET ${G}/programmes/:id`]: { request: async (f) => ({ params: { id: await f.programme() } }), expect: ANY_ROLE_READS },
  [`GET ${G}/programmes/:id/sub-grants`]: { request: async (f) => ({ params: { id: await f.programme() } }), expect: ANY_ROLE_READS },
  [`GET ${G}/programmes/:id/watch`]: { request: async (f) => ({ params: { id: await f.programme() }, query: { on: '2024-06-30' } }), expect: WATCHERS },
  [`GET ${G}/programmes/:id/watch.csv`]: { request: async (f) => ({ params: { id: await f.programme() }, query: { on: '2024-06-30' } }), expect: WATCHERS },
  [`GET ${G}/programmes/:id/watch.xlsx`]: { request: async (f) => ({ params: { id: await f.programme() }, query: { on: '2024-06-30' } }), expect: WATCHERS },
  [`GET ${G}/sub-grants/:id`]: { request: async (f) => ({ params: { id: await f.awarded() } }), expect: ANY_ROLE_READS },
  [`GET ${G}/sub-grants/:id/watch`]: { request: async (f) => ({ params: { id: await f.awarded() } }), expect: ANY_ROLE_READS },
  [`GET ${G}/sub-grants/:id/reports`]: { request: async (f) => ({ params: { id: (await f.report()).sg } }), expect: ANY_ROLE_READS },
  [`GET ${G}/reports/:id`]: { request: async (f) => ({ params: { id: (await f.report()).report } }), expect: ANY_ROLE_READS },
  [`GET ${G}/sub-grants/:id/milestones`]: { request: async (f) => ({ params: { id: await f.signed() } }), expect: ANY_ROLE_READS },
  // The audit trail: network admins only.
  [`GET ${G}/audit`]: {
    request: async () => ({}),
    expect: { ...ANY_ROLE_READS, 'grant officer': '403 access.role', 'liaison of the city': '403 access.role', 'liaison of another city': '403 access.role', viewer: '403 access.role' },
  },
};

/** What each read answers with when allowed. */
const CONTENT_TYPES: Record<string, RegExp> = {
  [`GET ${G}/programmes/:id/watch.csv`]: /^text\/csv/,
  [`GET ${G}/programmes/:id/watch.xlsx`]: /^application\/vnd\.openxmlformats-officedocument\.spreadsheetml\.sheet/,
};

/** Open without a token, on purpose: the probes and the scrape. */
const PUBLIC_ROUTES = ['GET /health/live', 'GET /health/ready', 'GET /metrics'];

describe('who may do what in grants, route by route', () => {
  const node = new GrantsNode();
  let routes: AppRoute[];
  let f: Fixtures;

  beforeAll(async () => {
    await node.startBoth();
    routes = routesOf(node.grants.app);
    f = new Fixtures(node, await node.givenWorld());
  }, 120_000);
  afterAll(() => node.stop());

  async function tokenOf(who: Caller): Promise<string | undefined> {
    const w = f.w;
    const g = node.grants;
    switch (who) {
      case 'network admin':
        return g.tokenFor('admin@grants-matrix.example', { role: 'network-admin', networkId: w.networkId });
      case 'grant officer':
        return node.officer(w);
      case 'liaison of the city':
        return node.liaison(w, w.ravenna);
      case 'liaison of another city':
        return node.liaison(w, w.cartagena);
      case 'viewer':
        return g.tokenFor('viewer@grants-matrix.example', { role: 'viewer', networkId: w.networkId });
      case 'anonymous':
        return undefined;
    }
  }

  async function call(who: Caller, method: string, pattern: string, req: CellRequest) {
    const agent = node.grants.as(await tokenOf(who));
    const path = fillPath(pattern, req.params);
    const r = method === 'GET' ? agent.get(path).query(req.query ?? {}) : method === 'POST' ? agent.post(path) : agent.put(path);
    return req.body === undefined ? r : r.send(req.body);
  }

  it('has an entry for every mutating route the app serves, and none for a route it does not', () => {
    expect(tableCoverage(routes, Object.keys(MUTATIONS), isMutating)).toEqual({ withoutEntry: [], noLongerServed: [] });
  });

  it('has an entry for every read that needs a token, and only the probes and the scrape are public', () => {
    expect(tableCoverage(routes, Object.keys(READS), isReadNeedingToken)).toEqual({ withoutEntry: [], noLongerServed: [] });
    expect(routes.filter((r) => r.access?.kind === 'public').map((r) => r.key)).toEqual(PUBLIC_ROUTES);
  });

  it('fails the coverage for a route served without an entry, and for an entry no route answers', () => {
    const served = [...routes, { key: `POST ${G}/sub-grants/:id/reopen`, method: 'POST', path: `${G}/sub-grants/:id/reopen`, handler: 'SubGrantController.reopen' }];
    const listed = [...Object.keys(MUTATIONS), `DELETE ${G}/programmes/:id`];
    expect(tableCoverage(served, listed, isMutating)).toEqual({ withoutEntry: [`POST ${G}/sub-grants/:id/reopen`], noLongerServed: [`DELETE ${G}/programmes/:id`] });
  });

  describe.each(Object.entries(MUTATIONS))('%s', (route, spec) => {
    const [method, pattern] = route.split(' ');
    it.each(CALLERS.map((who) => [who, spec.expect[who]] as const))('as %s: %s', async (who, outcome) => {
      node.setToday(TODAY);
      const req = await spec.request(f);
      const before = await contents(node);

      const res = await call(who, method, pattern, req);

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
      const res = await call(who, method, pattern, req);
      if (outcome === 200) {
        expect({ status: res.status, type: res.headers['content-type'] }).toEqual({ status: 200, type: expect.stringMatching(CONTENT_TYPES[route] ?? /^application\/json/) });
      } else {
        const [status, rule] = outcome === 401 ? ['401', 'auth.bearer'] : String(outcome).split(' ');
        expectProblem(res, Number(status), rule);
      }
    });
  });
});
