import http from 'node:http';
import { Client } from 'pg';
import { v7 as uuidv7 } from 'uuid';
import { ActivityFilled, RegistrationConfirmed, RegistrationWaitlisted } from '@intercity/contracts';
import { TestIssuer } from '@intercity/testing';
import { MessagingNamespace } from '@intercity/messaging';
import { BenchEnv, percentile, until } from '../support/env';
import { Figure, figure } from '../support/report';
import { ServiceProcess } from '../support/service-process';
import { request } from '../support/http';
import { removeJobKeys } from '../support/redis-keys';
import { seedTwoCities, workshopBody } from '../support/world';

const CONCURRENCY = 16;
/** Issue 5's scene: 200 people register for a workshop of 30 seats at once. */
const PEOPLE = 200;
const CAPACITY = 30;
/** One round = one fresh activity and every person registering for it once. The first is warm-up. */
const ROUNDS = 7;

type Status = 'confirmed' | 'waitlisted';

/** One registration as its client saw it: what it was told, and when it asked and heard (ms, hrtime). */
interface Reply {
  id: string;
  personId: string;
  status: Status;
  arrival: number;
  sentAt: number;
  repliedAt: number;
}

interface Round {
  replies: Reply[];
  ms: number;
}

const now = () => Number(process.hrtime.bigint()) / 1e6;

/** Every person registers once, CONCURRENCY at a time; the round's time runs from the first request to the last reply. */
async function round(people: readonly string[], register: (personId: string) => Promise<Omit<Reply, 'sentAt' | 'repliedAt'>>): Promise<Round> {
  const queue = [...people];
  const replies: Reply[] = [];
  const started = now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      for (let personId = queue.shift(); personId !== undefined; personId = queue.shift()) {
        const sentAt = now();
        const r = await register(personId);
        replies.push({ ...r, sentAt, repliedAt: now() });
      }
    }),
  );
  return { replies, ms: now() - started };
}

/**
 * What every run must show before its time counts, from the replies alone: arrivals 1..N with no
 * gap or repeat, exactly the first CAPACITY confirmed and the rest waitlisted, and arrival order
 * consistent with real time (a request sent after another's reply came back arrived after it).
 */
function checkReplies(side: string, replies: readonly Reply[]): void {
  const fail = (why: string) => {
    throw new Error(`bench: ${side} registrations are wrong: ${why}`);
  };
  if (replies.length !== PEOPLE) fail(`${replies.length} replies for ${PEOPLE} people`);
  const arrivals = replies.map((r) => r.arrival).sort((a, b) => a - b);
  if (arrivals.some((a, i) => a !== i + 1)) fail('arrival numbers are not 1..N without gaps or repeats');
  const misplaced = replies.filter((r) => r.status !== (r.arrival <= CAPACITY ? 'confirmed' : 'waitlisted'));
  if (misplaced.length) fail(`${misplaced.length} registrations confirmed out of arrival order or beyond capacity (e.g. #${misplaced[0].arrival} ${misplaced[0].status})`);
  const bySent = [...replies].sort((a, b) => a.sentAt - b.sentAt);
  const byReplied = [...replies].sort((a, b) => a.repliedAt - b.repliedAt);
  let done = 0;
  let highest = 0;
  for (const r of bySent) {
    while (done < byReplied.length && byReplied[done].repliedAt < r.sentAt) highest = Math.max(highest, byReplied[done++].arrival);
    if (r.arrival <= highest) fail(`#${r.arrival} was sent after #${highest} had been answered`);
  }
}

/** The rows behind the replies: one per reply, each with the arrival and status its reply gave. */
function checkRows(side: string, replies: readonly Reply[], rows: readonly { id: string; arrival: number; status: string }[]): void {
  const byId = new Map(replies.map((r) => [r.id, r]));
  const wrong = rows.filter((row) => byId.get(row.id)?.arrival !== row.arrival || byId.get(row.id)?.status !== row.status);
  if (rows.length !== replies.length || wrong.length) {
    throw new Error(`bench: ${side} stored ${rows.length} registrations for ${replies.length} replies, ${wrong.length} of them unlike their reply`);
  }
}


/** Membership and practice as `npm start` runs them, on one namespace; the world practice needs, set up through membership's API. */
class PracticeWorld {
  private readonly agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  communityId = '';
  hostId = '';
  people: string[] = [];

  private constructor(
    readonly membership: ServiceProcess,
    readonly practice: ServiceProcess,
    readonly db: Client,
    private readonly token: string,
    /** Where practice's BullMQ queues live in Redis (the platform's `jobPrefix` of this namespace). */
    private readonly jobPrefix: string,
  ) {}

