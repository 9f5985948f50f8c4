import http from 'node:http';
import { Client, Pool } from 'pg';
import { TestIssuer } from '@intercity/testing';
import { MessagingNamespace } from '@intercity/messaging';
import { BenchEnv, percentile, until } from '../support/env';
import { Figure, figure } from '../support/report';
import { ServiceProcess } from '../support/service-process';
import { Reply, request } from '../support/http';
import { removeJobKeys } from '../support/redis-keys';

/** Issue 7's scene: a programme of 50 sub-grants, each with five years of quarterly reports. */
const SUB_GRANTS = 50;
const QUARTERS = 20;
const MILESTONES = 10;
/** Requests in flight while the world is set up (each sub-grant's own requests go one after another). */
const SEED_CONCURRENCY = 8;
const WARM = 30;
const SEQUENTIAL = 200;
const CONCURRENCY = 8;
/** Per side and round of the concurrent measurement; two rounds, sides alternated. */
const CONCURRENT = 200;

const AWARD_MINOR = 5_000_000; // EUR 50,000 a city
const PERIOD = { from: '2021-10-01', to: '2026-09-30' };

const pad = (n: number) => String(n).padStart(2, '0');
const lastDay = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

/** Twenty quarters from October 2021 to September 2026, each due a month after it ends; the last one is the final report. */
function calendar() {
  return Array.from({ length: QUARTERS }, (_, q) => {
    const m0 = 9 + q * 3; // months since January 2021, zero-based: October 2021 first
    const [y, m] = [2021 + Math.floor(m0 / 12), (m0 % 12) + 1];
    const [ey, em] = [2021 + Math.floor((m0 + 2) / 12), ((m0 + 2) % 12) + 1];
    const [dy, dm] = [2021 + Math.floor((m0 + 3) / 12), ((m0 + 3) % 12) + 1];
    const final = q === QUARTERS - 1;
    return {
      key: final ? 'final' : `q${q + 1}-${y}-${pad(m)}`,
      kind: final ? ('final' as const) : ('interim' as const),
      period: { from: `${y}-${pad(m)}-01`, to: `${ey}-${pad(em)}-${lastDay(ey, em)}` },
      dueOn: `${dy}-${pad(dm)}-${lastDay(dy, dm)}`,
    };
  });
}

/** What each quarter's report claims: staff and travel, 90 % of a twentieth of the award, varied a little by city and quarter. */
function spending(city: number, q: number): { staff: number; travel: number } {
  const quarter = Math.floor((AWARD_MINOR / QUARTERS) * 0.9) + ((city * 7 + q * 13) % 50) * 100;
  const staff = Math.floor(quarter * 0.75);
  return { staff, travel: quarter - staff };
}


/** Runs `work` over `items`, `width` at a time. */
async function inParallel<T>(items: readonly T[], width: number, work: (item: T, i: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      for (let i = next++; i < items.length; i = next++) await work(items[i], i);
    }),
  );
}

const now = () => Number(process.hrtime.bigint()) / 1e6;

/** The raw component: the SELECTs `WatchService.programme` has the repository issue, in the same order, straight with pg. */
async function rawWatch(pool: Pool, programmeId: string): Promise<number> {
  const { rows: programme } = await pool.query('SELECT network_id, doc, version, created_at, updated_at FROM programmes WHERE id = $1', [programmeId]);
  if (!programme.length) throw new Error('bench: raw: no programme');
  const { rows: subGrants } = await pool.query<{ doc: { id: string } }>(
    'SELECT doc, version, created_at, updated_at FROM sub_grants WHERE programme_id = $1 ORDER BY created_at, id',
    [programmeId],
  );
  const ids = subGrants.map((r) => r.doc.id);
  const [reports, milestones] = await Promise.all([
    pool.query(
      'SELECT sub_grant_id, deadline_key, status, currency, reported_minor::text AS reported, accepted_minor::text AS accepted FROM expenditure_reports WHERE sub_grant_id = ANY ($1::uuid[])',
      [ids],
    ),
    pool.query('SELECT id, sub_grant_id, key, title, due_on, forecast_on, status FROM milestones WHERE sub_grant_id = ANY ($1::uuid[]) ORDER BY due_on, id', [ids]),
  ]);
  return reports.rowCount! + milestones.rowCount!;
}

