import http from 'node:http';
import { Client, Pool } from 'pg';
import { Queue, Worker } from 'bullmq';
import { v7 as uuidv7 } from 'uuid';
import { TestIssuer } from '@intercity/testing';
import { MessagingNamespace } from '@intercity/messaging';
import { jobConnection } from '@intercity/platform';
// The tests' SMTP relay: a real SMTP server in this process, catching every message.
import { SmtpSink, startSmtpSink } from '../../apps/notifications/test/support/smtp-sink';
import { BenchEnv, until } from '../support/env';
import { Figure, figure } from '../support/report';
import { ServiceProcess } from '../support/service-process';
import { request } from '../support/http';
import { removeJobKeys } from '../support/redis-keys';
import { seedTwoCities, workshopBody } from '../support/world';

/** Issue 8's scene: one activity with 1,000 registrants is cancelled; each hears of it in the inbox and by e-mail. */
const RECIPIENTS = 1_000;
/** Measured rounds: each a fresh activity with every person registered, then cancelled. */
const ROUNDS = 2;
/** Parallel requests while seeding through the APIs. */
const CONCURRENCY = 16;
/** The e-mail worker's concurrency, the service's default (NOTIFICATIONS_EMAIL_CONCURRENCY); the raw worker gets the same. */
const WORKER_CONCURRENCY = 16;
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

const now = () => Number(process.hrtime.bigint()) / 1e6;


/** Runs `fn` over `items`, CONCURRENCY at a time. */
async function pooled<T, R>(items: readonly T[], fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array<R>(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      for (let i = next++; i < items.length; i = next++) out[i] = await fn(items[i]);
    }),
  );
  return out;
}

/** One fan-out as the service did it: from the cancel request to every inbox row, and to every e-mail sent. */
interface Fanout {
  inboxMs: number;
  sentMs: number;
  /** When the e-mails went, ms after the cancel request: p10, p50, p90, max. */
  spread: number[];
}

/** Membership, practice and notifications as `npm start` runs them, on one namespace; e-mail to an SMTP sink in this process. */
class NotificationsWorld {
  private readonly agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  communityId = '';
  hostId = '';
  people: string[] = [];

  private constructor(
    private readonly services: ServiceProcess[],
    readonly db: Client,
    readonly sink: SmtpSink,
    private readonly token: string,
    readonly jobPrefix: string,
    private readonly practiceUrl: string,
  ) {}

  private get membership(): ServiceProcess {
    return this.services[0];
  }
  private get practice(): ServiceProcess {
    return this.services[1];
  }
  private get notifications(): ServiceProcess {
    return this.services[2];
  }

  static async start(env: BenchEnv, issuer: TestIssuer, token: string): Promise<NotificationsWorld> {
    const databasePrefix = `${env.databasePrefix}nf_`;
    const ns: MessagingNamespace = { subjectPrefix: `b${env.id}.nf.`, streamPrefix: `B${env.id.toUpperCase()}_NF_` };
    const sink = await startSmtpSink({ keep: 4 * RECIPIENTS * (ROUNDS + 1) });
    const services: ServiceProcess[] = [];
    try {
      const start = async (entry: string, extra: Record<string, string> = {}) => {
        const s = await ServiceProcess.start({ entry, databasePrefix, ns, env: { ...issuer.env, ...extra } });
        services.push(s);
        await s.ready();
      };
      await start('apps/membership/src/main.ts');
      await start('apps/practice/src/main.ts', { PRACTICE_OFFER_SWEEP_MS: '0' });
      // The periodic sweeps (re-adding lost jobs, digests) are not what is measured; e-mail settings are the defaults.
      await start('apps/notifications/src/main.ts', { NOTIFICATIONS_SMTP_URL: sink.url, NOTIFICATIONS_DISPATCH_EVERY_MS: '0', NOTIFICATIONS_DIGEST_EVERY_MS: '0' });
      const db = new Client({ connectionString: env.url('nf_notifications'), application_name: 'bench-check' });
      await db.connect();
      return new NotificationsWorld(services, db, sink, token, `intercity-${ns.streamPrefix.replace(/_+$/, '')}:`, env.url('nf_practice'));
    } catch (e) {
      for (const s of services.reverse()) await s.stop();
      await sink.close();
      throw e;
    }
  }