  static async start(env: BenchEnv, issuer: TestIssuer, token: string): Promise<PracticeWorld> {
    const databasePrefix = `${env.databasePrefix}reg_`;
    const ns: MessagingNamespace = { subjectPrefix: `b${env.id}.reg.`, streamPrefix: `B${env.id.toUpperCase()}_REG_` };
    const membership = await ServiceProcess.start({ entry: 'apps/membership/src/main.ts', databasePrefix, ns, env: issuer.env });
    let practice: ServiceProcess | undefined;
    try {
      await membership.ready();
      // No periodic offer sweep: nothing is offered here, and the sweep is not what is measured.
      practice = await ServiceProcess.start({ entry: 'apps/practice/src/main.ts', databasePrefix, ns, env: { ...issuer.env, PRACTICE_OFFER_SWEEP_MS: '0' } });
      await practice.ready();
      const db = new Client({ connectionString: env.url('reg_practice'), application_name: 'bench-check' });
      await db.connect();
      return new PracticeWorld(membership, practice, db, token, `intercity-${ns.streamPrefix.replace(/_+$/, '')}:`);
    } catch (e) {
      await practice?.stop();
      await membership.stop();
      throw e;
    }
  }

  async post(svc: ServiceProcess, path: string, body?: unknown, expect = 201): Promise<{ id: string }> {
    const res = await request(this.agent, svc.baseUrl, 'POST', path, this.token, body);
    if (res.status !== expect) throw new Error(`bench: POST ${path} answered ${res.status}: ${res.body}`);
    return JSON.parse(res.body) as { id: string };
  }

  private async count(sql: string): Promise<number> {
    const { rows } = await this.db.query<{ n: number }>(sql);
    return rows[0].n;
  }

  /** Two cities of a project in one community; PEOPLE people of theirs, once practice's copies have them all. */
  async seed(): Promise<void> {
    const m = (path: string, body: unknown) => this.post(this.membership, `/api/membership/${path}`, body);
    const { projectId, ravenna, offenbach } = await seedTwoCities(m);
    for (let i = 0; i < PEOPLE; i += 25) {
      const batch = Array.from({ length: Math.min(25, PEOPLE - i) }, (_, j) => i + j);
      const ids = await Promise.all(
        batch.map((n) =>
          m('people', {
            memberId: n % 2 ? offenbach : ravenna,
            givenName: `Given${n}`,
            familyName: `Trainee${n}`,
            email: `trainee${n}@bench.example`,
            functions: ['trainee'],
            preferredLanguage: 'en',
          }).then((r) => r.id),
        ),
      );
      this.people.push(...ids);
    }
    await until(
      "practice's copies of the project, its participations and the people",
      async () =>
        (await this.count('SELECT count(*)::int AS n FROM projects')) === 1 &&
        (await this.count('SELECT count(*)::int AS n FROM participations')) === 2 &&
        (await this.count('SELECT count(*)::int AS n FROM people WHERE NOT erased')) === PEOPLE,
      30_000,
      100,
    );
    this.hostId = ravenna;
    ({ id: this.communityId } = await this.post(this.practice, '/api/practice/communities', {
      projectId,
      name: 'One-stop-shops',
      theme: 'One-stop-shops',
      leadMemberId: ravenna,
      memberIds: [offenbach],
    }));
  }

  /** A workshop of CAPACITY seats, open for registration. */
  async openActivity(): Promise<string> {
    const { id } = await this.post(this.practice, '/api/practice/activities', workshopBody(this.communityId, this.hostId, CAPACITY));
    await this.post(this.practice, `/api/practice/activities/${id}/open`, undefined, 200);
    return id;
  }

  async register(activityId: string, personId: string): Promise<Omit<Reply, 'sentAt' | 'repliedAt'>> {
    const res = await request(this.agent, this.practice.baseUrl, 'POST', `/api/practice/activities/${activityId}/registrations`, this.token, { personId });
    if (res.status !== 201) throw new Error(`bench: registering answered ${res.status}: ${res.body}`);
    const body = JSON.parse(res.body) as { id: string; status: Status; arrival: number };
    return { id: body.id, personId, status: body.status, arrival: body.arrival };
  }

  /** The relay has published everything: the next measurement, on either side, does not pay for this one's events. */
  async drained(): Promise<void> {
    await until('the practice relay to publish its outbox', async () => (await this.count('SELECT count(*)::int AS n FROM outbox WHERE sent_at IS NULL')) === 0, 30_000);
  }