interface WatchReply {
  programmeId: string;
  figures: { awarded: { amountMinor: string }; disbursed: { amountMinor: string }; approved: { amountMinor: string }; reported: { amountMinor: string } };
  subGrants: { reportsOverdue: unknown[]; milestonesSlipping: unknown[] }[];
}

/** Membership and grants as `npm start` runs them, on a namespace of their own; the programme set up through their APIs. */
class GrantsWorld {
  private readonly agent = new http.Agent({ keepAlive: true, maxSockets: SEED_CONCURRENCY });
  networkId = '';
  programmeId = '';
  /** What the stored reports add up to, to check the watch's figures against. */
  expected = { approved: 0n, disbursed: 0n, slipping: 0 };

  private constructor(
    readonly membership: ServiceProcess,
    readonly grants: ServiceProcess,
    readonly db: Client,
    private readonly token: string,
    private readonly jobPrefix: string,
  ) {}

  static async start(env: BenchEnv, issuer: TestIssuer, token: string): Promise<GrantsWorld> {
    const databasePrefix = `${env.databasePrefix}gw_`;
    const ns: MessagingNamespace = { subjectPrefix: `b${env.id}.gw.`, streamPrefix: `B${env.id.toUpperCase()}_GW_` };
    const membership = await ServiceProcess.start({ entry: 'apps/membership/src/main.ts', databasePrefix, ns, env: issuer.env });
    let grants: ServiceProcess | undefined;
    try {
      await membership.ready();
      // No scheduled check: it is not what is measured, and it would write beside the measurement.
      grants = await ServiceProcess.start({ entry: 'apps/grants/src/main.ts', databasePrefix, ns, env: { ...issuer.env, GRANTS_WATCH_EVERY_MS: '0' } });
      await grants.ready();
      const db = new Client({ connectionString: env.url('gw_grants'), application_name: 'bench-check' });
      await db.connect();
      return new GrantsWorld(membership, grants, db, token, `intercity-${ns.streamPrefix.replace(/_+$/, '')}:`);
    } catch (e) {
      await grants?.stop();
      await membership.stop();
      throw e;
    }
  }

  async call(svc: ServiceProcess, method: string, path: string, body?: unknown, expect = 201): Promise<{ id: string }> {
    const res = await request(this.agent, svc.baseUrl, method, path, this.token, body);
    if (res.status !== expect) throw new Error(`bench: ${method} ${path} answered ${res.status}: ${res.body}`);
    return JSON.parse(res.body) as { id: string };
  }

  private async count(sql: string): Promise<number> {
    const { rows } = await this.db.query<{ n: number }>(sql);
    return rows[0].n;
  }