  private async call(svc: ServiceProcess, method: string, path: string, body: unknown, expect: number): Promise<{ id: string }> {
    const res = await request(this.agent, svc.baseUrl, method, path, this.token, body);
    if (res.status !== expect) throw new Error(`bench: ${method} ${path} answered ${res.status}: ${res.body}`);
    return JSON.parse(res.body) as { id: string };
  }

  async count(sql: string, params: unknown[] = []): Promise<number> {
    const { rows } = await this.db.query<{ n: number }>(sql, params);
    return rows[0].n;
  }

  /** Two cities, RECIPIENTS people of theirs known to practice and notifications, each with quiet hours off. */
  async seed(log: (s: string) => void): Promise<void> {
    const m = (path: string, body: unknown) => this.call(this.membership, 'POST', `/api/membership/${path}`, body, 201);
    const { projectId, ravenna, offenbach } = await seedTwoCities(m);
    const numbers = Array.from({ length: RECIPIENTS }, (_, n) => n);
    this.people = await pooled(numbers, (n) =>
      m('people', {
        memberId: n % 2 ? offenbach : ravenna,
        givenName: `Given${n}`,
        familyName: `Trainee${n}`,
        email: `trainee${n}@bench.example`,
        functions: ['trainee'],
        preferredLanguage: 'en',
      }).then((r) => r.id),
    );
    log(`${RECIPIENTS} people created`);
    const practiceDb = new Client({ connectionString: this.practiceUrl, application_name: 'bench-check' });
    await practiceDb.connect();
    try {
      await until(
        "practice's and notifications' copies of the people",
        async () =>
          Number((await practiceDb.query<{ n: number }>('SELECT count(*)::int AS n FROM people WHERE NOT erased')).rows[0].n) === RECIPIENTS &&
          Number((await practiceDb.query<{ n: number }>('SELECT count(*)::int AS n FROM participations')).rows[0].n) === 2 &&
          (await this.count('SELECT count(*)::int AS n FROM people WHERE NOT erased AND given_name IS NOT NULL')) === RECIPIENTS,
        60_000,
        100,
      );
    } finally {
      await practiceDb.end();
    }
    // Quiet hours (22:00 – 07:00 on each person's clock by default) would defer the e-mails.
    await pooled(this.people, (id) => this.call(this.notifications, 'PUT', `/api/notifications/people/${id}/preferences`, { quietHours: null }, 200));
    log('quiet hours off for each of them');
    this.hostId = ravenna;
    ({ id: this.communityId } = await this.call(this.practice, 'POST', '/api/practice/communities', { projectId, name: 'One-stop-shops', theme: 'One-stop-shops', leadMemberId: ravenna, memberIds: [offenbach] }, 201));
  }

  /** A workshop for everyone, every person registered, and everything those registrations set off settled. */
  async activityForAll(): Promise<string> {
    const { id } = await this.call(
      this.practice,
      'POST',
      '/api/practice/activities',
      workshopBody(this.communityId, this.hostId, RECIPIENTS),
      201,
    );
    await this.call(this.practice, 'POST', `/api/practice/activities/${id}/open`, undefined, 200);
    await pooled(this.people, (personId) => this.call(this.practice, 'POST', `/api/practice/activities/${id}/registrations`, { personId }, 201));
    try {
      await until(
        "notifications' copies of the registrations, and the e-mails they set off sent",
        async () =>
          (await this.count(`SELECT count(*)::int AS n FROM registrations WHERE activity_id = $1 AND status = 'confirmed'`, [id])) === RECIPIENTS &&
          (await this.count(`SELECT count(*)::int AS n FROM deliveries WHERE status IN ('queued', 'sending') AND not_before <= now()`)) === 0,
        180_000,
        200,
      );
    } catch (e) {
      throw new Error(`${(e as Error).message}; deliveries: ${JSON.stringify(await this.breakdown())}`);
    }
    return id;
  }

  /** Deliveries by kind, channel and status, for a failure's message. */
  async breakdown(): Promise<unknown[]> {
    return (
      await this.db.query(
        `SELECT n.kind, d.channel, d.status, count(*)::int AS n, max(d.last_error) AS error FROM deliveries d JOIN notifications n ON n.id = d.notification_id
         GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`,
      )
    ).rows;
  }