  /**
   * Everything one registration writes, for every reply: its row, its event in the outbox in
   * arrival order (the outbox's sequence is taken under the activity's lock), an audit row per
   * event, and the activity counted full with one `filled` event.
   */
  async check(activityId: string, replies: readonly Reply[]): Promise<void> {
    const side = 'the service';
    const { rows } = await this.db.query<{ id: string; arrival: number; status: string }>(
      'SELECT id, arrival, status FROM registrations WHERE activity_id = $1 ORDER BY arrival',
      [activityId],
    );
    checkRows(side, replies, rows);
    const [activity] = (await this.db.query<{ seats_taken: number; capacity: number; status: string }>('SELECT seats_taken, capacity, status FROM activities WHERE id = $1', [activityId]))
      .rows;
    if (activity.seats_taken !== CAPACITY || activity.capacity !== CAPACITY || activity.status !== 'full') {
      throw new Error(`bench: ${side}'s activity holds ${activity.seats_taken} of ${activity.capacity} seats, status ${activity.status}`);
    }
    const events = (
      await this.db.query<{ event_type: string; arrival: number | null; audited: boolean }>(
        `SELECT o.event_type, (o.envelope -> 'data' ->> 'arrival')::int AS arrival, EXISTS (SELECT 1 FROM audit_trail a WHERE a.event_id = o.event_id) AS audited
         FROM outbox o WHERE o.envelope -> 'data' ->> 'activityId' = $1 AND o.event_type = ANY ($2) ORDER BY o.seq`,
        [activityId, [RegistrationConfirmed.type, RegistrationWaitlisted.type, ActivityFilled.type]],
      )
    ).rows;
    const told = events.filter((e) => e.event_type !== ActivityFilled.type);
    const inOrder = told.every((e, i) => e.arrival === i + 1 && e.event_type === (i < CAPACITY ? RegistrationConfirmed.type : RegistrationWaitlisted.type));
    const filled = events.length - told.length;
    if (told.length !== PEOPLE || !inOrder || filled !== 1 || events.some((e) => !e.audited)) {
      throw new Error(`bench: ${side}'s outbox has ${told.length} registration events (in arrival order: ${inOrder}), ${filled} filled, ${events.filter((e) => !e.audited).length} unaudited`);
    }
  }

  async stop(): Promise<void> {
    this.agent.destroy();
    await this.db.end().catch(() => undefined);
    await this.practice.stop();
    await this.membership.stop();
    await removeJobKeys(this.jobPrefix);
  }
}


const RAW_SCHEMA = `
  CREATE TABLE activities (id uuid PRIMARY KEY, capacity integer NOT NULL CHECK (capacity >= 1));
  CREATE TABLE registrations (
    id            uuid PRIMARY KEY,
    activity_id   uuid NOT NULL REFERENCES activities (id),
    person_id     uuid NOT NULL,
    arrival       integer NOT NULL,
    status        text NOT NULL CHECK (status IN ('confirmed', 'waitlisted')),
    registered_at timestamptz NOT NULL,
    UNIQUE (activity_id, arrival),
    UNIQUE (activity_id, person_id)
  )`;

/**
 * The raw component: CONCURRENCY pg clients, each registering in one transaction: lock the
 * activity row, count its seats and arrivals, insert the registration confirmed or waitlisted.
 */
class RawRegistrations {
  private constructor(
    private readonly clients: Client[],
    private readonly admin: Client,
  ) {}