  /**
   * A node, a network, a project and 50 cities through membership; once grants has its copies, a
   * programme over five years and one sub-grant per city through grants, each signed and its
   * pre-financing paid; then for each sub-grant 20 quarterly reports submitted and approved (the
   * interim tranche paid after the tenth) and 10 milestones planned, all but the last reached.
   */
  async seed(): Promise<{ requests: number; ms: number }> {
    const started = now();
    let requests = 0;
    const m = (path: string, body: unknown) => (requests++, this.call(this.membership, 'POST', `/api/membership/${path}`, body));
    const g = (path: string, body: unknown, expect = 201) => (requests++, this.call(this.grants, 'POST', `/api/grants/${path}`, body, expect));

    await m('nodes', { id: 'hub', name: 'Bench hub', baseUrl: 'http://127.0.0.1:1', hub: true });
    ({ id: this.networkId } = await m('networks', { slug: 'bench', name: 'Bench network' }));
    const { id: projectId } = await m('projects', { networkId: this.networkId, code: 'WATCH', name: 'WATCH', startsOn: '2021-01-01', endsOn: '2027-12-31', status: 'running' });
    const cities: string[] = new Array<string>(SUB_GRANTS);
    await inParallel(cities, SEED_CONCURRENCY, async (_, i) => {
      const name = `Bench City ${i}`;
      ({ id: cities[i] } = await m('members', { networkId: this.networkId, slug: `city-${i}`, kind: 'city', name, legalName: name, country: 'IT', timeZone: 'Europe/Rome', languages: ['it', 'en'], homeNodeId: 'hub' }));
    });
    await until(
      "grants' copies of the project and the cities",
      async () => (await this.count('SELECT count(*)::int AS n FROM projects')) === 1 && (await this.count('SELECT count(*)::int AS n FROM members')) === SUB_GRANTS,
      30_000,
      100,
    );

    const deadlines = calendar();
    ({ id: this.programmeId } = await g('programmes', {
      projectId,
      funder: 'EU AMIF',
      name: 'WATCH sub-grants',
      currency: 'EUR',
      envelope: { amountMinor: String(AWARD_MINOR * SUB_GRANTS), currency: 'EUR' },
      period: PERIOD,
      reportingCalendar: deadlines,
    }));
    const subGrants: string[] = new Array<string>(SUB_GRANTS);
    const staff = Math.floor(AWARD_MINOR * 0.75);
    await inParallel(cities, SEED_CONCURRENCY, async (memberId, i) => {
      ({ id: subGrants[i] } = await g(`programmes/${this.programmeId}/sub-grants`, {
        memberId,
        actionPlan: { title: `One-stop-shop for newcomers, city ${i}`, objectives: ['Open a single front door'], stakeholders: ['Local NGO'], endorsementDocumentRef: `council-decision-${i}` },
        awarded: { amountMinor: String(AWARD_MINOR), currency: 'EUR' },
        budgetLines: [
          { category: 'staff', amount: { amountMinor: String(staff), currency: 'EUR' } },
          { category: 'travel', amount: { amountMinor: String(AWARD_MINOR - staff), currency: 'EUR' } },
        ],
        period: PERIOD,
      }));
    });

    await inParallel(subGrants, SEED_CONCURRENCY, async (id, i) => {
      await g(`sub-grants/${id}/sign`, { signedOn: '2021-10-15', documentRef: `agreement-${i}` }, 200);
      await g(`sub-grants/${id}/tranches/0/release`, { paidOn: '2021-11-01', paymentReference: `PAY-${i}-1` }, 200);
      for (const [q, d] of deadlines.entries()) {
        const s = spending(i, q);
        const report = await g(`sub-grants/${id}/reports`, {
          deadlineKey: d.key,
          lines: [
            { category: 'staff', spent: { amountMinor: String(s.staff), currency: 'EUR' } },
            { category: 'travel', spent: { amountMinor: String(s.travel), currency: 'EUR' } },
          ],
        });
        await g(`reports/${report.id}/approve`, {}, 200);
        this.expected.approved += BigInt(s.staff + s.travel);
        if (q === 9) await g(`sub-grants/${id}/tranches/1/release`, { paidOn: deadlines[q].dueOn, paymentReference: `PAY-${i}-2` }, 200);
      }
      this.expected.disbursed += BigInt(AWARD_MINOR * 0.8);
      for (let k = 0; k < MILESTONES; k++) {
        const due = deadlines[2 * k + 1].period.to; // every six months
        const ms = await g(`sub-grants/${id}/milestones`, { key: `milestone-${k + 1}`, title: `Milestone ${k + 1} of the action plan`, dueOn: due });
        if (k === MILESTONES - 1) continue; // the last is never reached: it slips
        await g(`milestones/${ms.id}/evidence`, { documentRef: `evidence-${i}-${k + 1}`, description: 'Minutes and attendance list' }, 200);
        await g(`milestones/${ms.id}/reached`, { reachedOn: due }, 200);
      }
      this.expected.slipping++;
    });
    return { requests, ms: now() - started };
  }

