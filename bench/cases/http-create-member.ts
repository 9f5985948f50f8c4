import { performance } from 'node:perf_hooks';
import { Client } from 'pg';
import autocannon from 'autocannon';
import { v7 as uuidv7 } from 'uuid';
import { MemberJoined } from '@intercity/contracts';
import { MEMBERSHIP_MIGRATIONS } from '../../apps/membership/src/migrations';
import { TestIssuer } from '@intercity/testing';
import { BenchEnv, sleep } from '../support/env';
import { ORIGIN } from '../support/events';
import { Figure, figure } from '../support/report';
import { runtimeRssMb, ServiceProcess } from '../support/service-process';

const CONCURRENCY = 16;
const WARM_SECONDS = 2;
const MEASURE_SECONDS = 8;
const RAW_SECONDS = 6;
const REST_SAMPLE_MS = 2_000;

interface MemberInput {
  networkId: string;
  slug: string;
  kind: 'city';
  name: string;
  legalName: string;
  country: string;
  region: string;
  timeZone: string;
  languages: string[];
  homeNodeId: string;
}

function memberInput(networkId: string, n: number): MemberInput {
  return {
    networkId,
    slug: `bench-city-${n}`,
    kind: 'city',
    name: `Bench City ${n}`,
    legalName: `Comune di Bench City ${n}`,
    country: 'IT',
    region: 'IT-45',
    timeZone: 'Europe/Rome',
    languages: ['it', 'en'],
    homeNodeId: 'hub',
  };
}

