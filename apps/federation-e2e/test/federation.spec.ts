import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { v7 as uuidv7 } from 'uuid';
import { waitFor } from '@intercity/testing';
import { eventSubject } from '@intercity/messaging';
import { HUB, TestFederation, TestNodeOfNetwork } from '@intercity/service-testing';

jest.setTimeout(180_000);

const CITIES = ['ravenna', 'offenbach'];

let net: TestFederation;
let token: string;
let networkId: string;
let memberOf: Record<string, string>;

function member(slug: string, homeNodeId: string, country: string, timeZone: string) {
  return { networkId, slug, kind: 'city', name: slug, legalName: `City of ${slug}`, country, timeZone, languages: ['en'], homeNodeId };
}

function person(memberId: string, n: number, city: string) {
  return { memberId, givenName: `Person${n}`, familyName: city, email: `person${n}@${city}.example.org`, functions: ['trainee'], preferredLanguage: 'en' };
}

async function post(node: TestNodeOfNetwork, path: string, body: object) {
  return node.http('membership').post(`/api/membership/${path}`).set('Authorization', `Bearer ${token}`).send(body);
}

function created(node: TestNodeOfNetwork, path: string, body: object): Promise<{ id: string }> {
  return net.create(node, path, body);
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
  ({ networkId, memberOf } = await net.seedNetwork([
    { slug: 'ravenna', home: 'ravenna', country: 'IT', timeZone: 'Europe/Rome' },
    { slug: 'offenbach', home: 'offenbach', country: 'DE', timeZone: 'Europe/Berlin' },
    { slug: 'lisbon', home: HUB, country: 'PT', timeZone: 'Europe/Lisbon' },
  ]));
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

    // Communities of practice are the network's: a city node reads its copies and sends writes on.
    const communityAtCity = await net
      .node('ravenna')
      .http('practice')
      .post('/api/practice/communities')
      .set('Authorization', `Bearer ${token}`)
      .send({ networkId, name: 'Housing' });
    expect(communityAtCity.status).toBe(409);
    expect(communityAtCity.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(communityAtCity.body).toMatchObject({ rule: 'node.home', homeNode: { id: HUB, baseUrl: net.hub.url('practice') } });
  });

  it('carries a person registered at their home node to the hub, and to no other city', async () => {
    // What crosses Offenbach's line from the hub while Francesca is registered and passed on.
    const offenbachLine = net.node('offenbach').tapLink();
    const francesca = await created(net.node('ravenna'), 'people', person(memberOf.ravenna, 2, 'ravenna'));
    for (const id of [HUB, 'ravenna']) {
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
    // Offenbach has everything the hub wrote after her, and not her: people stay with their home
    // node and the hub.
    const marker = await created(net.hub, 'members', member('porto', HUB, 'PT', 'Europe/Lisbon'));
    await waitFor(async () => (await count(net.node('offenbach'), 'practice', 'SELECT 1 FROM members WHERE id = $1', [marker.id])) === 1, {
      timeoutMs: 30_000,
      description: "offenbach's copy of a member the hub wrote after the person",
    });
    expect(await count(net.node('offenbach'), 'practice', 'SELECT 1 FROM people WHERE id = $1', [francesca.id])).toBe(0);
    // Not stored, and never sent: her events are in the hub's PEOPLE stream, which no city pulls.
    offenbachLine.stop();
    expect(offenbachLine.carried(marker.id)).toBe(true);
    expect(offenbachLine.carried(francesca.id)).toBe(false);
    expect(offenbachLine.carried('person2@ravenna.example.org')).toBe(false);
  });

  it('keeps a city node working while its link is cut, and converges with no event lost or applied twice when it returns', async () => {
    const ravenna = net.node('ravenna');
    const offenbach = net.node('offenbach');
    const peopleOf = (node: TestNodeOfNetwork, memberId: string) => count(node, 'practice', 'SELECT 1 FROM people WHERE member_id = $1', [memberId]);
    const membersAt = (node: TestNodeOfNetwork) => count(node, 'membership', 'SELECT 1 FROM members');
    const before = { ravenna: await peopleOf(net.hub, memberOf.ravenna), members: await membersAt(ravenna) };

    ravenna.cutLink();
    const registered = await Promise.all(Array.from({ length: 20 }, (_, i) => created(ravenna, 'people', person(memberOf.ravenna, 100 + i, 'ravenna'))));
    for (const p of registered.slice(0, 5)) {
      const res = await ravenna.http('membership').patch(`/api/membership/people/${p.id}`).set('Authorization', `Bearer ${token}`).send({ functions: ['trainer'] });
      expect(res.status).toBe(200);
    }
    await Promise.all(Array.from({ length: 15 }, (_, i) => created(net.hub, 'people', person(memberOf.lisbon, 200 + i, 'lisbon'))));
    for (const slug of ['braga', 'coimbra', 'faro']) await created(net.hub, 'members', member(slug, HUB, 'PT', 'Europe/Lisbon'));
    await Promise.all(Array.from({ length: 10 }, (_, i) => created(offenbach, 'people', person(memberOf.offenbach, 300 + i, 'offenbach'))));

    // Cut off, Ravenna goes on with its own events; the hub and Offenbach with theirs.
    await waitFor(async () => (await peopleOf(ravenna, memberOf.ravenna)) === before.ravenna + 20, { timeoutMs: 30_000, description: "ravenna's own copies" });
    await waitFor(async () => (await peopleOf(net.hub, memberOf.offenbach)) === 10, { timeoutMs: 30_000, description: "the hub's copies of offenbach's people" });
    await waitFor(async () => (await membersAt(offenbach)) === before.members + 3, { timeoutMs: 30_000, description: "offenbach's copies of the new members" });
    expect(await peopleOf(net.hub, memberOf.ravenna)).toBe(before.ravenna);
    expect(await membersAt(ravenna)).toBe(before.members);

    ravenna.restoreLink();
    const ravennaPeople = `SELECT id, member_id, given_name, family_name, email, source_version, erased FROM people WHERE member_id = '${memberOf.ravenna}'`;
    const members = 'SELECT id, network_id, slug, name, country, time_zone, languages, home_node_id, version FROM members';
    await waitFor(
      async () =>
        (await peopleOf(net.hub, memberOf.ravenna)) === before.ravenna + 20 &&
        (await digest(net.hub, 'practice', ravennaPeople)) === (await digest(ravenna, 'practice', ravennaPeople)) &&
        (await digest(net.hub, 'membership', members)) === (await digest(ravenna, 'membership', members)),
      { timeoutMs: 60_000, description: 'the hub’s copies of Ravenna’s people, and Ravenna’s of the hub’s members, to converge' },
    ).catch(async (e: Error) => {
      throw new Error(`${e.message}\n${await net.describe()}`);
    });
    const trainers = await count(net.hub, 'practice', 'SELECT 1 FROM people WHERE id = ANY($1::uuid[]) AND source_version = 2', [registered.slice(0, 5).map((p) => p.id)]);
    expect(trainers).toBe(5);
    // People stay with their home node and the hub: no city holds another node's.
    for (const city of CITIES) {
      expect(await count(net.node(city), 'practice', 'SELECT 1 FROM people WHERE member_id <> $1', [memberOf[city]])).toBe(0);
    }

    // Each event of Ravenna's was applied once: one inbox row per event at the hub, and the
    // hub's record of the network holds each of Ravenna's events once.
    const ravennaEvents = await count(ravenna, 'membership', 'SELECT 1 FROM outbox');
    const applied = await count(net.hub, 'practice', "SELECT DISTINCT event_id FROM inbox WHERE event_type LIKE 'membership.person.%'");
    const rows = await count(net.hub, 'practice', "SELECT event_id FROM inbox WHERE event_type LIKE 'membership.person.%'");
    expect(rows).toBe(applied);
    const nc = await net.hub.connectNats();
    try {
      const ids = new Map<string, number>();
      const jsm = await jetstreamManager(nc);
      for (const stream of [`${net.ns.streamPrefix}MEMBERSHIP`, `${net.ns.streamPrefix}PEOPLE`]) {
        const { state } = await jsm.streams.info(stream);
        for (let seq = state.first_seq; seq <= state.last_seq; seq++) {
          const m = await jsm.streams.getMessage(stream, { seq });
          const e = m!.json<{ id: string; origin: string }>();
          if (e.origin === 'ravenna') ids.set(e.id, (ids.get(e.id) ?? 0) + 1);
        }
      }
      expect(ids.size).toBe(ravennaEvents);
      expect([...ids.values()].every((n) => n === 1)).toBe(true);
    } finally {
      await nc.close();
    }
  });

  it('refuses, with the reason, events a city node forges about data that is not its own', async () => {
    const ravenna = net.node('ravenna');
    const nc = await ravenna.connectNats();
    try {
      const js = jetstream(nc);
      const forged = (type: string, aggregateType: string, origin: string, data: object) => ({
        id: uuidv7(),
        type,
        version: 1,
        occurredAt: new Date().toISOString(),
        origin,
        aggregate: { type: aggregateType, id: uuidv7(), version: 1 },
        actor: { kind: 'person', id: 'mallory' },
        correlationId: uuidv7(),
        causationId: null,
        data,
      });
      const personData = (memberId: string) => ({ personId: uuidv7(), memberId, givenName: 'Mallory', familyName: 'Forged', email: 'mallory@example.org', functions: [], preferredLanguage: 'en' });
      const attempts = [
        forged('membership.person.registered', 'person', 'offenbach', personData(memberOf.offenbach)),
        forged('membership.person.registered', 'person', 'ravenna', personData(memberOf.offenbach)),
        forged('membership.network.updated', 'network', 'ravenna', { networkId, slug: 'eurocities', name: 'Taken over' }),
      ];
      for (const e of attempts) await js.publish(eventSubject(e.type, net.ns), JSON.stringify(e), { msgID: e.id });

      const hubNc = await net.hub.connectNats();
      try {
        const jsm = await jetstreamManager(hubNc);
        const deadLetters = `${net.ns.streamPrefix}DEAD_LETTER`;
        const reasons = await waitFor(
          async () => {
            const found: string[] = [];
            const { state } = await jsm.streams.info(deadLetters);
            for (let seq = state.first_seq; seq <= state.last_seq && state.messages > 0; seq++) {
              const m = await jsm.streams.getMessage(deadLetters, { seq });
              if (m && attempts.some((a) => m.json<{ id: string }>().id === a.id)) found.push(m.header.get('Intercity-Dead-Letter-Reason'));
            }
            return found.length === attempts.length ? found.sort() : undefined;
          },
          { timeoutMs: 30_000, description: 'the forged events in the hub’s dead-letter stream' },
        );
        expect(reasons).toEqual(
          [
            'from ravenna: origin offenbach is not the node it came from (ravenna)',
            `from ravenna: member ${memberOf.offenbach} is homed on offenbach, not on ravenna`,
            'from ravenna: network is homed at the hub (hub); ravenna may not write it',
          ].sort(),
        );
        expect(await count(net.hub, 'practice', "SELECT 1 FROM people WHERE given_name = 'Mallory'")).toBe(0);
        expect(await count(net.node('offenbach'), 'practice', "SELECT 1 FROM people WHERE given_name = 'Mallory'")).toBe(0);

        // Nor can it reach past the gate into the hub's own streams: its leaf user may not.
        const before = (await jsm.streams.info(`${net.ns.streamPrefix}MEMBERSHIP`)).state;
        await expect(jetstreamManager(nc, { domain: HUB, timeout: 1_000 })).rejects.toThrow(/no responders|timeout|permission|not enabled/i);
        const hubApi = await jetstreamManager(nc, { domain: HUB, timeout: 1_000, checkAPI: false });
        await expect(hubApi.streams.purge(`${net.ns.streamPrefix}MEMBERSHIP`)).rejects.toThrow();
        // A consumer of its own on the hub could deliver into a subject a hub stream captures.
        await expect(
          hubApi.consumers.add(`${net.ns.streamPrefix}MEMBERSHIP`, { deliver_subject: `${net.ns.subjectPrefix}membership.person.updated` }),
        ).rejects.toThrow();
        // Nor can it take another city's feed.
        const offenbachFeed = jetstream(nc, { domain: HUB, timeout: 1_000 }).consumers.get(`${net.ns.streamPrefix}MEMBERSHIP`, 'TO_OFFENBACH');
        await expect(offenbachFeed).rejects.toThrow();
        expect((await jsm.streams.info(`${net.ns.streamPrefix}MEMBERSHIP`)).state.messages).toBe(before.messages);
      } finally {
        await hubNc.close();
      }
    } finally {
      await nc.close();
    }
  });

  it('forgets a person erased at their home node there and at the hub', async () => {
    const ravenna = net.node('ravenna');
    const luca = await created(ravenna, 'people', person(memberOf.ravenna, 400, 'ravenna'));
    const known = (id: string) => count(net.node(id), 'practice', 'SELECT 1 FROM people WHERE id = $1 AND given_name IS NOT NULL', [luca.id]);
    for (const id of [HUB, 'ravenna']) await waitFor(async () => (await known(id)) === 1, { timeoutMs: 30_000, description: `${id} to know the person` });

    const res = await ravenna.http('membership').post(`/api/membership/people/${luca.id}/erasure`).set('Authorization', `Bearer ${token}`).send();
    expect(res.status).toBe(200);
    for (const id of [HUB, 'ravenna']) {
      await waitFor(async () => (await count(net.node(id), 'practice', 'SELECT 1 FROM people WHERE id = $1 AND erased AND given_name IS NULL AND email IS NULL', [luca.id])) === 1, {
        timeoutMs: 30_000,
        description: `${id} to forget the person`,
      });
    }
    expect(await count(net.node('offenbach'), 'practice', 'SELECT 1 FROM people WHERE id = $1', [luca.id])).toBe(0);
  });
});
