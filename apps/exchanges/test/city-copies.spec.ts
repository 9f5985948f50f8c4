import { v7 as uuidv7 } from 'uuid';
import { CalendarTokens } from '@intercity/platform';
import { expectRuleProblem, tableDigest } from '@intercity/service-testing';
import { waitFor } from '@intercity/testing';
import { givenCommunity, ok } from './support/exchanges-fixtures';
import { CITY_NODE_ID, ExchangesCityNode, HUB_BASE_URL, HubEnvelope } from './support/exchanges-city-node';
import { ExchangeWorld, ExchangesNode } from './support/exchanges-node';

const COPIES = ['pairing_copies', 'blackout_copies'] as const;

/** A copy answers with the hub's body; only its instants are the hub's event times, not its clock's. */
const sameAs = (hub: unknown): unknown => {
  if (Array.isArray(hub)) return hub.map(sameAs);
  if (hub && typeof hub === 'object') {
    return Object.fromEntries(Object.entries(hub).map(([k, v]) => [k, k === 'createdAt' || k === 'updatedAt' ? expect.any(String) : sameAs(v)]));
  }
  return hub;
};

/** A feed's text with the instants it is stamped with left out: the hub's clock, or its events' times. */
const withoutStamps = (ics: string) =>
  ics
    .split('\r\n')
    .filter((l) => !/^(DTSTAMP|LAST-MODIFIED):/.test(l))
    .join('\r\n');

interface Window {
  start: string;
  end: string;
}

/**
 * Ravenna runs its own node. The hub's exchanges writes the network's pairings (the hub here is a
 * standalone node: its outbox holds what a hub's exchanges publishes); Ravenna's exchanges keeps
 * copies from those events in its network stream and answers its liaison's reads from them, with
 * no way to reach the hub.
 */
