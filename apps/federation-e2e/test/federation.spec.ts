import { jetstreamManager } from '@nats-io/jetstream';
import { waitFor } from '@intercity/testing';
import { HUB, TestFederation, TestNodeOfNetwork } from './support/federation';

jest.setTimeout(180_000);

const CITIES = ['ravenna', 'offenbach'];

let net: TestFederation;
let token: string;
let networkId: string;
const memberOf: Record<string, string> = {};

function member(slug: string, homeNodeId: string, country: string, timeZone: string) {
  return { networkId, slug, kind: 'city', name: slug, legalName: `City of ${slug}`, country, timeZone, languages: ['en'], homeNodeId };
}

function person(memberId: string, n: number, city: string) {
  return { memberId, givenName: `Person${n}`, familyName: city, email: `person${n}@${city}.example.org`, functions: ['trainee'], preferredLanguage: 'en' };
}

async function post(node: TestNodeOfNetwork, path: string, body: object) {
  return node.http('membership').post(`/api/membership/${path}`).set('Authorization', `Bearer ${token}`).send(body);
}

async function created(node: TestNodeOfNetwork, path: string, body: object): Promise<{ id: string }> {
  const res = await post(node, path, body);
  if (res.status !== 201) throw new Error(`POST ${path} on ${node.id}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

async function count(node: TestNodeOfNetwork, service: 'membership' | 'practice', sql: string, params: unknown[] = []): Promise<number> {
  const [{ n }] = await (await node.db(service)).query(`SELECT count(*)::int AS n FROM (${sql}) q`, params);
  return n;
}

/** The rows a query returns, in one digest: equal digests, equal read models. */
async function digest(node: TestNodeOfNetwork, service: 'membership' | 'practice', sql: string): Promise<string> {
  const [{ d }] = await (await node.db(service)).query(`SELECT md5(coalesce(string_agg(q::text, '|' ORDER BY q::text), '')) AS d FROM (${sql}) q`);
  return d;
}

beforeAll(async () => {
  net = await TestFederation.start({ cities: CITIES });
  token = await net.operatorToken();
  await created(net.hub, 'nodes', { id: HUB, name: 'Hub', baseUrl: net.hub.url('membership'), hub: true, jetstreamDomain: HUB });
  for (const city of CITIES) {
    await created(net.hub, 'nodes', { id: city, name: city, baseUrl: net.node(city).url('membership'), hub: false, jetstreamDomain: city });
  }
  networkId = (await created(net.hub, 'networks', { slug: 'eurocities', name: 'Eurocities' })).id;
  memberOf.ravenna = (await created(net.hub, 'members', member('ravenna', 'ravenna', 'IT', 'Europe/Rome'))).id;
  memberOf.offenbach = (await created(net.hub, 'members', member('offenbach', 'offenbach', 'DE', 'Europe/Berlin'))).id;
  memberOf.lisbon = (await created(net.hub, 'members', member('lisbon', HUB, 'PT', 'Europe/Lisbon'))).id;
});

afterAll(async () => {
  await net?.stop();
});

describe('a network of a hub and two city nodes', () => {
  it('gives every city node the hub’s nodes, network and members', async () => {
    for (const city of CITIES) {
      await waitFor(async () => (await count(net.node(city), 'membership', 'SELECT 1 FROM members')) === 3, {
        timeoutMs: 30_000,
        description: `${city}'s copies of the hub's members`,
      });
    }
    // The copies hold the hub's state; only when each copy was written differs.
    const state = async (id: string) => ({
      nodes: await digest(net.node(id), 'membership', 'SELECT id, name, base_url, hub, jetstream_domain, version FROM nodes'),
      networks: await digest(net.node(id), 'membership', 'SELECT id, slug, name, description, version FROM networks'),
      members: await digest(net.node(id), 'membership', 'SELECT id, network_id, slug, name, country, time_zone, languages, home_node_id, version FROM members'),
    });
    const hub = await state(HUB);
    for (const city of CITIES) expect(await state(city)).toEqual(hub);
  });

  it('sends a write to the aggregate’s home: 409 naming the home node and its base URL', async () => {
    const atHub = await post(net.hub, 'people', person(memberOf.ravenna, 1, 'ravenna'));
    expect(atHub.status).toBe(409);
    expect(atHub.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(atHub.body).toMatchObject({ rule: 'node.home', homeNode: { id: 'ravenna', baseUrl: net.node('ravenna').url('membership') } });

    const memberAtCity = await post(net.node('ravenna'), 'members', member('bologna', 'ravenna', 'IT', 'Europe/Rome'));
    expect(memberAtCity.status).toBe(409);
    expect(memberAtCity.body).toMatchObject({ rule: 'node.home', homeNode: { id: HUB, baseUrl: net.hub.url('membership') } });
  });

  it('carries a person registered at their home node to the copies of every node', async () => {
    const francesca = await created(net.node('ravenna'), 'people', person(memberOf.ravenna, 2, 'ravenna'));
    for (const id of [HUB, ...CITIES]) {
      await waitFor(async () => (await count(net.node(id), 'practice', 'SELECT 1 FROM people WHERE id = $1', [francesca.id])) === 1, {
        timeoutMs: 30_000,
        description: `${id}'s practice copy of the person registered at ravenna`,
      });
    }
    // It came in through the hub's ingest stream for ravenna, past the gate.
    const nc = await net.hub.connectNats();
    try {
      const jsm = await jetstreamManager(nc);
      expect((await jsm.streams.info(`${net.ns.streamPrefix}FROM_RAVENNA`)).state.messages).toBeGreaterThanOrEqual(1);
    } finally {
      await nc.close();
    }
  });
});