  static async start(env: BenchEnv): Promise<RawRegistrations> {
    await env.database('reg_raw');
    const admin = new Client({ connectionString: env.url('reg_raw'), application_name: 'bench-check' });
    await admin.connect();
    await admin.query(RAW_SCHEMA);
    const clients = await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        const c = new Client({ connectionString: env.url('reg_raw'), application_name: 'bench-raw' });
        await c.connect();
        return c;
      }),
    );
    return new RawRegistrations(clients, admin);
  }

  async openActivity(): Promise<string> {
    const id = uuidv7();
    await this.admin.query('INSERT INTO activities (id, capacity) VALUES ($1, $2)', [id, CAPACITY]);
    return id;
  }

  /** Each of the CONCURRENCY workers of a round takes a client of its own, as a pool would give it. */
  registrar(activityId: string): (personId: string) => Promise<Omit<Reply, 'sentAt' | 'repliedAt'>> {
    const free = [...this.clients];
    return async (personId) => {
      const c = free.pop()!;
      try {
        return await this.register(c, activityId, personId);
      } finally {
        free.push(c);
      }
    };
  }

  private async register(c: Client, activityId: string, personId: string): Promise<Omit<Reply, 'sentAt' | 'repliedAt'>> {
    await c.query('BEGIN');
    try {
      const { rows: locked } = await c.query<{ capacity: number }>('SELECT capacity FROM activities WHERE id = $1 FOR UPDATE', [activityId]);
      const { rows: counted } = await c.query<{ seats: number; last: number }>(
        `SELECT count(*) FILTER (WHERE status = 'confirmed')::int AS seats, coalesce(max(arrival), 0) AS last FROM registrations WHERE activity_id = $1`,
        [activityId],
      );
      const id = uuidv7();
      const status: Status = counted[0].seats < locked[0].capacity ? 'confirmed' : 'waitlisted';
      const arrival = counted[0].last + 1;
      await c.query('INSERT INTO registrations (id, activity_id, person_id, arrival, status, registered_at) VALUES ($1, $2, $3, $4, $5, now())', [
        id,
        activityId,
        personId,
        arrival,
        status,
      ]);
      await c.query('COMMIT');
      return { id, personId, status, arrival };
    } catch (e) {
      await c.query('ROLLBACK');
      throw e;
    }
  }

  async check(activityId: string, replies: readonly Reply[]): Promise<void> {
    const { rows } = await this.admin.query<{ id: string; arrival: number; status: string }>(
      'SELECT id, arrival, status FROM registrations WHERE activity_id = $1 ORDER BY arrival',
      [activityId],
    );
    checkRows('raw pg', replies, rows);
  }

  async stop(): Promise<void> {
    await Promise.all([...this.clients, this.admin].map((c) => c.end().catch(() => undefined)));
  }
}

/**
 * Case 7: PEOPLE people register for one activity of CAPACITY seats, CONCURRENCY at a time,
 * through the practice service (HTTP, a compiled child process, with membership beside it feeding
 * its copies of people), against the same done straight with pg on a minimal schema. Each round is
 * a fresh activity; rounds alternate service-raw and raw-service, the first of each side is
 * warm-up, and every round is checked before its time counts.
 */
export async function registrationContentionCase(env: BenchEnv): Promise<Figure[]> {
  const issuer = await TestIssuer.start();
  const token = await issuer.mint({ subject: 'bench-registrar@intercity.example', grants: [{ role: 'network-admin', networkId: '*' }], expiresIn: 3_600 });
  let world: PracticeWorld | undefined;
  let raw: RawRegistrations | undefined;
  try {
    world = await PracticeWorld.start(env, issuer, token);
    await world.seed();
    raw = await RawRegistrations.start(env);
    const rawPeople = world.people.map(() => uuidv7());
    const measured = { service: [] as Round[], raw: [] as Round[] };

    for (let r = 0; r < ROUNDS; r++) {
      const sides = r % 2 ? (['raw', 'service'] as const) : (['service', 'raw'] as const);
      for (const side of sides) {
        await world.drained();
        let result: Round;
        if (side === 'service') {
          const w = world;
          const activityId = await w.openActivity();
          await w.drained();
          result = await round(w.people, (personId) => w.register(activityId, personId));
          checkReplies('the service', result.replies);
          await w.check(activityId, result.replies);
        } else {
          const activityId = await raw.openActivity();
          result = await round(rawPeople, raw.registrar(activityId));
          checkReplies('raw pg', result.replies);
          await raw.check(activityId, result.replies);
        }
        if (r > 0) measured[side].push(result);
      }
    }

    const rate = (rounds: Round[]) => (rounds.reduce((n, x) => n + x.replies.length, 0) / rounds.reduce((ms, x) => ms + x.ms, 0)) * 1000;
    const latencies = (rounds: Round[]) => rounds.flatMap((x) => x.replies.map((y) => y.repliedAt - y.sentAt)).sort((a, b) => a - b);
    const svc = latencies(measured.service);
    const base = latencies(measured.raw);
    return [
      figure({ name: 'registration.contention_rate', value: rate(measured.service), unit: 'reg/s', baseline: rate(measured.raw), target: 0.3, better: 'high' }),
      figure({ name: 'registration.contention_latency.p95', value: percentile(svc, 0.95), unit: 'ms', baseline: percentile(base, 0.95), target: null, better: 'low' }),
      figure({ name: 'registration.contention_latency.p50', value: percentile(svc, 0.5), unit: 'ms', baseline: percentile(base, 0.5), target: null, better: 'low' }),
    ];
  } finally {
    await raw?.stop();
    await world?.stop();
    await issuer.stop();
  }
}
