import { randomUUID } from 'node:crypto';
import { Module } from '@nestjs/common';
import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { DirectoryCopies } from '@intercity/directory';
import { Clock, JobsModule, PlatformModule, ServiceConfig, ServiceDefinition } from '@intercity/platform';
import { ServiceUnderTest, TestNode } from '@intercity/service-testing';
import { waitFor } from '@intercity/testing';
import { DeliveryRepository } from '../src/delivery/delivery.repository';
import { EMAIL_QUEUE } from '../src/delivery/queues';
import { NOTIFICATIONS_MIGRATIONS } from '../src/migrations';
import type { NotificationKind } from '../src/notification/domain/vocabulary';
import { loadWebhookOptions, WEBHOOK_CONTROLLERS, WEBHOOK_OPTIONS, WEBHOOK_QUEUE, WebhookEndpointRepository, WebhookJobs, webhookProviders, WebhookOptions } from '../src/webhook';
import { WebhookReceiver } from './support/webhook-receiver';

/** Short waits, so a day of retries runs in about two seconds: 7 attempts, then parked. */
const RETRY_MS = '50,100,200,400,400,400';

@Module({})
class WebhooksUnderTest {}

/** The webhook feature alone on the platform (HTTP, auth, problems, Postgres, BullMQ), without the event pipeline. */
function webhooksDefinition(config: ServiceConfig, options: WebhookOptions): ServiceDefinition {
  return {
    config,
    title: 'webhooks under test',
    description: 'webhook endpoints, webhook deliveries and the delivery log',
    migrations: NOTIFICATIONS_MIGRATIONS,
    module: {
      module: WebhooksUnderTest,
      imports: [PlatformModule.forService({ config, entities: [], migrations: NOTIFICATIONS_MIGRATIONS, publishes: false }), JobsModule.forService(config, [WEBHOOK_QUEUE, EMAIL_QUEUE])],
      controllers: WEBHOOK_CONTROLLERS,
      providers: [Clock, DirectoryCopies, DeliveryRepository, ...webhookProviders(options)],
    },
  };
}