  /** The stored world is what was asked for: 50 sub-grants under way (signed and paid), 1,000 approved reports, 500 milestones. */
  async checkStored(): Promise<void> {
    const sg = await this.count(`SELECT count(*)::int AS n FROM sub_grants WHERE status = 'active'`); // signed, then paid
    const reports = await this.count(`SELECT count(*)::int AS n FROM expenditure_reports WHERE status = 'approved'`);
    const ms = await this.count('SELECT count(*)::int AS n FROM milestones');
    if (sg !== SUB_GRANTS || reports !== SUB_GRANTS * QUARTERS || ms !== SUB_GRANTS * MILESTONES) {
      throw new Error(`bench: grants stored ${sg} active sub-grants, ${reports} approved reports, ${ms} milestones`);
    }
  }

  /** The relay has published everything, so the measurement does not share the process with it. */
  async drained(): Promise<void> {
    await until('the grants relay to publish its outbox', async () => (await this.count('SELECT count(*)::int AS n FROM outbox WHERE sent_at IS NULL')) === 0, 60_000, 100);
  }

  /** One GET of the watch, timed from sending to the last byte of the reply. */
  async watch(agent: http.Agent, token: string): Promise<{ ms: number; reply: Reply }> {
    const t = now();
    const reply = await request(agent, this.grants.baseUrl, 'GET', `/api/grants/programmes/${this.programmeId}/watch`, token);
    const ms = now() - t;
    if (reply.status !== 200) throw new Error(`bench: GET watch answered ${reply.status}: ${reply.body.slice(0, 500)}`);
    return { ms, reply };
  }

  /** The watch's figures are the ones the seed put in. */
  check(body: string): void {
    const w = JSON.parse(body) as WatchReply;
    const slipping = w.subGrants.reduce((n, s) => n + s.milestonesSlipping.length, 0);
    const overdue = w.subGrants.reduce((n, s) => n + s.reportsOverdue.length, 0);
    const wrong = [
      w.programmeId !== this.programmeId && 'programme',
      w.subGrants.length !== SUB_GRANTS && `${w.subGrants.length} sub-grants`,
      BigInt(w.figures.awarded.amountMinor) !== BigInt(AWARD_MINOR * SUB_GRANTS) && `awarded ${w.figures.awarded.amountMinor}`,
      BigInt(w.figures.approved.amountMinor) !== this.expected.approved && `approved ${w.figures.approved.amountMinor} (expected ${this.expected.approved})`,
      BigInt(w.figures.reported.amountMinor) !== this.expected.approved && `reported ${w.figures.reported.amountMinor}`,
      BigInt(w.figures.disbursed.amountMinor) !== this.expected.disbursed && `disbursed ${w.figures.disbursed.amountMinor} (expected ${this.expected.disbursed})`,
      slipping !== this.expected.slipping && `${slipping} milestones slipping (expected ${this.expected.slipping})`,
      overdue !== 0 && `${overdue} reports overdue`,
    ].filter(Boolean);
    if (wrong.length) throw new Error(`bench: the watch is wrong: ${wrong.join(', ')}`);
  }

  async stop(): Promise<void> {
    this.agent.destroy();
    await this.db.end().catch(() => undefined);
    await this.grants.stop();
    await this.membership.stop();
    await removeJobKeys(this.jobPrefix);
  }
}


/** `n` timed calls of `once` from `width` callers at a time; the sorted latencies. */
async function timed(n: number, width: number, once: () => Promise<number>): Promise<number[]> {
  const ms: number[] = [];
  await inParallel(Array.from({ length: n }), width, async () => {
    ms.push(await once());
  });
  return ms;
}

const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);

