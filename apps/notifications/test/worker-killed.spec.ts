import { randomUUID } from 'node:crypto';
import { Queue } from 'bullmq';
import { Client } from 'pg';
import { databaseTargetFor, databaseUrl, type DatabaseTarget } from '@intercity/persistence';
import { jobConnection, jobPrefix, migrateService, type ServiceConfig } from '@intercity/platform';
import { freePort, NodeProcess, TestNode } from '@intercity/service-testing';
import { dropTestDatabase, testInfra, waitFor } from '@intercity/testing';
import { HOUSEKEEPING_QUEUE } from '../src/delivery/queues';
import { EMAIL_QUEUE, emailJobOptions, loadEmailOptions, type EmailOptions } from '../src/email';
import { NOTIFICATIONS_MIGRATIONS } from '../src/migrations';
import { SmtpSink, startSmtpSink } from './support/smtp-sink';

/** The worker's job lock in the service process: short, so the dead worker's jobs come back soon. */
const LOCK_MS = 3_000;

const DELIVERIES = 50;
const CONCURRENCY = 5;
/** Messages that must have arrived before the worker is killed. */
const BEFORE_KILL = 10;

/**
 * The notifications service run as `npm start` runs it, against real Postgres, Redis and an SMTP
 * relay in the test that answers slowly, is SIGKILLed while its e-mail worker is halfway through
 * a batch and started again. A delivery the dead worker had claimed becomes `uncertain` once its
 * lock ran out (NOTIFICATIONS_EMAIL_LOCK_MS, short here) and is not sent again; every other one is sent exactly once.
 */