  /** When the e-mails of the activity's fan-out were sent, in ms after `since` (epoch ms): p10, p50, p90, max. */
  async sentSpread(activityId: string, since: number): Promise<number[]> {
    const { rows } = await this.db.query<{ p: number[] }>(
      `SELECT array[percentile_cont(0.1) WITHIN GROUP (ORDER BY ms), percentile_cont(0.5) WITHIN GROUP (ORDER BY ms),
              percentile_cont(0.9) WITHIN GROUP (ORDER BY ms), max(ms)]::float8[] AS p
         FROM (SELECT extract(epoch FROM d.sent_at) * 1000 - $2 AS ms FROM deliveries d JOIN notifications n ON n.id = d.notification_id
               WHERE n.kind = 'activity-changed' AND n.subject_id = $1 AND d.channel = 'email' AND d.status = 'sent') x`,
      [activityId, since],
    );
    return rows[0].p.map((x) => Math.round(x));
  }

  /** Cancels the activity; times the inbox rows and the e-mails sent of its `activity-changed` fan-out. */
  async cancel(activityId: string): Promise<Fanout> {
    const inbox = `SELECT count(*)::int AS n FROM notifications WHERE kind = 'activity-changed' AND subject_id = $1 AND in_app`;
    const sent = `SELECT count(*)::int AS n FROM deliveries d JOIN notifications n ON n.id = d.notification_id
      WHERE n.kind = 'activity-changed' AND n.subject_id = $1 AND d.channel = 'email' AND d.status = 'sent'`;
    // Everything the registrations set off was sent (activityForAll): what reaches the sink now is the cancellation's.
    this.sink.clear();
    const started = now();
    const startedAt = Date.now();
    await this.call(this.practice, 'POST', `/api/practice/activities/${activityId}/cancel`, { reason: 'The host city cannot receive visitors that week' }, 200);
    await until(`${RECIPIENTS} inbox rows for the cancelled activity`, async () => (await this.count(inbox, [activityId])) >= RECIPIENTS, 300_000, 10);
    const inboxMs = now() - started;
    // While the e-mails go, they are counted at the sink, in this process (as the raw side counts
    // its jobs), not by asking the service's database every 10 ms: each such count is a scan of
    // notifications and deliveries, CPU the service's own statements would wait behind. Once the
    // sink has them all, the database is asked until every delivery is settled `sent`.
    await until(`${RECIPIENTS} e-mails at the sink`, () => Promise.resolve(this.sink.messages.length >= RECIPIENTS), 300_000, 1);
    await until(`${RECIPIENTS} e-mail deliveries sent for the cancelled activity`, async () => (await this.count(sent, [activityId])) >= RECIPIENTS, 300_000, 10);
    const sentMs = now() - started;
    const rows = await this.count(inbox, [activityId]);
    const mails = this.sink.messages.filter((msg) => msg.text?.includes('cannot receive visitors')).length;
    if (rows !== RECIPIENTS) throw new Error(`bench: ${rows} inbox rows for ${RECIPIENTS} registrants`);
    if (mails < RECIPIENTS) throw new Error(`bench: the SMTP sink holds ${mails} cancellation e-mails for ${RECIPIENTS} registrants`);
    this.sink.clear();
    return { inboxMs, sentMs, spread: await this.sentSpread(activityId, startedAt) };
  }

  async stop(): Promise<void> {
    this.agent.destroy();
    await this.db.end().catch(() => undefined);
    for (const s of [...this.services].reverse()) await s.stop();
    await this.sink.close();
    await removeJobKeys(this.jobPrefix);
  }
}


/**
 * The raw component: BullMQ alone on the same Redis. RECIPIENTS jobs added in one addBulk, a
 * Worker of the e-mail worker's concurrency processing each with one INSERT; timed from the add to
 * the last job completed.
 */
class RawFanout {
  private constructor(
    private readonly queue: Queue,
    private readonly worker: Worker,
    private readonly pool: Pool,
    readonly prefix: string,
    private readonly completed: { n: number },
  ) {}