/**
 * Case 8: the officer's watch of a programme of 50 sub-grants with five years of reports
 * (1,000 reports, 500 milestones), GET through the grants service (a compiled child process, with
 * membership beside it) against the raw component: the repository's SELECTs straight with pg on
 * the same database, pool of the service's size. One at a time (interleaved request by request)
 * and CONCURRENCY at a time (rounds alternated), after warm-up; every reply is a 200 and the
 * first one's figures are checked against what the seed put in.
 */
export async function grantsWatchCase(env: BenchEnv, log: (s: string) => void = () => undefined): Promise<Figure[]> {
  const issuer = await TestIssuer.start();
  const admin = await issuer.mint({ subject: 'bench-grants@intercity.example', grants: [{ role: 'network-admin', networkId: '*' }], expiresIn: 3_600 });
  let world: GrantsWorld | undefined;
  let pool: Pool | undefined;
  const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  try {
    world = await GrantsWorld.start(env, issuer, admin);
    const seeded = await world.seed();
    log(`seeded through the APIs: ${seeded.requests} requests in ${(seeded.ms / 1000).toFixed(1)} s (${((seeded.requests / seeded.ms) * 1000).toFixed(0)} req/s)`);
    await world.checkStored();
    await world.drained();
    // After a bulk load, as autovacuum would have done by the time anyone looks.
    await world.db.query('VACUUM ANALYZE programmes, sub_grants, expenditure_reports, milestones');

    const w = world;
    const officer = await issuer.mint({ subject: 'officer@intercity.example', grants: [{ role: 'grant-officer', networkId: w.networkId }], expiresIn: 3_600 });
    const first = await w.watch(agent, officer);
    w.check(first.reply.body);
    pool = new Pool({ connectionString: env.url('gw_grants'), max: 10, application_name: 'bench-raw' });
    const p = pool;
    const rows = await rawWatch(p, w.programmeId);
    if (rows !== SUB_GRANTS * (QUARTERS + MILESTONES)) throw new Error(`bench: raw: ${rows} rows of reports and milestones`);

    const service = async () => (await w.watch(agent, officer)).ms;
    const raw = async () => {
      const t = now();
      await rawWatch(p, w.programmeId);
      return now() - t;
    };
    for (let i = 0; i < WARM; i++) {
      await service();
      await raw();
    }
    const one = { service: [] as number[], raw: [] as number[] };
    for (let i = 0; i < SEQUENTIAL; i++) {
      one.service.push(await service());
      one.raw.push(await raw());
    }
    const eight = { service: [] as number[], raw: [] as number[] };
    for (const side of ['service', 'raw', 'raw', 'service'] as const) eight[side].push(...(await timed(CONCURRENT, CONCURRENCY, side === 'service' ? service : raw)));

    const [s1, r1, s8, r8] = [one.service, one.raw, eight.service, eight.raw].map(sorted);
    const info = (name: string, value: number, baseline: number | null, unit = 'ms') => figure({ name, value, unit, baseline, target: null, better: 'low' });
    return [
      figure({ name: 'grants.watch_50x5y.p95', value: percentile(s1, 0.95), unit: 'ms', baseline: null, target: 50, better: 'low' }),
      info('grants.watch_50x5y.p95_vs_raw_selects', percentile(s1, 0.95), percentile(r1, 0.95)),
      info('grants.watch_50x5y.p50_vs_raw_selects', percentile(s1, 0.5), percentile(r1, 0.5)),
      info(`grants.watch_50x5y_${CONCURRENCY}.p95_vs_raw_selects`, percentile(s8, 0.95), percentile(r8, 0.95)),
      info(`grants.watch_50x5y_${CONCURRENCY}.p50_vs_raw_selects`, percentile(s8, 0.5), percentile(r8, 0.5)),
      info('grants.watch_50x5y.reply_size', Buffer.byteLength(first.reply.body) / 1024, null, 'KB'),
    ];
  } finally {
    agent.destroy();
    await pool?.end().catch(() => undefined);
    await world?.stop();
    await issuer.stop();
  }
}
