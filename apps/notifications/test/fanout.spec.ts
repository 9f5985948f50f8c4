import { randomUUID } from 'node:crypto';
import { Test, TestingModule } from '@nestjs/testing';
import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { TransactionRunner } from '@intercity/persistence';
import { Clock, JobsModule, loadServiceConfig } from '@intercity/platform';
import { createTestDataSource, randomSuffix, TestDataSource } from '@intercity/testing';
import { AudienceRepository } from '../src/audience/audience.repository';
import { DeliveryRepository } from '../src/delivery/delivery.repository';
import { DeliveryJobs } from '../src/delivery/delivery-jobs';
import { EMAIL_OPTIONS, EMAIL_QUEUE, loadEmailOptions } from '../src/email';
import { NOTIFICATIONS_MIGRATIONS } from '../src/migrations';
import type { Intent } from '../src/notification/domain/intent';
import { deliveryId, NotificationPipeline, notificationId } from '../src/pipeline/notification-pipeline';
import { deliveryPlan } from '../src/preference/domain/preferences';
import { PreferenceRepository } from '../src/preference/preference.repository';
import { WEBHOOK_OPTIONS, WEBHOOK_QUEUE, WebhookEndpointRepository, WebhookJobs, loadWebhookOptions } from '../src/webhook';

const PEOPLE = 1_000;
/** 23:30 in Paris: quiet hours (22:00 – 07:00 by default) are on for whoever kept them. */
const NOW = new Date('2026-11-23T22:30:00Z');

/**
 * One event told to a thousand people at once (the pipeline's set-wise path), against real
 * Postgres and Redis: each person gets what their own preferences say, the jobs go in once the
 * transaction has committed (none when it rolls back), and the same event again adds nothing.
 */
