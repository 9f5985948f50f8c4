import http from 'node:http';
import Redis from 'ioredis';
import { randomSuffix, TestIssuer, testInfra } from '@intercity/testing';
import { windowStart } from '../src/rate-limit/fixed-window';
import { expectProblem, RunningEdge, startEdge } from './support/edge';
import { SERVICES } from '../src/edge-config';
import { BackendServices, freePort } from './support/processes';

const CONSOLE_ORIGIN = 'https://console.intercity.example';
const MAX_BODY_BYTES = 1024;
const PER_MINUTE = 3;

/** Raw HTTP, for what supertest does not send: a chunked body of `chunks` pieces. */
function postChunked(url: string, path: string, token: string, chunks: string[]): Promise<{ status: number; type?: string; body: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const req = http.request(new URL(path, url), { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` } }, (res) => {
      let text = '';
      res.on('data', (c: Buffer) => (text += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode!, type: res.headers['content-type'], body: JSON.parse(text) as Record<string, unknown> }));
    });
    req.on('error', reject);
    for (const c of chunks) req.write(c);
    req.end();
  });
}

/** The node's front door: headers, CORS, body size, rate limits, health and the merged API description. */
describe('edge protections', () => {
  let issuer: TestIssuer;
  let services: BackendServices;
  let edge: RunningEdge;
  let redis: Redis;

  beforeAll(async () => {
    issuer = await TestIssuer.start();
    // Every service of the node: the edge is ready only when all are.
    services = await BackendServices.start(issuer.env);
    edge = await startEdge({
      ...issuer.env,
      ...(await services.edgeEnv()),
      CORS_ORIGINS: `${CONSOLE_ORIGIN}, http://localhost:8080`,
      MAX_BODY_BYTES: String(MAX_BODY_BYTES),
      RATE_LIMIT_PER_MINUTE: String(PER_MINUTE),
      // Requests without a token count by address, which every spec on this machine shares.
      RATE_LIMIT_ANONYMOUS_PER_MINUTE: '100000',
    });
    redis = new Redis(testInfra().redisUrl);
  });

  afterAll(async () => {
    redis?.disconnect();
    await edge?.close();
    await services?.stop();
    await issuer?.stop();
  });

  /** A person of their own, so that no two tests share a rate-limit count. */
  const someone = () => issuer.mint({ subject: `person-${randomSuffix()}@example.org`, grants: [{ role: 'network-admin', networkId: '*' }] });

  it('sends security headers and hides what runs behind it, on its own answers and the services’', async () => {
    const token = await someone();
    const answers = [
      await edge.http().get('/health/live'),
      await edge.http().get('/api/membership/members').set('Authorization', `Bearer ${token}`),
      await edge.http().get('/api/nowhere/at-all'),
    ];
    expect(answers.map((r) => r.status)).toEqual([200, 200, 404]);
    for (const res of answers) {
      expect(res.headers).toMatchObject({
        'x-content-type-options': 'nosniff',
        'x-frame-options': 'SAMEORIGIN',
        'content-security-policy': expect.stringContaining("default-src 'self'"),
        'strict-transport-security': expect.stringContaining('max-age='),
        'x-request-id': expect.stringMatching(/^[0-9a-f-]{36}$/),
      });
      expect(res.headers['x-powered-by']).toBeUndefined();
    }
    expectProblem(answers[2], 404);
  });

  it('answers CORS preflights from the configured origins only', async () => {
    const preflight = (origin: string) =>
      edge
        .http()
        .options('/api/membership/members/0190a1b2-0000-7000-8000-000000000001')
        .set('Origin', origin)
        .set('Access-Control-Request-Method', 'PATCH')
        .set('Access-Control-Request-Headers', 'authorization,content-type,if-match');

    const allowed = await preflight(CONSOLE_ORIGIN);
    expect(allowed.status).toBe(204);
    expect(allowed.headers['access-control-allow-origin']).toBe(CONSOLE_ORIGIN);
    expect(allowed.headers['access-control-allow-methods']).toContain('PATCH');
    expect(allowed.headers['access-control-allow-headers'].toLowerCase()).toEqual(expect.stringContaining('if-match'));

    const other = await preflight('https://evil.example');
    expect(other.headers['access-control-allow-origin']).toBeUndefined();

    const read = await edge.http().get('/api/membership/members').set('Origin', CONSOLE_ORIGIN).set('Authorization', `Bearer ${await someone()}`);
    expect(read.headers['access-control-allow-origin']).toBe(CONSOLE_ORIGIN);
    expect(read.headers['access-control-expose-headers']).toEqual(expect.stringContaining('X-Request-Id'));
  });

  it('refuses a body over the limit before it reaches the service, declared or chunked', async () => {
    const token = await someone();
    const big = { networkId: '0190a1b2-0000-7000-8000-000000000001', name: 'x'.repeat(MAX_BODY_BYTES) };

    const declared = await edge.http().post('/api/membership/networks').set('Authorization', `Bearer ${token}`).send(big);
    expectProblem(declared, 413, 'edge.body-size');
    expect(declared.body.detail).toBe(`request bodies are limited to ${MAX_BODY_BYTES} bytes`);

    const json = JSON.stringify(big);
    const chunked = await postChunked(edge.url, '/api/membership/networks', token, [json.slice(0, 600), json.slice(600)]);
    expect(chunked).toMatchObject({ status: 413, type: expect.stringMatching(/^application\/problem\+json/), body: { rule: 'edge.body-size' } });

    // A chunked body within the limit goes through.
    const small = JSON.stringify({ slug: `net-${randomSuffix()}`, name: 'Small enough' });
    expect(await postChunked(edge.url, '/api/membership/networks', token, [small.slice(0, 10), small.slice(10)])).toMatchObject({
      status: 201,
      body: { name: 'Small enough' },
    });
    expect(await services.query('membership', 'SELECT name FROM networks')).toEqual([{ name: 'Small enough' }]);
  });

  it('limits each person to RATE_LIMIT_PER_MINUTE requests a minute: 429 problem+json with Retry-After', async () => {
    // A fixed window: the four requests must fall in one minute, so a run that straddles its
    // boundary is done again with a fresh person.
    for (let attempt = 1; ; attempt++) {
      const subject = `rate-${randomSuffix()}@example.org`;
      const token = await issuer.mint({ subject, grants: [{ role: 'viewer', networkId: '*' }] });
      const started = Date.now();
      const replies = [];
      for (let i = 0; i <= PER_MINUTE; i++) replies.push(await edge.http().get('/api/membership/members?limit=1').set('Authorization', `Bearer ${token}`));
      const key = `intercity:rate:sub:${subject}:${windowStart(started, 60_000)}`;
      const counted = await redis.get(key);
      await redis.del(key, `intercity:rate:sub:${subject}:${windowStart(Date.now(), 60_000)}`);
      if (windowStart(started, 60_000) !== windowStart(Date.now(), 60_000) && attempt < 3) continue;

      expect(counted).toBe(String(PER_MINUTE + 1));
      expect(replies.map((r) => r.status)).toEqual([200, 200, 200, 429]);
      expect(replies.map((r) => r.headers['ratelimit-remaining'])).toEqual(['2', '1', '0', '0']);
      const refused = replies[PER_MINUTE];
      expectProblem(refused, 429, 'edge.rate-limit');
      const retryAfter = refused.headers['retry-after'];
      expect(retryAfter).toMatch(/^[1-9]\d*$/);
      expect(Number(retryAfter)).toBeLessThanOrEqual(60);
      expect(refused.headers).toMatchObject({ 'ratelimit-limit': String(PER_MINUTE), 'ratelimit-reset': retryAfter });
      expect(refused.body.detail).toBe(`at most ${PER_MINUTE} requests a minute; try again in ${retryAfter} s`);
      return;
    }
  });

  it("is ready when every service is, and says which one is not", async () => {
    const ready = await edge.http().get('/health/ready');
    expect(ready.status).toBe(200);
    expect(ready.body).toEqual({ status: 'ready', services: SERVICES.map((name) => expect.objectContaining({ name, ready: true })) });

    // The same node, but membership's address has nobody listening.
    const closedPort = await freePort();
    const alone = await startEdge({ ...issuer.env, ...(await services.edgeEnv()), MEMBERSHIP_URL: `http://127.0.0.1:${closedPort}` });
    try {
      expect((await alone.http().get('/health/live')).status).toBe(200);
      const notReady = await alone.http().get('/health/ready');
      expect(notReady.status).toBe(503);
      expect(notReady.body).toEqual({
        status: 'not ready',
        services: SERVICES.map((name) =>
          name === 'membership'
            ? { name, ready: false, detail: expect.stringContaining(`not reachable at http://127.0.0.1:${closedPort}`) }
            : expect.objectContaining({ name, ready: true }),
        ),
      });
      expectProblem(await alone.http().get('/api/membership/members').set('Authorization', `Bearer ${await someone()}`), 503, 'edge.upstream');
    } finally {
      await alone.close();
    }
  });

  it("serves one OpenAPI document with every service's paths and the node's login, and a docs page", async () => {
    const res = await edge.http().get('/api/openapi.json');
    expect(res.status).toBe(200);
    expect(Object.keys(res.body.paths)).toEqual(
      expect.arrayContaining(['/api/membership/members', '/api/membership/members/{id}', '/api/membership/networks', '/api/membership/audit']),
    );
    expect(res.body.components.securitySchemes).toEqual({
      bearer: expect.objectContaining({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' }),
      oidc: { type: 'openIdConnect', openIdConnectUrl: `${issuer.issuer}/.well-known/openid-configuration` },
    });
    expect(res.body.components.schemas).toHaveProperty('MemberResponse');
    const prefixes = new Set(Object.keys(res.body.paths).map((path) => path.split('/')[2]));
    expect([...prefixes].sort()).toEqual([...SERVICES].sort());

    const docs = await edge.http().get('/api/docs').redirects(2);
    expect(docs.status).toBe(200);
    expect(docs.headers['content-type']).toMatch(/^text\/html/);
  });
});