describe('webhooks', () => {
  const node = new TestNode('webhooks');
  const receiver = new WebhookReceiver();
  let svc: ServiceUnderTest;
  let options: WebhookOptions;
  const networkId = randomUUID();
  const ravenna = randomUUID();
  const offenbach = randomUUID();
  const giulia = randomUUID();
  const jonas = randomUUID();
  let admin: string;
  let ravennaLiaison: string;
  let offenbachLiaison: string;

  beforeAll(async () => {
    await node.startIssuer();
    await receiver.start();
    options = loadWebhookOptions({ NOTIFICATIONS_WEBHOOK_RETRY_MS: RETRY_MS, NOTIFICATIONS_WEBHOOK_TIMEOUT_MS: '2000' });
    const app = await node.start(webhooksDefinition(node.configFor('notifications'), options));
    svc = new ServiceUnderTest(app, 'notifications', node.issuer, await node.operatorToken());
    for (const [id, name] of [
      [ravenna, 'Ravenna'],
      [offenbach, 'Kreis Offenbach'],
    ]) {
      await svc.db.query(`INSERT INTO members (id, source_version, network_id, kind, name, country, time_zone, languages) VALUES ($1, 1, $2, 'city', $3, 'IT', 'Europe/Rome', '{it,en}')`, [id, networkId, name]);
    }
    for (const [id, memberId, name] of [
      [giulia, ravenna, 'Giulia'],
      [jonas, offenbach, 'Jonas'],
    ]) {
      await svc.db.query(
        `INSERT INTO people (id, source_version, member_id, given_name, family_name, email, preferred_language) VALUES ($1, 1, $2, $3, 'Rossi', $4, 'en')`,
        [id, memberId, name, `${name.toLowerCase()}@city.example`],
      );
    }
    admin = await svc.tokenFor('admin@eurocities.example', { role: 'network-admin', networkId });
    ravennaLiaison = await svc.tokenFor('liaison@ravenna.example', { role: 'city-liaison', networkId, memberId: ravenna });
    offenbachLiaison = await svc.tokenFor('liaison@offenbach.example', { role: 'city-liaison', networkId, memberId: offenbach });
  });

  afterAll(async () => {
    await svc?.app.get<Queue>(getQueueToken(WEBHOOK_QUEUE)).obliterate({ force: true });
    await node.stop();
    await receiver.stop();
  });

  /** Registers an endpoint at `path` of the receiver, which then trusts its secret. */
  async function givenEndpoint(path: string, body: Record<string, unknown> = { scope: 'network', networkId }, token = admin): Promise<string> {
    const res = await svc.as(token).post(svc.path('webhooks')).send({ url: receiver.url(path), ...body }).expect(201);
    receiver.trust(path, res.body.secret);
    return res.body.id;
  }

  /** A notification for Giulia and its webhook delivery to one endpoint, as the pipeline stores them. */
  async function givenDelivery(endpointId: string, deliveryId = randomUUID()): Promise<string> {
    const kind: NotificationKind = 'report-due-soon';
    const notificationId = randomUUID();
    const deliveries = svc.app.get(DeliveryRepository);
    const now = new Date();
    await svc.db.transaction((m) =>
      deliveries.insertFanout(
        m,
        [
          {
            id: notificationId,
            key: `${randomUUID()}:${kind}:${giulia}`,
            kind,
            personId: giulia,
            networkId,
            memberId: ravenna,
            subject: { type: 'sub-grant', id: 'sg-1' },
            facts: { reportTitle: 'Interim report', dueOn: '2026-05-01' },
            eventId: randomUUID(),
            language: 'it',
            inApp: false,
          },
        ],
        [{ id: deliveryId, notificationId, channel: 'webhook', endpointId, status: 'queued', notBefore: now, periodKey: null }],
        now,
      ),
    );
    return deliveryId;
  }

  const statusOf = async (deliveryId: string) => (await svc.app.get(DeliveryRepository).delivery(deliveryId))?.status;
  const attemptsOf = (deliveryId: string) => svc.app.get(DeliveryRepository).attemptsOf(deliveryId);

  it('registers endpoints per network, city and person, each by whom it concerns; the secret is shown once', async () => {
    const url = receiver.url('/scopes');
    const created = await svc.as(ravennaLiaison).post(svc.path('webhooks')).send({ scope: 'city', networkId, memberId: ravenna, url }).expect(201);
    expect(created.body).toMatchObject({ scope: 'city', networkId, memberId: ravenna, personId: null, url, active: true });
    expect(created.body.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(created.body.kinds).toHaveLength(10);
    await svc.as(ravennaLiaison).post(svc.path('webhooks')).send({ scope: 'person', networkId, personId: giulia, url, kinds: ['report-overdue'] }).expect(201);

    const otherCity = await svc.as(offenbachLiaison).post(svc.path('webhooks')).send({ scope: 'city', networkId, memberId: ravenna, url }).expect(403);
    expect(otherCity.body.rule).toBe('access.own-city');
    await svc.as(offenbachLiaison).post(svc.path('webhooks')).send({ scope: 'person', networkId, personId: giulia, url }).expect(403);
    expect((await svc.as(ravennaLiaison).post(svc.path('webhooks')).send({ scope: 'network', networkId, url }).expect(403)).body.rule).toBe('access.role');

    const listed = await svc.as(admin).get(svc.path('webhooks')).query({ networkId }).expect(200);
    expect(listed.body.items.length).toBeGreaterThanOrEqual(2);
    expect(listed.body.items.every((e: object) => !('secret' in e))).toBe(true);
    const theirs = await svc.as(offenbachLiaison).get(svc.path('webhooks')).query({ networkId }).expect(200);
    expect(theirs.body.items).toEqual([]);
    const ours = await svc.as(ravennaLiaison).get(svc.path('webhooks')).query({ networkId }).expect(200);
    expect(ours.body.items.map((e: { scope: string }) => e.scope).sort()).toEqual(['city', 'person']);

    const rotated = await svc.as(ravennaLiaison).post(svc.path(`webhooks/${created.body.id}/rotate-secret`)).expect(200);
    expect(rotated.body.secret).toMatch(/^whsec_/);
    expect(rotated.body.secret).not.toBe(created.body.secret);
    await svc.as(offenbachLiaison).delete(svc.path(`webhooks/${created.body.id}`)).expect(403);
    await svc.as(ravennaLiaison).delete(svc.path(`webhooks/${created.body.id}`)).expect(204);
    await svc.as(ravennaLiaison).post(svc.path(`webhooks/${created.body.id}/rotate-secret`)).expect(409);
  });

  it('audits each rotation of a secret: who, when, which endpoint, never the secret; a refused one leaves no trace', async () => {
    const url = receiver.url('/rotations');
    const { body: endpoint } = await svc.as(ravennaLiaison).post(svc.path('webhooks')).send({ scope: 'city', networkId, memberId: ravenna, url }).expect(201);
    expect((await svc.events(endpoint.id)).map((e) => e.type)).toEqual(['notifications.webhook-endpoint.registered']);

    const before = Date.now();
    const first = await svc.as(ravennaLiaison).post(svc.path(`webhooks/${endpoint.id}/rotate-secret`)).expect(200);
    await svc.as(offenbachLiaison).post(svc.path(`webhooks/${endpoint.id}/rotate-secret`)).expect(403);
    const second = await svc.as(admin).post(svc.path(`webhooks/${endpoint.id}/rotate-secret`)).expect(200);

    const events = (await svc.events(endpoint.id)).slice(1);
    expect(events.map((e) => [e.type, e.aggregateType, e.aggregateVersion])).toEqual([
      ['notifications.webhook-endpoint.secret-rotated', 'webhook-endpoint', 2],
      ['notifications.webhook-endpoint.secret-rotated', 'webhook-endpoint', 3],
    ]);
    expect(events[0].envelope.actor).toEqual({ kind: 'person', id: 'liaison@ravenna.example', roles: ['city-liaison'] });
    expect(events[1].envelope.actor).toMatchObject({ kind: 'person', id: 'admin@eurocities.example' });
    expect(events[0].data).toEqual({ endpointId: endpoint.id, networkId, scope: 'city', memberId: ravenna, rotatedBy: expect.stringMatching(/^[0-9a-f-]{36}$/), rotatedAt: expect.any(String) });
    expect(Date.parse(events[0].data.rotatedAt as string)).toBeGreaterThanOrEqual(before - 1000);
    for (const e of events) {
      const written = JSON.stringify(e.envelope);
      for (const secret of [endpoint.secret, first.body.secret, second.body.secret]) expect(written).not.toContain(secret.slice('whsec_'.length));
    }

    // The network's admins read it in the audit trail; the liaison who rotated does not.
    const audit = await svc.as(admin).get(svc.path('audit')).query({ entity: `webhook-endpoint:${endpoint.id}` }).expect(200);
    expect(audit.body.items.map((a: { action: string; actor: { id: string }; entityVersion: number; networkId: string }) => [a.action, a.actor.id, a.entityVersion, a.networkId])).toEqual([
      ['notifications.webhook-endpoint.secret-rotated', 'admin@eurocities.example', 3, networkId],
      ['notifications.webhook-endpoint.secret-rotated', 'liaison@ravenna.example', 2, networkId],
      ['notifications.webhook-endpoint.registered', 'liaison@ravenna.example', 1, networkId],
    ]);
    await svc.as(ravennaLiaison).get(svc.path('audit')).expect(403);

    // A deactivated endpoint's secret is not rotated, and nothing is recorded.
    await svc.as(admin).delete(svc.path(`webhooks/${endpoint.id}`)).expect(204);
    await svc.as(admin).post(svc.path(`webhooks/${endpoint.id}/rotate-secret`)).expect(409);
    expect((await svc.events(endpoint.id)).map((e) => [e.type, e.aggregateVersion])).toEqual([
      ['notifications.webhook-endpoint.registered', 1],
      ['notifications.webhook-endpoint.secret-rotated', 2],
      ['notifications.webhook-endpoint.secret-rotated', 3],
      ['notifications.webhook-endpoint.deactivated', 4],
    ]);
  });

  it('audits registering and deactivating an endpoint: who, which, where it posts (never its secret or path); a refused or repeated one records nothing', async () => {
    const recorded = async () => {
      const [row] = await svc.db.query(`SELECT (SELECT count(*) FROM outbox)::int AS events, (SELECT count(*) FROM audit_trail)::int AS audited`);
      return row as { events: number; audited: number };
    };
    // A receiver's URL may carry its own token in the path or query: the audit keeps the origin only.
    const url = receiver.url('/life/T0K3N?sig=receiver-token');
    const start = await recorded();
    await svc.as(offenbachLiaison).post(svc.path('webhooks')).send({ scope: 'person', networkId, personId: giulia, url }).expect(403);
    expect(await recorded()).toEqual(start);

    const { body: endpoint } = await svc.as(ravennaLiaison).post(svc.path('webhooks')).send({ scope: 'person', networkId, personId: giulia, url, kinds: ['report-overdue'] }).expect(201);
    const [registered] = await svc.events(endpoint.id);
    expect(registered).toMatchObject({ type: 'notifications.webhook-endpoint.registered', aggregateType: 'webhook-endpoint', aggregateVersion: 1 });
    expect(registered.envelope.actor).toEqual({ kind: 'person', id: 'liaison@ravenna.example', roles: ['city-liaison'] });
    expect(registered.data).toEqual({
      endpointId: endpoint.id,
      networkId,
      scope: 'person',
      personId: giulia,
      origin: new URL(url).origin,
      kinds: ['report-overdue'],
      registeredBy: expect.stringMatching(/^[0-9a-f-]{36}$/),
      registeredAt: expect.any(String),
    });
    const written = JSON.stringify(registered.envelope);
    for (const secret of [endpoint.secret.slice('whsec_'.length), 'T0K3N', 'receiver-token']) expect(written).not.toContain(secret);

    // Another city's liaison may not deactivate it: nothing changes, nothing is recorded.
    const afterRegistering = await recorded();
    await svc.as(offenbachLiaison).delete(svc.path(`webhooks/${endpoint.id}`)).expect(403);
    expect(await recorded()).toEqual(afterRegistering);

    await svc.as(ravennaLiaison).delete(svc.path(`webhooks/${endpoint.id}`)).expect(204);
    // Again: it is already deactivated, so nothing changes and nothing more is recorded.
    await svc.as(admin).delete(svc.path(`webhooks/${endpoint.id}`)).expect(204);
    const events = await svc.events(endpoint.id);
    expect(events.map((e) => [e.type, e.aggregateVersion])).toEqual([
      ['notifications.webhook-endpoint.registered', 1],
      ['notifications.webhook-endpoint.deactivated', 2],
    ]);
    expect(events[1].envelope.actor).toEqual({ kind: 'person', id: 'liaison@ravenna.example', roles: ['city-liaison'] });
    expect(events[1].data).toEqual({
      endpointId: endpoint.id,
      networkId,
      scope: 'person',
      personId: giulia,
      deactivatedBy: registered.data.registeredBy,
      deactivatedAt: expect.any(String),
    });
    const [{ version, active }] = await svc.db.query(`SELECT version, active FROM webhook_endpoints WHERE id = $1`, [endpoint.id]);
    expect({ version, active }).toEqual({ version: 2, active: false });

    const audit = await svc.as(admin).get(svc.path('audit')).query({ entity: `webhook-endpoint:${endpoint.id}` }).expect(200);
    expect(audit.body.items.map((a: { action: string; actor: { id: string }; entityVersion: number; networkId: string }) => [a.action, a.actor.id, a.entityVersion, a.networkId])).toEqual([
      ['notifications.webhook-endpoint.deactivated', 'liaison@ravenna.example', 2, networkId],
      ['notifications.webhook-endpoint.registered', 'liaison@ravenna.example', 1, networkId],
    ]);
  });

  it('refuses unknown kinds and scope mix-ups, naming the field and the rule', async () => {
    const url = receiver.url('/bad');
    const kinds = await svc.as(admin).post(svc.path('webhooks')).send({ scope: 'network', networkId, url, kinds: ['report-overdue', 'lunch-served'] }).expect(400);
    expect(kinds.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(kinds.body.violations).toEqual([expect.objectContaining({ field: 'kinds.1', rule: 'webhook.kinds.known' })]);
    const mixed = await svc.as(admin).post(svc.path('webhooks')).send({ scope: 'network', networkId, memberId: ravenna, url }).expect(400);
    expect(mixed.body.violations).toEqual([expect.objectContaining({ field: 'memberId', rule: 'webhook.scope.memberId' })]);
    const stranger = await svc.as(admin).post(svc.path('webhooks')).send({ scope: 'person', networkId, personId: randomUUID(), url }).expect(422);
    expect(stranger.body.rule).toBe('webhook.person.in-network');
  });

  it('refuses a webhook URL that is not https in production mode', async () => {
    const live = svc.app.get<WebhookOptions>(WEBHOOK_OPTIONS);
    const production = loadWebhookOptions({ NODE_ENV: 'production' });
    expect(production.requireHttps).toBe(true);
    expect(loadWebhookOptions({ NODE_ENV: 'production', NOTIFICATIONS_REQUIRE_HTTPS: 'false' }).requireHttps).toBe(false);
    live.requireHttps = production.requireHttps;
    try {
      const res = await svc.as(admin).post(svc.path('webhooks')).send({ scope: 'network', networkId, url: 'http://hooks.example.org/intercity' }).expect(400);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body).toMatchObject({ status: 400, rule: 'webhook.url.https', violations: [expect.objectContaining({ field: 'url', rule: 'webhook.url.https' })] });
      await svc.as(admin).post(svc.path('webhooks')).send({ scope: 'network', networkId, url: 'https://hooks.example.org/intercity', kinds: ['report-overdue'] }).expect(201);
    } finally {
      live.requireHttps = false;
    }
  });

  it("finds a person's endpoints: their network's, their city's and their own, for the kind, active only", async () => {
    const kind: NotificationKind = 'milestone-slipping';
    const only = { kinds: [kind] };
    const network = await givenEndpoint('/ef-network', { scope: 'network', networkId, ...only });
    const city = await givenEndpoint('/ef-city', { scope: 'city', networkId, memberId: ravenna, ...only });
    const own = await givenEndpoint('/ef-own', { scope: 'person', networkId, personId: giulia, ...only });
    await givenEndpoint('/ef-other-city', { scope: 'city', networkId, memberId: offenbach, ...only });
    await givenEndpoint('/ef-other-person', { scope: 'person', networkId, personId: jonas, ...only });
    await givenEndpoint('/ef-other-kind', { scope: 'network', networkId, kinds: ['seat-offered'] });
    const gone = await givenEndpoint('/ef-gone', { scope: 'network', networkId, ...only });
    await svc.as(admin).delete(svc.path(`webhooks/${gone}`)).expect(204);

    const found = await svc.app.get(WebhookEndpointRepository).endpointsFor(networkId, ravenna, giulia, kind);
    expect(found.map((e) => e.id).sort()).toEqual([network, city, own].sort());
    expect(await svc.app.get(WebhookEndpointRepository).endpointsFor(randomUUID(), ravenna, giulia, kind)).toEqual([]);
  });

  it('delivers once, signed per Standard Webhooks, with the delivery id as webhook-id and no e-mail address', async () => {
    const endpointId = await givenEndpoint('/once', { scope: 'city', networkId, memberId: ravenna });
    const deliveryId = await givenDelivery(endpointId);
    await svc.app.get(WebhookJobs).add(deliveryId);
    await waitFor(async () => (await statusOf(deliveryId)) === 'sent', { description: 'the delivery sent' });

    const [message] = receiver.messagesTo('/once');
    expect(receiver.messagesTo('/once')).toHaveLength(1);
    expect(receiver.hits.get(deliveryId)).toBe(1);
    expect(message.id).toBe(deliveryId);
    expect(message.headers['webhook-signature']).toMatch(/^v1,/);
    expect(message.payload).toMatchObject({
      type: 'intercity.report-due-soon',
      data: { kind: 'report-due-soon', personId: giulia, networkId, memberId: ravenna, subject: { type: 'sub-grant', id: 'sg-1' }, language: 'it', facts: { dueOn: '2026-05-01' } },
    });
    expect(message.body).not.toContain('@');
    expect(receiver.rejected).toEqual([]);

    // Its log: one attempt, sent. A liaison of another city does not read it.
    const log = await svc.as(ravennaLiaison).get(svc.path(`deliveries/${deliveryId}`)).expect(200);
    expect(log.body).toMatchObject({ status: 'sent', channel: 'webhook', attempts: 1, attemptLog: [expect.objectContaining({ attempt: 1, outcome: 'sent' })] });
    await svc.as(offenbachLiaison).get(svc.path(`deliveries/${deliveryId}`)).expect(403);
  });

  it('retries a job that ran before its delivery was committed', async () => {
    const endpointId = await givenEndpoint('/early');
    const deliveryId = randomUUID();
    const queue = svc.app.get<Queue>(getQueueToken(WEBHOOK_QUEUE));
    await svc.app.get(WebhookJobs).add(deliveryId);
    await waitFor(async () => (await queue.getJob(deliveryId))?.attemptsMade, { description: 'a first try that found nothing' });
    // Held while the delivery commits, so a slow commit can't outlast the test's short retry schedule.
    await queue.pause();
    try {
      await givenDelivery(endpointId, deliveryId);
    } finally {
      await queue.resume();
    }
    await waitFor(async () => (await statusOf(deliveryId)) === 'sent', { description: 'the late delivery sent' });
    expect(receiver.hits.get(deliveryId)).toBe(1);
  });

  it('a receiver down for a while gets every delivery once it is back', async () => {
    const endpointId = await givenEndpoint('/down');
    const ids = await Promise.all([1, 2, 3, 4, 5].map(() => givenDelivery(endpointId)));
    await receiver.stop();
    try {
      for (const id of ids) await svc.app.get(WebhookJobs).add(id);
      // Down long enough that every delivery failed twice and waits for a retry.
      await waitFor(async () => (await Promise.all(ids.map(attemptsOf))).every((a) => a.length >= 2), { description: 'two failed attempts each' });
      expect(await Promise.all(ids.map(statusOf))).not.toContain('sent');
      const [failed] = await attemptsOf(ids[0]);
      expect(failed).toMatchObject({ attempt: 1, outcome: 'queued', detail: 'ECONNREFUSED' });
    } finally {
      await receiver.start();
    }
    await waitFor(async () => (await Promise.all(ids.map(statusOf))).every((s) => s === 'sent'), { description: 'all five sent' });
    expect(receiver.messagesTo('/down').map((m) => m.id).sort()).toEqual([...ids].sort());
    for (const id of ids) expect(receiver.hits.get(id)).toBe(1);
  });

  it('parks a delivery after its last attempt; an admin resends it and it arrives', async () => {
    const endpointId = await givenEndpoint('/parked');
    const deliveryId = await givenDelivery(endpointId);
    receiver.unavailable = true;
    try {
      await svc.app.get(WebhookJobs).add(deliveryId);
      await waitFor(async () => (await statusOf(deliveryId)) === 'parked', { description: 'the delivery parked', timeoutMs: 20_000 });
    } finally {
      receiver.unavailable = false;
    }
    const parked = await svc.as(admin).get(svc.path(`deliveries/${deliveryId}`)).expect(200);
    const attempts = RETRY_MS.split(',').length + 1;
    expect(parked.body).toMatchObject({ status: 'parked', attempts, lastError: 'HTTP 503' });
    expect(parked.body.attemptLog.map((a: { outcome: string }) => a.outcome)).toEqual([...Array(attempts - 1).fill('queued'), 'parked']);
    expect(receiver.hits.get(deliveryId)).toBeUndefined();

    await svc.as(ravennaLiaison).post(svc.path(`deliveries/${deliveryId}/resend`)).expect(403);
    const resent = await svc.as(admin).post(svc.path(`deliveries/${deliveryId}/resend`)).expect(202);
    expect(resent.body.status).toMatch(/^(queued|sending|sent)$/);
    await waitFor(async () => (await statusOf(deliveryId)) === 'sent', { description: 'the resent delivery sent' });
    expect(receiver.hits.get(deliveryId)).toBe(1);
    expect(receiver.messagesTo('/parked')[0].id).toBe(deliveryId);
    const log = await svc.as(admin).get(svc.path(`deliveries/${deliveryId}`)).expect(200);
    expect(log.body.attemptLog.at(-1)).toMatchObject({ attempt: attempts + 1, outcome: 'sent' });
    await svc.as(admin).post(svc.path(`deliveries/${randomUUID()}/resend`)).expect(404);
  });
});