describe('fan-out of one event to many people', () => {
  let db: TestDataSource;
  let moduleRef: TestingModule;
  let pipeline: NotificationPipeline;
  let tx: TransactionRunner;
  let email: Queue;
  let webhook: Queue;
  const networkId = randomUUID();
  const memberId = randomUUID();
  const endpointId = randomUUID();
  let people: string[] = [];

  beforeAll(async () => {
    db = await createTestDataSource('notifications_fanout', { migrations: NOTIFICATIONS_MIGRATIONS });
    const config = loadServiceConfig('notifications', 0, { ...process.env, NATS_STREAM_PREFIX: `T${randomSuffix()}_` });
    moduleRef = await Test.createTestingModule({
      // The queues without their workers: the jobs stay there to be counted.
      imports: [JobsModule.forService(config, [EMAIL_QUEUE, WEBHOOK_QUEUE])],
      providers: [
        { provide: DataSource, useValue: db.dataSource },
        { provide: EMAIL_OPTIONS, useValue: loadEmailOptions({}) },
        { provide: WEBHOOK_OPTIONS, useValue: loadWebhookOptions({}) },
        Clock,
        AudienceRepository,
        DeliveryRepository,
        PreferenceRepository,
        WebhookEndpointRepository,
        WebhookJobs,
        DeliveryJobs,
        NotificationPipeline,
      ],
    }).compile();
    await moduleRef.init();
    moduleRef.get(Clock).now = () => NOW;
    pipeline = moduleRef.get(NotificationPipeline);
    tx = new TransactionRunner(db.dataSource, 'test');
    email = moduleRef.get<Queue>(getQueueToken(EMAIL_QUEUE));
    webhook = moduleRef.get<Queue>(getQueueToken(WEBHOOK_QUEUE));

    const q = (sql: string, params: unknown[] = []) => db.dataSource.query(sql, params);
    await q(`INSERT INTO members (id, source_version, network_id, kind, name, country, time_zone, languages) VALUES ($1, 1, $2, 'city', 'Lyon', 'FR', 'Europe/Paris', '{fr,en}')`, [
      memberId,
      networkId,
    ]);
    // Person n: German speakers every 7th, no e-mail address every 50th, erased every 100th.
    const rows: { id: string }[] = await q(
      `INSERT INTO people (id, source_version, member_id, given_name, family_name, email, preferred_language, erased)
       SELECT gen_random_uuid(), 1, $1, CASE WHEN g % 100 = 0 THEN NULL ELSE 'Given' || g END, 'Trainee' || g,
              CASE WHEN g % 50 = 0 THEN NULL ELSE 'trainee' || g || '@lyon.example' END, CASE WHEN g % 7 = 0 THEN 'de-AT' ELSE 'fr' END, g % 100 = 0
         FROM generate_series(1, $2) g ORDER BY g RETURNING id`,
      [memberId, PEOPLE],
    );
    people = rows.map((r) => r.id);
    // Preferences as people set them: quiet hours off (every 2nd), a daily digest of these (every 3rd),
    // the inbox only (every 11th), webhooks and the inbox (every 13th), nothing at all (every 17th),
    // their own clock in Lisbon (every 5th). The others keep the defaults.
    const prefs = moduleRef.get(PreferenceRepository);
    const base = (await prefs.of(people[0])).kinds;
    for (const [n, id] of people.entries()) {
      const kind = { ...base['activity-changed'] };
      if (n % 3 === 0) kind.cadence = 'daily';
      if (n % 11 === 0) kind.channels = ['in-app'];
      if (n % 13 === 0) kind.channels = ['in-app', 'webhook'];
      if (n % 17 === 0) kind.channels = [];
      const settings = { kinds: { 'activity-changed': kind }, quietHours: n % 2 ? { from: '22:00', to: '07:00' } : null, timeZone: n % 5 === 0 ? 'Europe/Lisbon' : null };
      if (n % 4 !== 1) await q(`INSERT INTO preferences (person_id, settings, version, updated_at) VALUES ($1, $2, 1, now())`, [id, JSON.stringify(settings)]);
    }
    await q(
      `INSERT INTO webhook_endpoints (id, network_id, url, secret, kinds, created_by, created_at) VALUES ($1, $2, 'https://hooks.lyon.example/in', 'secret', '{activity-changed}', 'test', now())`,
      [endpointId, networkId],
    );
  }, 120_000);

  afterAll(async () => {
    await email?.obliterate({ force: true });
    await webhook?.obliterate({ force: true });
    await moduleRef?.close();
    await db?.close();
  });

  const intentsOf = (eventId: string, personIds: readonly string[]): Intent[] =>
    personIds.map((personId) => ({
      key: `${eventId}:activity-changed:${personId}`,
      kind: 'activity-changed',
      personId,
      networkId,
      memberId,
      subject: { type: 'activity', id: 'workshop-1' },
      facts: { change: 'cancelled', title: 'Peer-learning workshop', cancellationReason: 'The host city cannot receive visitors that week' },
      eventId,
      occurredAt: NOW.toISOString(),
    }));

  const count = async (sql: string, params: unknown[]) => ((await db.dataSource.query(sql, params)) as { n: number }[])[0].n;
  const notificationsOf = (eventId: string) => count(`SELECT count(*)::int AS n FROM notifications WHERE event_id = $1`, [eventId]);
  const deliveriesOf = (eventId: string) =>
    count(`SELECT count(*)::int AS n FROM deliveries d JOIN notifications n ON n.id = d.notification_id WHERE n.event_id = $1`, [eventId]);
  const jobIds = async () => [...(await email.getJobs(['waiting', 'delayed'])), ...(await webhook.getJobs(['waiting', 'delayed']))].map((j) => j.id);
  const emptyQueues = async () => {
    await email.obliterate({ force: true });
    await webhook.obliterate({ force: true });
  };

  it('gives each person what their own preferences say, in one go', async () => {
    await emptyQueues();
    const eventId = randomUUID();
    const intents = intentsOf(eventId, people);
    const told = await tx.run((uow) => pipeline.notify(uow, intents));

    // What notifying each person on their own would have stored.
    const audience = moduleRef.get(AudienceRepository).within();
    const prefs = moduleRef.get(PreferenceRepository);
    const expected = new Map<string, { channel: string; status: string; notBefore: number; periodKey: string | null }>();
    const inApp = new Map<string, boolean>();
    for (const intent of intents) {
      const recipient = await audience.person(intent.personId);
      if (!recipient) continue;
      const plan = deliveryPlan(intent, await prefs.of(intent.personId), recipient, NOW);
      if (!plan.length) continue;
      inApp.set(notificationId(intent.key), plan.some((p) => p.channel === 'in-app'));
      for (const p of plan) {
        if (p.channel === 'in-app') continue;
        const id = p.channel === 'webhook' ? deliveryId(intent.key, 'webhook', endpointId) : deliveryId(intent.key, p.channel);
        expected.set(id, { channel: p.channel, status: p.status, notBefore: p.notBefore.getTime(), periodKey: p.periodKey });
      }
    }
    expect(told).toBe(inApp.size);
    // Every kind of case is among them.
    const statuses = [...expected.values()].map((e) => `${e.channel}:${e.status}:${e.notBefore > NOW.getTime() ? 'later' : 'now'}`);
    expect(new Set(statuses)).toEqual(new Set(['email:queued:now', 'email:queued:later', 'email:held:later', 'webhook:queued:now', 'webhook:queued:later']));

    const stored: { id: string; notification_id: string; channel: string; status: string; not_before: Date; period_key: string | null }[] = await db.dataSource.query(
      `SELECT d.id, d.notification_id, d.channel, d.status, d.not_before, d.period_key FROM deliveries d JOIN notifications n ON n.id = d.notification_id WHERE n.event_id = $1`,
      [eventId],
    );
    expect(new Map(stored.map((d) => [d.id, { channel: d.channel, status: d.status, notBefore: d.not_before.getTime(), periodKey: d.period_key }]))).toEqual(expected);
    const notifications: { id: string; in_app: boolean; language: string; facts: object }[] = await db.dataSource.query(
      `SELECT id, in_app, language, facts FROM notifications WHERE event_id = $1`,
      [eventId],
    );
    expect(new Map(notifications.map((n) => [n.id, n.in_app]))).toEqual(inApp);
    expect(new Set(notifications.map((n) => n.language))).toEqual(new Set(['fr', 'de']));
    expect(notifications[0].facts).toEqual(intents[0].facts);

    // One job per queued delivery, its id the delivery's; none for a held one.
    const queued = [...expected].filter(([, e]) => e.status === 'queued').map(([id]) => id);
    expect((await jobIds()).sort()).toEqual(queued.sort());
  });

  it('adds nothing when the same event comes again, and only what is new when part of it was told', async () => {
    await emptyQueues();
    const eventId = randomUUID();
    const intents = intentsOf(eventId, people);
    const first = await tx.run((uow) => pipeline.notify(uow, intents.slice(0, PEOPLE / 2)));
    const firstJobs = await jobIds();
    const rows = { notifications: await notificationsOf(eventId), deliveries: await deliveriesOf(eventId) };
    expect(first).toBe(rows.notifications);
    expect(firstJobs.length).toBeGreaterThan(0);

    // The whole event (a redelivery after a crash half-way, say): only the second half is new.
    await emptyQueues();
    const second = await tx.run((uow) => pipeline.notify(uow, intents));
    expect(second).toBeGreaterThan(0);
    expect(await notificationsOf(eventId)).toBe(rows.notifications + second);
    const secondJobs = await jobIds();
    expect(secondJobs.filter((id) => firstJobs.includes(id))).toEqual([]);

    // And again: no notification, no delivery, no job.
    await emptyQueues();
    const all = { notifications: await notificationsOf(eventId), deliveries: await deliveriesOf(eventId) };
    expect(await tx.run((uow) => pipeline.notify(uow, intents))).toBe(0);
    expect({ notifications: await notificationsOf(eventId), deliveries: await deliveriesOf(eventId) }).toEqual(all);
    expect(await jobIds()).toEqual([]);
  });

  it("adds the jobs once the transaction has committed, and none when it (or the event's savepoint) rolls back", async () => {
    await emptyQueues();
    const committed = randomUUID();
    let jobsBeforeCommit = -1;
    await tx.run(async (uow) => {
      await pipeline.notify(uow, intentsOf(committed, people.slice(0, 50)));
      jobsBeforeCommit = (await jobIds()).length;
    });
    expect(jobsBeforeCommit).toBe(0);
    expect((await jobIds()).length).toBeGreaterThan(0);

    await emptyQueues();
    const rolledBack = randomUUID();
    await expect(
      tx.run(async (uow) => {
        await pipeline.notify(uow, intentsOf(rolledBack, people.slice(0, 50)));
        throw new Error('the handler failed after notifying');
      }),
    ).rejects.toThrow('the handler failed');
    expect(await notificationsOf(rolledBack)).toBe(0);
    expect(await jobIds()).toEqual([]);
    // An event rolled back to its savepoint (as a consumer does with one whose handler failed),
    // in a transaction that commits: no job either.
    const undone = randomUUID();
    await tx.run(async (uow) => {
      await uow.manager.query('SAVEPOINT event');
      await pipeline.notify(uow, intentsOf(undone, people.slice(0, 50)));
      await uow.manager.query('ROLLBACK TO SAVEPOINT event');
    });
    expect(await notificationsOf(undone)).toBe(0);
    expect(await jobIds()).toEqual([]);

    // Told again, it goes through: nothing of the failed attempt is in the way.
    expect(await tx.run((uow) => pipeline.notify(uow, intentsOf(rolledBack, people.slice(0, 50))))).toBeGreaterThan(0);
  });
});
