import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { jetstreamManager } from '@nats-io/jetstream';
import { waitFor } from '@intercity/testing';
import { HUB, ROOT, TestFederation, TestNodeOfNetwork } from '@intercity/service-testing';

jest.setTimeout(180_000);

// Streams keep events for about 9 seconds here, so an outage can outlast them within a test.
const RETENTION_DAYS = 0.0001;

let net: TestFederation;
let token: string;
let ravennaMember: string;

function created(node: TestNodeOfNetwork, path: string, body: object): Promise<{ id: string }> {
  return net.create(node, path, body);
}

function person(n: number) {
  return { memberId: ravennaMember, givenName: `Person${n}`, familyName: 'Ravenna', email: `p${n}@ravenna.example.org`, functions: ['trainee'], preferredLanguage: 'it' };
}

async function knownAtHub(personId: string): Promise<boolean> {
  const [{ n }] = await (await net.hub.db('practice')).query('SELECT count(*)::int AS n FROM people WHERE id = $1', [personId]);
  return n === 1;
}

beforeAll(async () => {
  net = await TestFederation.start({ cities: ['ravenna'], streamMaxAgeDays: RETENTION_DAYS });
  token = await net.operatorToken();
  ravennaMember = (await net.seedNetwork([{ slug: 'ravenna', home: 'ravenna', country: 'IT', timeZone: 'Europe/Rome' }])).memberOf.ravenna;
  await waitFor(
    async () => {
      const res = await net.node('ravenna').http('membership').get(`/api/membership/members/${ravennaMember}`).set('Authorization', `Bearer ${token}`);
      return res.status === 200;
    },
    { timeoutMs: 30_000, description: "ravenna's copy of its member record" },
  );
});

afterAll(async () => {
  await net?.stop();
});

it('reports an outage longer than the streams keep events on both sides, and resynchronises each side from the other’s outbox', async () => {
  const ravenna = net.node('ravenna');
  const first = await created(ravenna, 'people', person(1));
  await waitFor(() => knownAtHub(first.id), { timeoutMs: 30_000, description: 'the first person at the hub' });

  ravenna.cutLink();
  const before = new Date();
  const lost = [await created(ravenna, 'people', person(2)), await created(ravenna, 'people', person(3))];
  // Both sides write while cut off…
  await created(net.hub, 'networks', { slug: 'urbact', name: 'URBACT' });
  await created(net.hub, 'networks', { slug: 'welcoming', name: 'Welcoming Cities' });
  // …for longer than the streams keep events: they are gone from both before the link returns.
  for (const [node, written] of [[ravenna, 'PEOPLE'], [net.hub, 'MEMBERSHIP']] as const) {
    const nc = await node.connectNats();
    try {
      const jsm = await jetstreamManager(nc);
      const stream = `${net.ns.streamPrefix}${written}`;
      const { state } = await jsm.streams.info(stream);
      await waitFor(async () => (await jsm.streams.info(stream)).state.first_seq > state.last_seq, {
        timeoutMs: 60_000,
        intervalMs: 500,
        description: `the outage's events to expire from ${node.id}'s stream`,
      });
    } finally {
      await nc.close();
    }
  }
  const after = await created(ravenna, 'people', person(4));
  ravenna.restoreLink();

  await waitFor(() => knownAtHub(after.id), { timeoutMs: 30_000, description: 'the person registered after the outage at the hub' });
  for (const p of lost) expect(await knownAtHub(p.id)).toBe(false);

  const link = await net.hub.http('membership').get('/api/membership/nodes/ravenna/link').set('Authorization', `Bearer ${token}`);
  expect(link.status).toBe(200);
  expect(link.body).toMatchObject({
    nodeId: 'ravenna',
    complete: false,
    gaps: [{ source: expect.stringContaining(`${net.ns.streamPrefix}PEOPLE`), fromSequence: 2, toSequence: 3 }],
    resync: expect.stringContaining('--republish-since='),
  });

  // And the city knows which of the hub's events it never received (the two networks).
  const hubLink = await waitFor(
    async () => {
      const res = await ravenna.http('membership').get(`/api/membership/nodes/${HUB}/link`).set('Authorization', `Bearer ${token}`);
      return res.status === 200 && res.body.gaps.length ? res.body : undefined;
    },
    { timeoutMs: 30_000, description: "ravenna's feed to notice the hub's events it missed" },
  );
  expect(hubLink).toMatchObject({ nodeId: HUB, complete: false, gaps: [{ source: `${net.ns.streamPrefix}MEMBERSHIP` }] });
  expect(hubLink.gaps[0].toSequence - hubLink.gaps[0].fromSequence + 1).toBe(2);

  // The operator's way back: Ravenna's membership publishes its events again from its outbox.
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ['-r', './tools/run-dist.js', 'dist/apps/membership/src/main.js', `--republish-since=${before.toISOString()}`],
    { cwd: ROOT, env: { ...process.env, ...ravenna.services.get('membership')!.env } },
  );
  expect(stdout).toMatch(/membership: 3 events since .* will be published again/);
  for (const p of lost) await waitFor(() => knownAtHub(p.id), { timeoutMs: 30_000, description: `${p.id} at the hub after the resynchronisation` });

  // The other way, the owner restates all it holds: the hub's membership publishes the newest event
  // of each aggregate again, and Ravenna's copies gain the two networks it never received.
  const networksAtRavenna = async () =>
    (await ravenna.http('membership').get('/api/membership/networks').set('Authorization', `Bearer ${token}`)).body.items.map((n: { slug: string }) => n.slug);
  expect(await networksAtRavenna()).not.toContain('urbact');
  const hubRepublish = await promisify(execFile)(process.execPath, ['-r', './tools/run-dist.js', 'dist/apps/membership/src/main.js', '--republish-all'], {
    cwd: ROOT,
    env: { ...process.env, ...net.hub.services.get('membership')!.env },
  });
  expect(hubRepublish.stdout).toMatch(/membership: \d+ events, the newest of each aggregate and all within the retention, will be published again/);
  await waitFor(async () => {
    const slugs = await networksAtRavenna();
    return ['urbact', 'welcoming'].every((slug) => slugs.includes(slug));
  }, {
    timeoutMs: 30_000,
    description: "the hub's networks at ravenna after the hub restated them",
  });
});