async function post(base: string, path: string, body: unknown, token: string): Promise<{ id: string }> {
  const res = await fetch(`${base}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
  });
  if (res.status !== 201) throw new Error(`bench: POST ${path} answered ${res.status}: ${await res.text()}`);
  return (await res.json()) as { id: string };
}

/** POST /api/membership/members from CONCURRENCY connections, each request with a slug of its own. */
function load(base: string, networkId: string, token: string, seconds: number, next: () => number) {
  return autocannon({
    url: base,
    connections: CONCURRENCY,
    duration: seconds,
    requests: [
      {
        method: 'POST',
        path: '/api/membership/members',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        setupRequest: (req) => ({ ...req, body: JSON.stringify(memberInput(networkId, next())) }),
      },
    ],
  });
}

/**
 * The raw component: CONCURRENCY pg clients, each committing one transaction after another that
 * inserts the same member row and its outbox row (membership's own tables, from its migrations, in
 * a database of their own), for `seconds`. Returns transactions per second.
 */
async function rawInserts(env: BenchEnv, seconds: number, next: () => number): Promise<number> {
  const url = env.url('raw');
  const networkId = uuidv7();
  const setup = new Client({ connectionString: url });
  await setup.connect();
  await setup.query(`INSERT INTO nodes (id, name, base_url, hub, version, created_at, updated_at) VALUES ('hub', 'Hub', 'http://127.0.0.1:1', true, 1, now(), now())`);
  await setup.query(`INSERT INTO networks (id, slug, name, version, created_at, updated_at) VALUES ($1, 'bench', 'Bench', 1, now(), now())`, [networkId]);
  await setup.end();

  const clients = await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      const c = new Client({ connectionString: url, application_name: 'bench-raw' });
      await c.connect();
      return c;
    }),
  );
  const once = async (c: Client) => {
    const m = memberInput(networkId, next());
    const id = uuidv7();
    const now = new Date();
    const envelope = {
      id: uuidv7(),
      type: MemberJoined.type,
      version: MemberJoined.version,
      occurredAt: now.toISOString(),
      origin: ORIGIN,
      aggregate: { type: MemberJoined.aggregateType, id, version: 1 },
      actor: { kind: 'system', id: 'system' },
      correlationId: uuidv7(),
      causationId: null,
      data: { memberId: id, ...m },
    };
    await c.query('BEGIN');
    try {
      await c.query(
        `INSERT INTO members (id, network_id, slug, kind, name, legal_name, country, region, time_zone, languages, home_node_id,
                              left_on, leave_reason, version, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, NULL, NULL, 1, $12, $12)`,
        [id, networkId, m.slug, m.kind, m.name, m.legalName, m.country, m.region, m.timeZone, m.languages, m.homeNodeId, now],
      );
      await c.query(
        `INSERT INTO outbox (event_id, event_type, aggregate_type, aggregate_id, envelope, headers) VALUES ($1, $2, $3, $4, $5, $6)`,
        [envelope.id, envelope.type, MemberJoined.aggregateType, id, JSON.stringify(envelope), '{}'],
      );
      await c.query('COMMIT');
    } catch (e) {
      await c.query('ROLLBACK');
      throw e;
    }
  };
  const run = async (ms: number) => {
    let done = 0;
    const deadline = performance.now() + ms;
    const started = performance.now();
    await Promise.all(
      clients.map(async (c) => {
        while (performance.now() < deadline) {
          await once(c);
          done++;
        }
      }),
    );
    return { done, ms: performance.now() - started };
  };
  try {
    await run(WARM_SECONDS * 500);
    const { done, ms } = await run(seconds * 1000);
    return (done / ms) * 1000;
  } finally {
    await Promise.all(clients.map((c) => c.end()));
  }
}

/**
 * Case 3 (HTTP create-member rate at 16 connections vs raw pg transactions at 16 clients) and
 * case 5 (the membership service's resident memory at rest and under that load).
 */
export async function httpCreateMemberCase(env: BenchEnv): Promise<Figure[]> {
  let n = 0;
  const next = () => n++;
  // Every request carries a verified identity, as in production: the service checks each token.
  const issuer = await TestIssuer.start();
  const token = await issuer.mint({ subject: 'bench@intercity.example', grants: [{ role: 'network-admin', networkId: '*' }] });
  const svc = await ServiceProcess.start({ entry: 'apps/membership/src/main.ts', databasePrefix: env.databasePrefix, ns: env.serviceNs, env: issuer.env });
  let rate: number;
  let rest: number;
  let underLoad: number;
  try {
    await svc.ready();
    await post(svc.baseUrl, '/api/membership/nodes', { id: 'hub', name: 'Bench hub', baseUrl: 'http://127.0.0.1:1', hub: true }, token);
    const { id: networkId } = await post(svc.baseUrl, '/api/membership/networks', { slug: 'bench', name: 'Bench network' }, token);

    // At rest: started, migrated, connected, answered its first requests, then idle.
    await sleep(1_000);
    const restSamples = svc.sampleRss(100);
    await sleep(REST_SAMPLE_MS);
    rest = median(restSamples());

    const loadSamples = svc.sampleRss(100);
    const warm = await load(svc.baseUrl, networkId, token, WARM_SECONDS, next);
    const measured = await load(svc.baseUrl, networkId, token, MEASURE_SECONDS, next);
    underLoad = Math.max(...loadSamples());
    for (const r of [warm, measured]) {
      if (r.non2xx || r.errors || r.timeouts) {
        throw new Error(`bench: create-member load had ${r.non2xx} non-2xx replies, ${r.errors} errors, ${r.timeouts} timeouts`);
      }
    }
    rate = measured['2xx'] / measured.duration;

    const check = new Client({ connectionString: env.url('membership') });
    await check.connect();
    const { rows } = await check.query<{ c: number }>('SELECT count(*)::int AS c FROM members');
    await check.end();
    // Requests still in flight when a run's time is up are done by the service but not counted.
    const replied = warm['2xx'] + measured['2xx'];
    if (rows[0].c < replied || rows[0].c > replied + 2 * CONCURRENCY) {
      throw new Error(`bench: the service stored ${rows[0].c} members for ${replied} 201 replies`);
    }
  } finally {
    await svc.stop();
    await issuer.stop();
  }

  await env.database('raw', MEMBERSHIP_MIGRATIONS);
  const raw = await rawInserts(env, RAW_SECONDS, next);
  const runtime = await runtimeRssMb();

  return [
    figure({ name: 'http.create_member_rate', value: rate, unit: 'req/s', baseline: raw, target: 0.25, better: 'high' }),
    figure({ name: 'membership.rss.rest', value: rest, unit: 'MB', baseline: null, target: 200, better: 'low' }),
    figure({ name: 'membership.rss.load', value: underLoad, unit: 'MB', baseline: null, target: 200, better: 'low' }),
    figure({ name: 'runtime.rss.empty_program', value: runtime, unit: 'MB', baseline: null, target: null, better: 'low' }),
  ];
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}
