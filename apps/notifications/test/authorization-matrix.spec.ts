import { randomUUID } from 'node:crypto';
import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { AppRoute, expectRuleProblem, fillPath, isMutating, isReadNeedingToken, routesOf, ServiceUnderTest, tableCoverage, tableDigest, TestNode } from '@intercity/service-testing';
import { randomSuffix, waitFor } from '@intercity/testing';
import { NOTIFICATION_QUEUES } from '../src/delivery/queues';
import { notificationsDefinition } from '../src/notifications.service-definition';
import { SmtpSink, startSmtpSink } from './support/smtp-sink';

/**
 * Who may do what in notifications, checked against every route the running app serves: each route
 * has the expected answer for every caller; a route added without an entry, or an entry whose route
 * is gone, fails the first tests. "The person" is Giulia of Ravenna, whose settings, inbox and
 * deliveries the routes concern, signed in as herself (a viewer otherwise); "another person" is a
 * colleague of hers, also a viewer, acting on Giulia's. "The city" is Ravenna; "another city" Cartagena.
 */
const CALLERS = [
  'network admin',
  'liaison of the city',
  'liaison of another city',
  'grant officer',
  'viewer',
  'the person',
  'another person',
  'anonymous',
] as const;
type Caller = (typeof CALLERS)[number];
type Expected = 200 | 201 | 202 | 204 | 401 | '403 access.role' | '403 access.own-city';

interface CellRequest {
  params?: Record<string, string>;
  body?: object;
  query?: Record<string, string>;
}

interface RouteSpec {
  request: (f: Fixtures) => Promise<CellRequest>;
  expect: Record<Caller, Expected>;
  /** After an allowed change: what the service still does on its own, to wait for before the next cell. */
  settled?: (f: Fixtures, req: CellRequest) => Promise<boolean>;
}

/** Tables a refusal must leave as they were (the outbox: which events exist). */
const OWN_TABLES = ['preferences', 'notifications', 'deliveries', 'delivery_attempts', 'webhook_endpoints', 'digests', 'reminders', 'outbox', 'audit_trail'] as const;

interface World {
  networkId: string;
  ravenna: string;
  cartagena: string;
  /** The person the personal routes concern. */
  giulia: string;
  /** A colleague of hers in Ravenna. */
  marco: string;
}

/** Fresh rows for each cell: an unread inbox item, a failed e-mail delivery, an endpoint of Ravenna's. */
class Fixtures {
  constructor(
    private readonly svc: ServiceUnderTest,
    readonly w: World,
  ) {}

  private quietStarts = 0;

  /** A start of quiet hours Giulia has not had just before: 21:00, 21:01, … */
  nextQuietStart(): string {
    return `21:${String(++this.quietStarts % 60).padStart(2, '0')}`;
  }

  /** An in-app notification for Giulia, unread. */
  async inboxItem(): Promise<string> {
    const id = randomUUID();
    await this.svc.db.query(
      `INSERT INTO notifications (id, key, kind, person_id, network_id, member_id, subject_type, subject_id, facts, event_id, language, in_app, created_at)
       VALUES ($1, $2, 'report-due-soon', $3, $4, $5, 'sub-grant', $6, $7, $8, 'it', true, now())`,
      [id, `${randomUUID()}:report-due-soon:${this.w.giulia}`, this.w.giulia, this.w.networkId, this.w.ravenna, randomUUID(), JSON.stringify({ cityName: 'Ravenna', dueOn: '2026-05-01' }), randomUUID()],
    );
    return id;
  }

  /** An e-mail to Giulia whose sending failed: what an admin may resend. */
  async failedDelivery(): Promise<string> {
    const notificationId = await this.inboxItem();
    const id = randomUUID();
    await this.svc.db.query(
      `INSERT INTO deliveries (id, notification_id, channel, status, not_before, attempts, last_error, created_at, updated_at)
       VALUES ($1, $2, 'email', 'failed', now(), 8, '421 try again later', now(), now())`,
      [id, notificationId],
    );
    return id;
  }