describe('notifications service: a worker killed mid-batch', () => {
  const node = new TestNode('notifications_killed');
  let sink: SmtpSink;
  let env: Record<string, string>;
  let config: ServiceConfig;
  let target: DatabaseTarget;
  let options: EmailOptions;
  let email: Queue | undefined;
  let housekeeping: Queue | undefined;
  let proc: NodeProcess | undefined;
  let port: number;
  const deliveryIds: string[] = [];

  async function sql<T>(text: string, params: unknown[] = []): Promise<T[]> {
    const client = new Client({ connectionString: databaseUrl(target) });
    await client.connect();
    try {
      return (await client.query(text, params)).rows as T[];
    } finally {
      await client.end();
    }
  }

  async function startService(): Promise<NodeProcess> {
    const started = await NodeProcess.start('notifications', 'apps/notifications/src/main.ts', env);
    proc = started;
    await started.waitUntilUp(`http://127.0.0.1:${port}/health/ready`, 60_000);
    return started;
  }

  beforeAll(async () => {
    // Each accepted message is answered 150 ms after it arrived: a kill finds messages in flight.
    sink = await startSmtpSink({ replyDelayMs: 150 });
    await node.startIssuer();
    port = await freePort();
    env = {
      ...node.issuer.env,
      HOST: '127.0.0.1',
      PORT: String(port),
      PG_DATABASE_PREFIX: `test_notifications_killed_${node.id}_`,
      NATS_SUBJECT_PREFIX: node.namespace.ns.subjectPrefix,
      NATS_STREAM_PREFIX: node.namespace.ns.streamPrefix,
      REDIS_URL: testInfra().redisUrl,
      NOTIFICATIONS_SMTP_URL: sink.url,
      NOTIFICATIONS_EMAIL_CONCURRENCY: String(CONCURRENCY),
      NOTIFICATIONS_EMAIL_BACKOFF_MS: '500',
      NOTIFICATIONS_EMAIL_LOCK_MS: String(LOCK_MS),
      NOTIFICATIONS_DISPATCH_EVERY_MS: '500',
      NOTIFICATIONS_DISPATCH_GRACE_MS: '2000',
      NOTIFICATIONS_DIGEST_EVERY_MS: '0',
    };
    config = node.configFor('notifications', env);
    target = databaseTargetFor('notifications', { ...process.env, ...env });
    options = loadEmailOptions(env);
    await migrateService({ config, migrations: NOTIFICATIONS_MIGRATIONS });

    const networkId = randomUUID();
    const memberId = randomUUID();
    const personId = randomUUID();
    await sql(
      `INSERT INTO members (id, source_version, network_id, kind, name, country, time_zone, languages) VALUES ($1, 1, $2, 'city', 'Lyon', 'FR', 'Europe/Paris', '{fr,en}')`,
      [memberId, networkId],
    );
    await sql(
      `INSERT INTO people (id, source_version, member_id, given_name, family_name, email, preferred_language) VALUES ($1, 1, $2, 'Camille', 'Martin', 'camille@lyon.example', 'en')`,
      [personId, memberId],
    );
    for (let i = 0; i < DELIVERIES; i++) deliveryIds.push(randomUUID());
    await sql(
      `WITH n AS (
         INSERT INTO notifications (id, key, kind, person_id, network_id, member_id, subject_type, subject_id, facts, event_id, language, in_app, created_at)
         SELECT gen_random_uuid(), d::text || ':report-overdue:' || $2::uuid::text, 'report-overdue', $2::uuid, $3::uuid, $4::uuid, 'sub-grant', gen_random_uuid(), $5::jsonb, gen_random_uuid(), 'en', false, now()
         FROM unnest($1::uuid[]) AS d
         RETURNING id, split_part(key, ':', 1)::uuid AS delivery_id
       )
       INSERT INTO deliveries (id, notification_id, channel, status, not_before, attempts, created_at, updated_at)
       SELECT delivery_id, id, 'email', 'queued', now(), 0, now(), now() FROM n`,
      [deliveryIds, personId, networkId, memberId, JSON.stringify({ cityName: 'Lyon', dueOn: '2025-11-03' })],
    );

    const queueOptions = { connection: jobConnection(config.REDIS_URL), prefix: jobPrefix(config) };
    email = new Queue(EMAIL_QUEUE, queueOptions);
    housekeeping = new Queue(HOUSEKEEPING_QUEUE, queueOptions);
  }, 60_000);

  afterAll(async () => {
    await proc?.stop();
    for (const queue of [email, housekeeping]) {
      await queue?.obliterate({ force: true });
      await queue?.close();
    }
    if (target) await dropTestDatabase(target);
    await node.stop();
    await sink?.close();
  });

  const statuses = () => sql<{ id: string; status: string }>(`SELECT id, status FROM deliveries WHERE id = ANY($1::uuid[])`, [deliveryIds]);

  it('sends nothing twice', async () => {
    for (const id of deliveryIds) await email?.add('email', { deliveryId: id }, emailJobOptions(options, id));
    const first = await startService();

    await sink.waitForMessages(BEFORE_KILL, { timeoutMs: 60_000 });
    await first.kill();
    const arrivedBeforeKill = sink.messages.length;
    // The kill landed mid-batch: some e-mails were still to go.
    expect(arrivedBeforeKill).toBeLessThan(DELIVERIES);
    const left = await statuses();
    expect(left.filter((d) => d.status === 'queued' || d.status === 'sending').length).toBeGreaterThan(0);

    await startService();
    // The dead worker's jobs come back once their locks ran out (NOTIFICATIONS_EMAIL_LOCK_MS, short here) and BullMQ's
    // stalled check found them; then the deliveries it had claimed are marked uncertain.
    const settled = await waitFor(
      async () => {
        const rows = await statuses();
        return rows.length === DELIVERIES && rows.every((d) => d.status === 'sent' || d.status === 'uncertain') ? rows : undefined;
      },
      { timeoutMs: LOCK_MS + 60_000, intervalMs: 250, description: `all ${DELIVERIES} deliveries sent or uncertain` },
    ).catch((e: Error) => {
      throw new Error(`${e.message}\n--- notifications output ---\n${proc?.recentOutput ?? ''}`);
    });

    const received = new Map<string, number>();
    for (const m of sink.messages) received.set(m.messageId ?? '', (received.get(m.messageId ?? '') ?? 0) + 1);
    const ours = new Set(deliveryIds.map((id) => `<${id}@intercity>`));
    expect([...received.keys()].filter((id) => !ours.has(id))).toEqual([]);
    expect([...received].filter(([, n]) => n > 1)).toEqual([]);

    const sent = settled.filter((d) => d.status === 'sent');
    const uncertain = settled.filter((d) => d.status === 'uncertain');
    expect(sent.filter((d) => received.get(`<${d.id}@intercity>`) !== 1)).toEqual([]);
    expect(uncertain.length).toBeLessThanOrEqual(CONCURRENCY);
    expect(sent.length + uncertain.length).toBe(DELIVERIES);
    // The second process sent what the first had not got to.
    expect(sink.messages.length).toBeGreaterThan(arrivedBeforeKill);
  }, 150_000);
});