  static async start(env: BenchEnv): Promise<RawFanout> {
    await env.database('nf_raw');
    const pool = new Pool({ connectionString: env.url('nf_raw'), max: WORKER_CONCURRENCY, application_name: 'bench-raw' });
    await pool.query('CREATE TABLE sent (id uuid PRIMARY KEY, job_id text NOT NULL, at timestamptz NOT NULL DEFAULT now())');
    const prefix = `intercity-B${env.id.toUpperCase()}_NFRAW`;
    const connection = jobConnection(REDIS_URL);
    const queue = new Queue('raw-email', { connection, prefix });
    const completed = { n: 0 };
    const worker = new Worker(
      'raw-email',
      async (job) => {
        await pool.query('INSERT INTO sent (id, job_id) VALUES ($1, $2)', [(job.data as { deliveryId: string }).deliveryId, job.id]);
      },
      { connection, prefix, concurrency: WORKER_CONCURRENCY },
    );
    worker.on('completed', () => void completed.n++);
    await worker.waitUntilReady();
    return new RawFanout(queue, worker, pool, prefix, completed);
  }

  async round(): Promise<number> {
    const target = this.completed.n + RECIPIENTS;
    const jobs = Array.from({ length: RECIPIENTS }, () => {
      const deliveryId = uuidv7();
      return { name: 'email', data: { deliveryId }, opts: { jobId: deliveryId, attempts: 8, backoff: { type: 'exponential', delay: 10_000 }, removeOnComplete: true } };
    });
    const started = now();
    await this.queue.addBulk(jobs);
    await until('the raw worker to process its jobs', () => Promise.resolve(this.completed.n >= target), 120_000, 1);
    const ms = now() - started;
    const { rows } = await this.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM sent WHERE id = ANY ($1)', [jobs.map((j) => j.data.deliveryId)]);
    if (rows[0].n !== RECIPIENTS) throw new Error(`bench: the raw worker inserted ${rows[0].n} rows for ${RECIPIENTS} jobs`);
    return ms;
  }

  async stop(): Promise<void> {
    await this.worker.close().catch(() => undefined);
    await this.queue.close().catch(() => undefined);
    await this.pool.end().catch(() => undefined);
    await removeJobKeys(`${this.prefix}:`);
  }
}

/**
 * Case 8: one activity with RECIPIENTS registrants is cancelled through practice (compiled child
 * processes: membership, practice, notifications); timed from the cancel request until every
 * registrant's in-app notification exists and every one of their e-mails is sent to an SMTP sink
 * in this process. Against it: raw BullMQ adding RECIPIENTS jobs and a worker doing one INSERT
 * each, same Redis, in the same run; rounds alternate, the raw side has a warm-up round.
 */
export async function notificationsFanoutCase(env: BenchEnv, log: (s: string) => void = () => undefined): Promise<Figure[]> {
  const issuer = await TestIssuer.start();
  const token = await issuer.mint({ subject: 'bench-organiser@intercity.example', grants: [{ role: 'network-admin', networkId: '*' }], expiresIn: 3_600 });
  let world: NotificationsWorld | undefined;
  let raw: RawFanout | undefined;
  try {
    world = await NotificationsWorld.start(env, issuer, token);
    const seeding = now();
    await world.seed(log);
    raw = await RawFanout.start(env);
    await raw.round();
    const service: Fanout[] = [];
    const rawMs: number[] = [];
    for (let r = 0; r < ROUNDS; r++) {
      const activityId = await world.activityForAll();
      log(`round ${r + 1}: ${RECIPIENTS} registered (setup so far ${((now() - seeding) / 1000).toFixed(0)} s)`);
      const f = await world.cancel(activityId);
      service.push(f);
      const ms = await raw.round();
      rawMs.push(ms);
      log(`round ${r + 1}: service inbox ${f.inboxMs.toFixed(0)} ms, e-mails sent ${f.sentMs.toFixed(0)} ms (each sent at p10/p50/p90/max ${f.spread.join('/')} ms); raw BullMQ ${ms.toFixed(0)} ms`);
    }
    const rate = (ms: number[]) => (RECIPIENTS * ms.length * 1000) / ms.reduce((a, b) => a + b, 0);
    const rawRate = rate(rawMs);
    return [
      figure({ name: 'notifications.fanout_rate', value: rate(service.map((f) => f.sentMs)), unit: 'recipients/s', baseline: rawRate, target: 0.4, better: 'high' }),
      figure({ name: 'notifications.fanout_inbox_rate', value: rate(service.map((f) => f.inboxMs)), unit: 'recipients/s', baseline: rawRate, target: null, better: 'high' }),
    ];
  } finally {
    await raw?.stop();
    await world?.stop();
    await issuer.stop();
  }
}