describe("exchanges on a city node, from its copies of the hub's exchanges", () => {
  const hub = new ExchangesNode();
  const city = new ExchangesCityNode();
  let world: ExchangeWorld;
  let ravennaPairing: string;
  let cartagenaPairing: string;
  let ravennan: string;
  let elections: string;
  const forwarded = new Set<string>();

  /** Everything the hub's membership, practice and exchanges wrote that the city has not been sent yet. */
  async function forwardNew(): Promise<HubEnvelope[]> {
    const all = [...(await hub.membership.events()), ...(await hub.practice.events()), ...(await hub.exchanges.events())]
      .map((e) => e.envelope as HubEnvelope)
      .filter((e) => !forwarded.has(e.id));
    await city.fromHub(all);
    all.forEach((e) => forwarded.add(e.id));
    return all;
  }

  const cityLiaison = () => city.exchanges.tokenFor('francesca.ricci@ravenna.example.org', { role: 'city-liaison', networkId: world.networkId, memberId: world.ravenna });

  /** Both sides' answer to a GET as Ravenna's liaison (each node's own token for the same grant). */
  async function both(path: string, query: Record<string, string | number> = {}, cityToken?: string) {
    const atHub = await hub.exchanges.as(await hub.liaisonOf(world, world.ravenna)).get(hub.exchanges.path(path)).query(query);
    const atCity = await city.exchanges.as(cityToken ?? (await cityLiaison())).get(city.exchanges.path(path)).query(query);
    return { atHub, atCity };
  }

  /** Waits until the city has applied everything forwarded so far. */
  async function settled(): Promise<void> {
    await city.drained('membership');
    await city.drained('practice');
    await city.drained('exchanges');
  }

  beforeAll(async () => {
    await Promise.all([hub.startAll(), city.startExchanges()]);
    world = await hub.givenWorld();
    hub.setToday('2026-03-02');
    const x = hub.exchanges;
    [ravennan] = await hub.givenPeople(world.ravenna, 1);

    ravennaPairing = (
      await ok<{ id: string }>(x.http.post(x.path('pairings')).send({ communityId: world.communityId, mentoringMemberId: world.offenbach, implementingMemberId: world.ravenna }), 'proposing', 201)
    ).id;
    await ok(x.http.post(x.path(`pairings/${ravennaPairing}/cities/${world.offenbach}/accept`)), 'accepting for Offenbach');
    await ok(x.http.post(x.path(`pairings/${ravennaPairing}/cities/${world.ravenna}/accept`)), 'accepting for Ravenna');
    const { candidates } = await ok<{ candidates: { visitOne: Window; visitTwo: Window }[] }>(
      x.http.get(x.path(`pairings/${ravennaPairing}/proposals`)).query({ from: '2026-04-13', to: '2026-12-31', maxCandidates: 1 }),
      'proposals',
    );
    const [first] = candidates;
    await ok(x.http.put(x.path(`pairings/${ravennaPairing}/schedule`)).send({ visitOne: { start: first.visitOne.start, end: first.visitOne.end }, visitTwo: { start: first.visitTwo.start, end: first.visitTwo.end } }), 'scheduling');
    await ok(x.http.put(x.path(`pairings/${ravennaPairing}/visits/1/visitors`)).send({ personIds: [ravennan] }), 'naming the visitors');
    await ok(
      x.http.put(x.path(`pairings/${ravennaPairing}/visits/1/programme`)).send({ items: [{ day: first.visitOne.start, time: '09:30', place: 'Kreishaus Dietzenbach', topic: 'The welcome centre' }] }),
      'setting the programme',
    );
    cartagenaPairing = (
      await ok<{ id: string }>(x.http.post(x.path('pairings')).send({ communityId: world.communityId, mentoringMemberId: world.offenbach, implementingMemberId: world.cartagena }), 'proposing', 201)
    ).id;
    const blackout = async (memberId: string, from: string, to: string, reason: string) =>
      (await ok<{ id: string }>(x.http.post(x.path(`cities/${memberId}/blackouts`)).send({ from, to, reason }), `closing ${from}`, 201)).id;
    await blackout(world.ravenna, '2026-08-03', '2026-08-21', 'summer closure');
    elections = await blackout(world.ravenna, '2026-10-05', '2026-10-09', 'local elections');
    await blackout(world.offenbach, '2026-07-01', '2026-07-03', 'Hessentag');
    await forwardNew();
  }, 120_000);
  afterAll(async () => {
    await hub.stop();
    await city.stop();
  });

  it("answers the city's liaison with the hub's pairings: the list with its filters and paging, and each pairing with its visits", async () => {
    const liaison = await cityLiaison();
    // The programme is the hub's last change of Ravenna's pairing: once the city shows it, it has the rest.
    await waitFor(async () => (await city.exchanges.as(liaison).get(city.exchanges.path(`pairings/${ravennaPairing}`))).body.visits?.[0]?.programme?.length === 1, {
      description: "the copy of Ravenna's pairing with its programme",
      timeoutMs: 30_000,
    });
    await settled();

    for (const path of [`pairings/${ravennaPairing}`, `pairings/${cartagenaPairing}`]) {
      const { atHub, atCity } = await both(path);
      expect({ path, status: atCity.status }).toEqual({ path, status: 200 });
      expect(atCity.body).toEqual(sameAs(atHub.body));
      // A pairing's ETag is its version, the hub's.
      expect({ path, etag: atCity.headers.etag }).toEqual({ path, etag: atHub.headers.etag });
    }
    const queries: Record<string, string | number>[] = [
      {},
      { memberId: world.ravenna },
      { memberId: world.bologna },
      { status: 'proposed' },
      { status: 'scheduled', communityId: world.communityId },
      { limit: 1, offset: 1 },
      { limit: 1, offset: 5 },
    ];
    for (const query of queries) {
      const { atHub, atCity } = await both('pairings', query);
      expect({ query, status: atCity.status }).toEqual({ query, status: 200 });
      expect({ query, body: atCity.body }).toEqual({ query, body: sameAs(atHub.body) });
    }
    const { body: list } = await both('pairings').then((b) => b.atCity);
    expect(list.items.map((p: { id: string }) => p.id)).toEqual([ravennaPairing, cartagenaPairing]);
    expect(list.total).toBe(2);
    const { body: pairing } = await city.exchanges.as(liaison).get(city.exchanges.path(`pairings/${ravennaPairing}`));
    expect(pairing).toMatchObject({
      status: 'scheduled',
      acceptedBy: [world.offenbach, world.ravenna],
      visits: [{ number: 1, visitorIds: [ravennan], status: 'scheduled', pairingId: ravennaPairing }, { number: 2, pairingId: ravennaPairing }],
    });
    // Dated from the hub's events: created when the hub proposed it, updated at its latest version.
    expect(new Date(pairing.createdAt).getTime()).toBeLessThan(new Date(pairing.updatedAt).getTime());
  });

  it("shows another network's liaison none of them, as the hub does", async () => {
    await settled();
    const stranger = await city.exchanges.tokenFor('someone@elsewhere.example.org', { role: 'city-liaison', networkId: uuidv7(), memberId: uuidv7() });
    const list = await city.exchanges.as(stranger).get(city.exchanges.path('pairings')).expect(200);
    expect(list.body).toMatchObject({ items: [], total: 0 });
    expectRuleProblem(await city.exchanges.as(stranger).get(city.exchanges.path(`pairings/${ravennaPairing}`)), 404, 'pairing.exists');
  });

  it("answers with each city's blackouts as the hub holds them", async () => {
    const liaison = await cityLiaison();
    await waitFor(async () => (await city.exchanges.as(liaison).get(city.exchanges.path(`cities/${world.offenbach}/blackouts`))).body.length === 1, {
      description: "the copy of Offenbach's blackout",
      timeoutMs: 30_000,
    });
    await settled();
    for (const memberId of [world.ravenna, world.offenbach, world.cartagena]) {
      const { atHub, atCity } = await both(`cities/${memberId}/blackouts`);
      expect({ memberId, status: atCity.status }).toEqual({ memberId, status: 200 });
      expect(atCity.body).toEqual(sameAs(atHub.body));
    }
    const { atCity } = await both(`cities/${world.ravenna}/blackouts`);
    expect(atCity.body.map((b: { from: string; reason: string }) => [b.from, b.reason])).toEqual([
      ['2026-08-03', 'summer closure'],
      ['2026-10-05', 'local elections'],
    ]);
  });

  it('drops a blackout the hub removed, and a stale addition does not bring it back', async () => {
    await settled();
    await hub.exchanges.http.delete(hub.exchanges.path(`cities/${world.ravenna}/blackouts/${elections}`)).expect(204);
    const removal = (await forwardNew()).filter((e) => e.type === 'exchanges.blackout.removed');
    expect(removal).toHaveLength(1);
    await city.applied(removal.map((e) => e.id));
    const reasons = async () => (await both(`cities/${world.ravenna}/blackouts`)).atCity.body.map((b: { reason: string }) => b.reason);
    expect(await reasons()).toEqual(['summer closure']);
    const { atHub, atCity } = await both(`cities/${world.ravenna}/blackouts`);
    expect(atCity.body).toEqual(sameAs(atHub.body));

    const added = (await hub.exchanges.events(elections)).map((e) => e.envelope as HubEnvelope).find((e) => e.type === 'exchanges.blackout.added')!;
    const stale = { ...added, id: uuidv7() };
    await city.fromHub([stale]);
    await city.applied([stale.id]);
    expect(await reasons()).toEqual(['summer closure']);
  });

  it("serves each city's visit calendar from the copies: the hub's events, names and programme", async () => {
    await settled();
    for (const memberId of [world.ravenna, world.offenbach, world.cartagena]) {
      const { atHub, atCity } = await both(`cities/${memberId}/calendar.ics`);
      expect({ memberId, status: atCity.status, type: atCity.headers['content-type'] }).toEqual({ memberId, status: 200, type: 'text/calendar; charset=utf-8' });
      expect(withoutStamps(atCity.text)).toBe(withoutStamps(atHub.text));
    }
    const { atCity } = await both(`cities/${world.ravenna}/calendar.ics`);
    const { body: pairing } = await both(`pairings/${ravennaPairing}`).then((b) => b.atCity);
    expect(atCity.text.match(/^UID:.*$/gm)).toEqual(pairing.visits.map((v: { id: string }) => `UID:${v.id}`));
    expect(atCity.text).toContain('SUMMARY:Staff exchange: Ravenna visits Kreis Offenbach (visit 1 of 2)');
    expect(atCity.text).toContain(`SEQUENCE:${pairing.version}`);
    const unfolded = atCity.text.replace(/\r\n /g, '');
    expect(unfolded).toContain('Community of practice: One-stop-shops');
    expect(unfolded).toContain('The welcome centre (Kreishaus Dietzenbach)');
    // A client whose copy is current gets a 304, as at the hub.
    await city.exchanges.as(await cityLiaison()).get(city.exchanges.path(`cities/${world.ravenna}/calendar.ics`)).set('If-None-Match', atCity.headers.etag).expect(304);
  });

  it("serves a person's visits behind a secret link the city node holds, from the copies", async () => {
    await settled();
    await waitFor(async () => (await city.exchanges.db.query(`SELECT 1 FROM people WHERE id = $1`, [ravennan])).length === 1, { description: "the city's copy of its staff member" });
    const atHub = await hub.exchanges.http.post(hub.exchanges.path(`people/${ravennan}/calendar-token`)).expect(201);
    const hubFeed = await hub.exchanges.as('').get(new URL(atHub.body.url).pathname).expect(200);
    // A link is a node's own (only its hash is kept, and no event carries it); a city can't issue
    // one over HTTP (409 node.home), so the node's operator puts it in its table.
    const secret = await new CalendarTokens(city.exchanges.db, { table: 'calendar_tokens', keys: ['feed', 'subject_id'] }).issue({ feed: 'person', subject_id: ravennan }, uuidv7(), new Date());
    const cityFeed = await city.exchanges.as('').get(city.exchanges.path(`calendar/${secret}.ics`)).expect(200);
    expect(cityFeed.text.match(/^UID:.*$/gm)).toHaveLength(1);
    expect(withoutStamps(cityFeed.text)).toBe(withoutStamps(hubFeed.text));
  });

  it("proposes the hub's windows from the copies, blackouts and the visitors' other visits counted, so a liaison plans offline", async () => {
    const x = hub.exchanges;
    // Ravenna's visitor of the first pairing is named for a second pairing, in another community.
    const community = await givenCommunity(hub, world, [world.ravenna]);
    const second = (
      await ok<{ id: string }>(x.http.post(x.path('pairings')).send({ communityId: community, mentoringMemberId: world.offenbach, implementingMemberId: world.ravenna }), 'proposing', 201)
    ).id;
    await ok(x.http.post(x.path(`pairings/${second}/cities/${world.offenbach}/accept`)), 'accepting for Offenbach');
    await ok(x.http.post(x.path(`pairings/${second}/cities/${world.ravenna}/accept`)), 'accepting for Ravenna');
    await ok(x.http.put(x.path(`pairings/${second}/visits/1/visitors`)).send({ personIds: [ravennan] }), 'naming the visitors');
    const sent = await forwardNew();
    await city.applied(sent.filter((e) => e.type.startsWith('exchanges.')).map((e) => e.id));
    await settled();

    const codes = (body: { skipped: { reasons: { code: string }[] }[] }) => new Set(body.skipped.flatMap((s) => s.reasons.map((r) => r.code)));
    for (const [id, from] of [
      [ravennaPairing, '2026-04-01'],
      [second, '2026-04-01'],
      [second, '2026-07-27'],
    ]) {
      const { atHub, atCity } = await both(`pairings/${id}/proposals`, { from, to: '2026-12-31', maxCandidates: 3 });
      expect({ id, from, status: atCity.status }).toEqual({ id, from, status: 200 });
      expect({ id, from, body: atCity.body }).toEqual({ id, from, body: atHub.body });
      expect(atCity.body.candidates).toHaveLength(3);
    }
    // What the city's answers rest on: the first pairing's visit (copied) keeps Ravenna's visitor
    // busy in April, and Ravenna's summer closure (copied) keeps both visits out of August.
    expect(codes((await both(`pairings/${second}/proposals`, { from: '2026-04-01', to: '2026-12-31', maxCandidates: 3 })).atCity.body).has('visitor-busy')).toBe(true);
    const august = codes((await both(`pairings/${second}/proposals`, { from: '2026-07-27', to: '2026-12-31', maxCandidates: 3 })).atCity.body);
    expect([...august].some((c) => c.endsWith('blackout'))).toBe(true);
  });

  it('refuses writes with 409 naming the hub, and leaves the copies as they are', async () => {
    await settled();
    const liaison = await cityLiaison();
    const before = await tableDigest(city.exchanges.db, COPIES);
    for (const res of [
      await city.exchanges.as(liaison).post(city.exchanges.path(`pairings/${cartagenaPairing}/cities/${world.ravenna}/accept`)),
      await city.exchanges.as(liaison).post(city.exchanges.path(`pairings/${ravennaPairing}/cancel`)).send({ reason: 'Offline' }),
      await city.exchanges.as(liaison).post(city.exchanges.path(`cities/${world.ravenna}/blackouts`)).send({ from: '2026-12-21', to: '2026-12-31', reason: 'Christmas' }),
      await city.exchanges.as(liaison).delete(city.exchanges.path(`cities/${world.ravenna}/blackouts/${elections}`)),
      await city.exchanges.as(liaison).post(city.exchanges.path(`cities/${world.ravenna}/calendar-token`)),
    ]) {
      expectRuleProblem(res, 409, 'node.home');
      expect(res.body.homeNode).toEqual({ id: 'hub', baseUrl: HUB_BASE_URL });
      expect(res.body.detail).toContain(CITY_NODE_ID);
    }
    expect(await tableDigest(city.exchanges.db, COPIES)).toEqual(before);
    expect(await city.exchanges.count('pairings')).toBe(0);
    expect(await city.exchanges.count('blackouts')).toBe(0);
  });

  it('changes nothing when the hub events come again, or a stale one comes under a new id', async () => {
    await settled();
    const before = await tableDigest(city.exchanges.db, COPIES);
    const own = (await hub.exchanges.events()).map((e) => e.envelope as HubEnvelope);

    // Redelivered: the same events, the same ids.
    await city.fromHub(own);
    await city.drained('exchanges');
    expect(await tableDigest(city.exchanges.db, COPIES)).toEqual(before);

    // Stale: Ravenna's pairing as proposed (version 1) and as scheduled, told again as new events.
    const proposed = own.find((e) => e.type === 'exchanges.pairing.proposed' && (e.aggregate as { id: string }).id === ravennaPairing)!;
    const scheduled = own.find((e) => e.type === 'exchanges.visit.scheduled')!;
    const stale = [proposed, scheduled].map((e) => ({ ...e, id: uuidv7() }));
    await city.fromHub(stale);
    await city.applied(stale.map((e) => e.id));
    expect(await tableDigest(city.exchanges.db, COPIES)).toEqual(before);
  });

  it("ends at the hub's newest state when a pairing's events arrive newest first", async () => {
    const x = hub.exchanges;
    await ok(x.http.post(x.path(`pairings/${cartagenaPairing}/cities/${world.offenbach}/accept`)), 'accepting for Offenbach');
    await ok(x.http.post(x.path(`pairings/${cartagenaPairing}/cities/${world.cartagena}/accept`)), 'accepting for Cartagena');
    const newest = (await x.events(cartagenaPairing)).map((e) => e.envelope as HubEnvelope).filter((e) => !forwarded.has(e.id));
    expect(newest.map((e) => e.type)).toEqual(['exchanges.pairing.accepted', 'exchanges.pairing.accepted', 'exchanges.pairing.agreed']);

    await city.fromHub([...newest].reverse());
    newest.forEach((e) => forwarded.add(e.id));
    await city.applied(newest.map((e) => e.id));

    const { atHub, atCity } = await both(`pairings/${cartagenaPairing}`);
    expect(atCity.body).toEqual(sameAs(atHub.body));
    expect(atCity.body).toMatchObject({ status: 'agreed', version: 3, acceptedBy: [world.offenbach, world.cartagena] });
    // Still dated from the proposal, the first version the city saw.
    const [{ created_at }] = await city.exchanges.db.query(`SELECT created_at FROM pairing_copies WHERE id = $1`, [cartagenaPairing]);
    const proposal = (await x.events(cartagenaPairing))[0].envelope as HubEnvelope & { occurredAt: string };
    expect(new Date(created_at).toISOString()).toBe(proposal.occurredAt);
  });
});