  /** A webhook endpoint of Ravenna's, registered by the node operator. */
  async endpoint(): Promise<string> {
    const res = await this.svc.http.post(this.svc.path('webhooks')).send({ scope: 'city', networkId: this.w.networkId, memberId: this.w.ravenna, url: 'http://127.0.0.1:9/hook' });
    if (res.status !== 201) throw new Error(`registering an endpoint: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.id;
  }

  async deliveryStatus(id: string): Promise<string | undefined> {
    const [row] = await this.svc.db.query(`SELECT status FROM deliveries WHERE id = $1`, [id]);
    return row?.status;
  }
}

/** A person's own settings and inbox: theirs, their city liaison's and the network admins'. */
const personal = (ok: 200): Record<Caller, Expected> => ({
  'network admin': ok,
  'liaison of the city': ok,
  'liaison of another city': '403 access.own-city',
  'grant officer': '403 access.role',
  viewer: '403 access.role',
  'the person': ok,
  'another person': '403 access.role',
  anonymous: 401,
});
/** A city's webhooks: the network's admins and the city's liaison. */
const cityManagers = (ok: 200 | 201 | 204): Record<Caller, Expected> => ({
  'network admin': ok,
  'liaison of the city': ok,
  'liaison of another city': '403 access.own-city',
  'grant officer': '403 access.role',
  viewer: '403 access.role',
  'the person': '403 access.role',
  'another person': '403 access.role',
  anonymous: 401,
});
const ADMINS_ONLY = (ok: 200 | 202): Record<Caller, Expected> => ({
  ...cityManagers(204),
  'network admin': ok,
  'liaison of the city': '403 access.role',
  'liaison of another city': '403 access.role',
});

const N = '/api/notifications';
const PREFS = `${N}/people/:personId/preferences`;
const INBOX = `${N}/people/:personId/inbox`;

const MUTATIONS: Record<string, RouteSpec> = {
  [`PUT ${PREFS}`]: {
    // Other quiet hours each time: asking for what is already set changes (and records) nothing.
    request: async (f) => ({ params: { personId: f.w.giulia }, body: { quietHours: { from: f.nextQuietStart(), to: '07:30' } } }),
    expect: personal(200),
  },
  [`POST ${INBOX}/:id/read`]: { request: async (f) => ({ params: { personId: f.w.giulia, id: await f.inboxItem() } }), expect: personal(200) },
  [`POST ${INBOX}/read-all`]: {
    request: async (f) => {
      await f.inboxItem();
      return { params: { personId: f.w.giulia } };
    },
    expect: personal(200),
  },
  [`POST ${N}/webhooks`]: {
    request: async (f) => ({ body: { scope: 'city', networkId: f.w.networkId, memberId: f.w.ravenna, url: 'https://hooks.ravenna.example/intercity' } }),
    expect: cityManagers(201),
  },
  [`DELETE ${N}/webhooks/:id`]: { request: async (f) => ({ params: { id: await f.endpoint() } }), expect: cityManagers(204) },
  [`POST ${N}/webhooks/:id/rotate-secret`]: { request: async (f) => ({ params: { id: await f.endpoint() } }), expect: cityManagers(200) },
  [`POST ${N}/deliveries/:id/resend`]: {
    request: async (f) => ({ params: { id: await f.failedDelivery() } }),
    expect: ADMINS_ONLY(202),
    // The e-mail goes out again through the worker: let it finish before the next cell looks.
    settled: async (f, req) => ['sent', 'failed'].includes((await f.deliveryStatus(req.params!.id)) ?? ''),
  },
};

/** Reading needs a token; what each caller reads is narrowed as the rules say. */
const READS: Record<string, RouteSpec> = {
  [`GET ${PREFS}`]: { request: async (f) => ({ params: { personId: f.w.giulia } }), expect: personal(200) },
  [`GET ${INBOX}`]: {
    request: async (f) => {
      await f.inboxItem();
      return { params: { personId: f.w.giulia }, query: { unread: 'true' } };
    },
    expect: personal(200),
  },
  // A liaison of another city may ask: the list holds only their own city's endpoints.
  [`GET ${N}/webhooks`]: { request: async (f) => ({ query: { networkId: f.w.networkId } }), expect: { ...cityManagers(200), 'liaison of another city': 200 } },
  [`GET ${N}/deliveries/:id`]: { request: async (f) => ({ params: { id: await f.failedDelivery() } }), expect: cityManagers(200) },
  // The audit trail (who changed a webhook or a person's settings): network admins only.
  [`GET ${N}/audit`]: { request: async () => ({}), expect: ADMINS_ONLY(200) },
};

/** Open without a token, on purpose: the probes and the scrape. */
const PUBLIC_ROUTES = ['GET /health/live', 'GET /health/ready', 'GET /metrics'];

describe('who may do what in notifications, route by route', () => {
  const node = new TestNode('notifications_authz');
  let sink: SmtpSink;
  let svc: ServiceUnderTest;
  let routes: AppRoute[];
  let f: Fixtures;
  const tokens = new Map<Caller, string | undefined>();

  beforeAll(async () => {
    sink = await startSmtpSink();
    // The e-mail channel reads its SMTP server from the environment when the module is built.
    process.env.NOTIFICATIONS_SMTP_URL = sink.url;
    await node.startIssuer();
    const app = await node.start(notificationsDefinition(node.configFor('notifications'), { dispatchEveryMs: 0, dispatchGraceMs: 60_000, digestEveryMs: 0 }));
    svc = new ServiceUnderTest(app, 'notifications', node.issuer, await node.operatorToken());
    routes = routesOf(app);

    const w: World = { networkId: randomUUID(), ravenna: randomUUID(), cartagena: randomUUID(), giulia: randomUUID(), marco: randomUUID() };
    for (const [id, name] of [
      [w.ravenna, 'Ravenna'],
      [w.cartagena, 'Cartagena'],
    ]) {
      await svc.db.query(`INSERT INTO members (id, source_version, network_id, kind, name, country, time_zone, languages) VALUES ($1, 1, $2, 'city', $3, 'IT', 'Europe/Rome', '{it,en}')`, [id, w.networkId, name]);
    }
    for (const [id, name] of [
      [w.giulia, 'Giulia'],
      [w.marco, 'Marco'],
    ]) {
      await svc.db.query(`INSERT INTO people (id, source_version, member_id, given_name, family_name, email, preferred_language) VALUES ($1, 1, $2, $3, 'Rossi', $4, 'it')`, [
        id,
        w.ravenna,
        name,
        `${name.toLowerCase()}.${randomSuffix()}@ravenna.example`,
      ]);
    }
    f = new Fixtures(svc, w);

    const { networkId } = w;
    const mint = (subject: string, role: 'network-admin' | 'city-liaison' | 'grant-officer' | 'viewer', memberId?: string) =>
      svc.tokenFor(subject, { role, networkId, ...(memberId ? { memberId } : {}) });
    tokens.set('network admin', await mint('admin@notifications-matrix.example', 'network-admin'));
    tokens.set('liaison of the city', await mint('liaison@ravenna.example', 'city-liaison', w.ravenna));
    tokens.set('liaison of another city', await mint('liaison@cartagena.example', 'city-liaison', w.cartagena));
    tokens.set('grant officer', await mint('officer@notifications-matrix.example', 'grant-officer'));
    tokens.set('viewer', await mint('viewer@notifications-matrix.example', 'viewer'));
    // People sign in as themselves: the token's subject is their person id.
    tokens.set('the person', await mint(w.giulia, 'viewer'));
    tokens.set('another person', await mint(w.marco, 'viewer'));
    tokens.set('anonymous', undefined);
  }, 120_000);

  afterAll(async () => {
    for (const name of NOTIFICATION_QUEUES) await svc?.app.get<Queue>(getQueueToken(name)).obliterate({ force: true });
    await node.stop();
    await sink?.close();
  });

  const contents = () => tableDigest(svc.db, OWN_TABLES);

  function call(who: Caller, method: string, pattern: string, req: CellRequest) {
    const agent = svc.as(tokens.get(who));
    const path = fillPath(pattern, req.params);
    const r =
      method === 'GET' ? agent.get(path).query(req.query ?? {}) : method === 'POST' ? agent.post(path) : method === 'PUT' ? agent.put(path) : agent.delete(path);
    return req.body === undefined ? r : r.send(req.body);
  }

  function expectRefusal(res: Awaited<ReturnType<typeof call>>, outcome: Expected): void {
    const [status, rule] = outcome === 401 ? ['401', 'auth.bearer'] : String(outcome).split(' ');
    expectRuleProblem(res, Number(status), rule);
    // The refusal says why, for the person reading it.
    expect(res.body.detail).toEqual(expect.stringMatching(/\S/));
  }

  it('has an entry for every mutating route the app serves, and none for a route it does not', () => {
    expect(tableCoverage(routes, Object.keys(MUTATIONS), isMutating)).toEqual({ withoutEntry: [], noLongerServed: [] });
  });

  it('has an entry for every read that needs a token, and only the probes and the scrape are public', () => {
    expect(tableCoverage(routes, Object.keys(READS), isReadNeedingToken)).toEqual({ withoutEntry: [], noLongerServed: [] });
    expect(routes.filter((r) => r.access?.kind === 'public').map((r) => r.key)).toEqual(PUBLIC_ROUTES);
  });

  it('fails the coverage for a route served without an entry, and for an entry no route answers', () => {
    const served = [...routes, { key: `POST ${N}/people/:personId/inbox/:id/archive`, method: 'POST', path: `${N}/people/:personId/inbox/:id/archive`, handler: 'InboxController.archive' }];
    const listed = [...Object.keys(MUTATIONS), `DELETE ${PREFS}`];
    expect(tableCoverage(served, listed, isMutating)).toEqual({ withoutEntry: [`POST ${N}/people/:personId/inbox/:id/archive`], noLongerServed: [`DELETE ${PREFS}`] });
  });

  describe.each(Object.entries(MUTATIONS))('%s', (route, spec) => {
    const [method, pattern] = route.split(' ');
    it.each(CALLERS.map((who) => [who, spec.expect[who]] as const))('as %s: %s', async (who, outcome) => {
      const req = await spec.request(f);
      const before = await contents();

      const res = await call(who, method, pattern, req);

      if (typeof outcome === 'number' && outcome < 300) {
        expect({ status: res.status, body: res.body }).toEqual({ status: outcome, body: outcome === 204 ? {} : expect.anything() });
        expect(await contents()).not.toEqual(before);
        if (spec.settled) await waitFor(() => spec.settled!(f, req), { description: `${route} settled` });
        return;
      }
      expectRefusal(res, outcome);
      // A refusal changes nothing: no row, no event.
      expect(await contents()).toEqual(before);
    });
  });

  describe.each(Object.entries(READS))('%s', (route, spec) => {
    const [method, pattern] = route.split(' ');
    it.each(CALLERS.map((who) => [who, spec.expect[who]] as const))('as %s: %s', async (who, outcome) => {
      const req = await spec.request(f);
      const res = await call(who, method, pattern, req);
      if (outcome === 200) {
        expect({ status: res.status, type: res.headers['content-type'] }).toEqual({ status: 200, type: expect.stringMatching(/^application\/json/) });
      } else {
        expectRefusal(res, outcome);
      }
    });
  });

  describe('what an allowed read shows', () => {
    it("a person's inbox and settings are theirs, as their liaison and the admins see them", async () => {
      const item = await f.inboxItem();
      for (const who of ['the person', 'liaison of the city', 'network admin'] as const) {
        const inbox = await call(who, 'GET', `${INBOX}`, { params: { personId: f.w.giulia } });
        expect(inbox.body.items.map((i: { id: string }) => i.id)).toContain(item);
        const prefs = await call(who, 'GET', PREFS, { params: { personId: f.w.giulia } });
        expect(prefs.body.personId).toBe(f.w.giulia);
      }
      // Another person's own inbox has none of Giulia's.
      const theirs = await call('another person', 'GET', INBOX, { params: { personId: f.w.marco } });
      expect({ status: theirs.status, items: theirs.body.items }).toEqual({ status: 200, items: [] });
    });

    it("marking another person's item read through one's own inbox finds nothing", async () => {
      const item = await f.inboxItem();
      const res = await call('another person', 'POST', `${INBOX}/:id/read`, { params: { personId: f.w.marco, id: item } });
      expectRuleProblem(res, 404, 'notification.exists');
      const [{ read_at }] = await svc.db.query(`SELECT read_at FROM notifications WHERE id = $1`, [item]);
      expect(read_at).toBeNull();
    });

    it("a liaison of another city lists only their own city's webhooks", async () => {
      const ravennas = await f.endpoint();
      const own = await call('liaison of the city', 'GET', `${N}/webhooks`, { query: { networkId: f.w.networkId, limit: '200' } });
      expect(own.body.items.map((e: { id: string }) => e.id)).toContain(ravennas);
      const other = await call('liaison of another city', 'GET', `${N}/webhooks`, { query: { networkId: f.w.networkId, limit: '200' } });
      expect(other.body).toMatchObject({ items: [], total: 0 });
    });
  });

  /** Registering, scope by scope: a network's webhooks are its admins'; a person's their city liaison's. */
  describe.each([
    ['network', { 'liaison of the city': '403 access.role', 'liaison of another city': '403 access.role' }],
    ['person', {}],
  ] as const)('POST %s webhooks', (scope, overrides) => {
    const expected: Record<Caller, Expected> = { ...cityManagers(201), ...overrides };
    it.each(CALLERS.map((who) => [who, expected[who]] as const))('as %s: %s', async (who, outcome) => {
      const body = { scope, networkId: f.w.networkId, ...(scope === 'person' ? { personId: f.w.giulia } : {}), url: 'https://hooks.example.org/intercity' };
      const before = await contents();
      const res = await call(who, 'POST', `${N}/webhooks`, { body });
      if (outcome === 201) {
        expect(res.status).toBe(201);
        expect(res.body).toMatchObject({ scope, networkId: f.w.networkId, secret: expect.stringMatching(/^whsec_/) });
        return;
      }
      expectRefusal(res, outcome);
      expect(await contents()).toEqual(before);
    });
  });
});
