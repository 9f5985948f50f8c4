import http from 'node:http';
import autocannon from 'autocannon';
import { TestIssuer } from '@intercity/testing';
import { MessagingNamespace } from '@intercity/messaging';
import { SERVICES } from '../../apps/edge/src/edge-config';
import { BenchEnv, percentile } from '../support/env';
import { Figure, figure } from '../support/report';
import { freePort, ServiceProcess } from '../support/service-process';

const CONCURRENCY = 16;
const WARM_SECONDS = 2;
/** Each path is measured in two halves, in the order direct, edge, edge, direct, so drift in the machine's load falls on both alike. */
const HALF_SECONDS = 3;
/** Sequential requests on each path for the unloaded latency, taken in alternation. */
const SEQUENTIAL = 1500;
const READ = '/api/membership/members?limit=1';

async function post(base: string, path: string, body: unknown, token: string): Promise<{ id: string }> {
  const res = await fetch(`${base}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
  });
  if (res.status !== 201) throw new Error(`bench: POST ${path} answered ${res.status}: ${await res.text()}`);
  return (await res.json()) as { id: string };
}

async function load(base: string, token: string, seconds: number) {
  const result = await autocannon({
    url: `${base}${READ}`,
    connections: CONCURRENCY,
    duration: seconds,
    headers: { authorization: `Bearer ${token}` },
  });
  if (result.non2xx || result.errors || result.timeouts) {
    throw new Error(`bench: ${base}${READ} had ${result.non2xx} non-2xx replies, ${result.errors} errors, ${result.timeouts} timeouts`);
  }
  return result;
}

/** One GET on a kept-alive connection; its time in ms (hrtime, so below autocannon's 1 ms resolution). */
function timedGet(agent: http.Agent, url: string, token: string): Promise<number> {
  const started = process.hrtime.bigint();
  return new Promise((resolve, reject) => {
    const req = http.get(url, { agent, headers: { authorization: `Bearer ${token}` } }, (res) => {
      if (res.statusCode !== 200) reject(new Error(`bench: ${url} answered ${res.statusCode}`));
      res.resume();
      res.on('end', () => resolve(Number(process.hrtime.bigint() - started) / 1e6));
    });
    req.on('error', reject);
  });
}

/**
 * Case 6: a read through the edge vs the same read straight to the membership service, both
 * compiled child processes as `npm start` runs them, in the same run. Every request carries a
 * token: the service verifies it, and the edge verifies it too (to count it against the person's
 * rate limit in Redis) before proxying.
 *  - throughput: autocannon, 16 connections, 6 s on each path (two halves, direct-edge-edge-direct)
 *    after 2 s of warm-up on each;
 *  - latency cost: one connection, requests one at a time, alternating between the paths, so the
 *    p50 difference is what the edge adds to a request rather than queueing under saturation.
 */
export async function edgeOverheadCase(env: BenchEnv): Promise<Figure[]> {
  const issuer = await TestIssuer.start();
  const token = await issuer.mint({ subject: 'bench-reader@intercity.example', grants: [{ role: 'network-admin', networkId: '*' }] });
  const ns: MessagingNamespace = { subjectPrefix: `b${env.id}.edge.`, streamPrefix: `B${env.id.toUpperCase()}_EDGE_` };
  const membership = await ServiceProcess.start({ entry: 'apps/membership/src/main.ts', databasePrefix: `${env.databasePrefix}edge_`, ns, env: issuer.env });
  let edge: ServiceProcess | undefined;
  try {
    await membership.ready();
    // The other services of a node are not running here: the edge only proxies to membership, so
    // they point at a port nobody listens on, and the edge is waited for on /health/live.
    const nowhere = `http://127.0.0.1:${await freePort()}`;
    edge = await ServiceProcess.start({
      entry: 'apps/edge/src/main.ts',
      databasePrefix: `${env.databasePrefix}edge_`,
      ns,
      env: {
        ...issuer.env,
        ...Object.fromEntries(SERVICES.map((s) => [`${s.toUpperCase()}_URL`, nowhere])),
        MEMBERSHIP_URL: membership.baseUrl,
        // Every request is counted in Redis as in production, but none is refused.
        RATE_LIMIT_PER_MINUTE: '1000000000',
      },
    });
    await edge.ready(60_000, '/health/live');

    await post(membership.baseUrl, '/api/membership/nodes', { id: 'hub', name: 'Bench hub', baseUrl: 'http://127.0.0.1:1', hub: true }, token);
    const { id: networkId } = await post(membership.baseUrl, '/api/membership/networks', { slug: 'bench', name: 'Bench network' }, token);
    await post(
      membership.baseUrl,
      '/api/membership/members',
      { networkId, slug: 'ravenna', kind: 'city', name: 'Ravenna', legalName: 'Comune di Ravenna', country: 'IT', region: 'IT-45', timeZone: 'Europe/Rome', languages: ['it', 'en'], homeNodeId: 'hub' },
      token,
    );

    await load(membership.baseUrl, token, WARM_SECONDS);
    await load(edge.baseUrl, token, WARM_SECONDS);
    const direct1 = await load(membership.baseUrl, token, HALF_SECONDS);
    const edge1 = await load(edge.baseUrl, token, HALF_SECONDS);
    const edge2 = await load(edge.baseUrl, token, HALF_SECONDS);
    const direct2 = await load(membership.baseUrl, token, HALF_SECONDS);

    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const alone = { direct: [] as number[], edge: [] as number[] };
    try {
      for (let i = 0; i < SEQUENTIAL; i++) {
        const order = i % 2 ? (['direct', 'edge'] as const) : (['edge', 'direct'] as const);
        for (const path of order) alone[path].push(await timedGet(agent, `${path === 'edge' ? edge.baseUrl : membership.baseUrl}${READ}`, token));
      }
    } finally {
      agent.destroy();
    }
    const p50 = (xs: number[]) => percentile([...xs].sort((a, b) => a - b), 0.5);
    type Run = Awaited<ReturnType<typeof load>>;
    const rate = (a: Run, b: Run) => (a['2xx'] + b['2xx']) / (a.duration + b.duration);
    const p50Loaded = (a: Run, b: Run) => (a.latency.p50 + b.latency.p50) / 2;

    return [
      figure({ name: 'edge.read_rate', value: rate(edge1, edge2), unit: 'req/s', baseline: rate(direct1, direct2), target: 0.7, better: 'high' }),
      figure({ name: 'edge.p50_overhead', value: p50(alone.edge) - p50(alone.direct), unit: 'ms', baseline: null, target: 1, better: 'low' }),
      figure({ name: 'edge.read_latency.p50', value: p50(alone.edge), unit: 'ms', baseline: p50(alone.direct), target: null, better: 'low' }),
      figure({ name: 'edge.read_latency_16.p50', value: p50Loaded(edge1, edge2), unit: 'ms', baseline: p50Loaded(direct1, direct2), target: null, better: 'low' }),
    ];
  } finally {
    await edge?.stop();
    await membership.stop();
    await issuer.stop();
  }
}
