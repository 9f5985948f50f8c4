import * as ical from 'node-ical';
import { addDays } from '@intercity/domain';
import { ExchangeWorld, ExchangesNode } from './support/exchanges-node';
import { expectProblem, ok } from './support/exchanges-fixtures';

const events = (text: string) =>
  Object.values(ical.sync.parseICS(text))
    .filter((c): c is ical.VEvent => c.type === 'VEVENT')
    .sort((a, b) => a.start.getTime() - b.start.getTime() || a.uid.localeCompare(b.uid));

/** node-ical reads a DATE value as local midnight: its local components are the date written. */
const day = (d: Date) => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;

interface Window {
  start: string;
  end: string;
  days: string[];
}
interface Candidate {
  visitOne: Window;
  visitTwo: Window;
}

describe('iCalendar feeds of visits', () => {
  const node = new ExchangesNode();
  let world: ExchangeWorld;

  beforeAll(async () => {
    await node.startAll();
    world = await node.givenWorld();
    node.setToday('2026-03-02');
  });
  afterAll(() => node.stop());

  /** An agreed pairing of Offenbach with an implementing city, and the assistant's first two date candidates. */
  const agreedPairing = async (implementing: string, from: string): Promise<{ id: string; visits: { id: string }[]; candidates: Candidate[] }> => {
    const x = node.exchanges;
    const pairing = await ok<{ id: string; visits: { id: string }[] }>(
      x.http.post(x.path('pairings')).send({ communityId: world.communityId, mentoringMemberId: world.offenbach, implementingMemberId: implementing }),
      'propose',
      201,
    );
    await ok(x.http.post(x.path(`pairings/${pairing.id}/cities/${world.offenbach}/accept`)), 'accept');
    await ok(x.http.post(x.path(`pairings/${pairing.id}/cities/${implementing}/accept`)), 'accept');
    const { candidates } = await ok<{ candidates: Candidate[] }>(
      x.http.get(x.path(`pairings/${pairing.id}/proposals`)).query({ from, to: '2026-12-31', maxCandidates: 2 }),
      'proposals',
    );
    return { ...pairing, candidates };
  };
  const schedule = (id: string, c: Candidate) =>
    ok(node.exchanges.http.put(node.exchanges.path(`pairings/${id}/schedule`)).send({ visitOne: { start: c.visitOne.start, end: c.visitOne.end }, visitTwo: { start: c.visitTwo.start, end: c.visitTwo.end } }), 'schedule');

  const feedAt = async (path: string, token?: string) => {
    const x = node.exchanges;
    const res = await (token === undefined ? x.http : x.as(token)).get(path).expect(200);
    expect(res.headers['content-type']).toBe('text/calendar; charset=utf-8');
    return { text: res.text as string, etag: res.headers.etag as string, events: events(res.text) };
  };
  const secretPath = (url: string) => new URL(url).pathname;

  it("serves a city's visits as all-day events to its liaison and behind its secret link, keeping UIDs and raising SEQUENCE on a reschedule", async () => {
    const x = node.exchanges;
    const ravenna = await node.liaisonOf(world, world.ravenna);
    const [r1] = await node.givenPeople(world.ravenna, 1);
    const pairing = await agreedPairing(world.ravenna, '2026-04-13');
    const [first, second] = pairing.candidates;
    const [one, two] = pairing.visits.map((v) => v.id);
    // Not dated yet: nothing to show.
    expect((await feedAt(x.path(`cities/${world.ravenna}/calendar.ics`), ravenna)).events).toEqual([]);

    await schedule(pairing.id, first);
    await ok(x.http.put(x.path(`pairings/${pairing.id}/visits/1/visitors`)).send({ personIds: [r1] }), 'visitors');
    await ok(
      x.http.put(x.path(`pairings/${pairing.id}/visits/1/programme`)).send({ items: [{ day: first.visitOne.start, time: '09:30', place: 'Kreishaus Dietzenbach', topic: 'The welcome centre' }] }),
      'programme',
    );

    const before = await feedAt(x.path(`cities/${world.ravenna}/calendar.ics`), ravenna);
    expect(before.events.map((e) => [e.uid, e.status, e.datetype, day(e.start), day(e.end), e.summary])).toEqual([
      [one, 'CONFIRMED', 'date', first.visitOne.start, addDays(first.visitOne.end, 1), 'Staff exchange: Ravenna visits Kreis Offenbach (visit 1 of 2)'],
      [two, 'CONFIRMED', 'date', first.visitTwo.start, addDays(first.visitTwo.end, 1), 'Staff exchange: Kreis Offenbach visits Ravenna (visit 2 of 2)'],
    ]);
    expect(before.text).toContain(`DTSTART;VALUE=DATE:${first.visitOne.start.replace(/-/g, '')}`);
    expect(before.text).not.toMatch(/^DTSTART:/m);
    const [v1] = before.events;
    expect(v1.description).toContain('Host city: Kreis Offenbach\nVisitors from: Ravenna\nCommunity of practice: One-stop-shops');
    expect(v1.description).toContain(`Working days (Europe/Berlin): `);
    for (const d of first.visitOne.days) expect(v1.description).toContain(d);
    expect(v1.description).toContain(`Programme:\n- ${first.visitOne.start} 09:30 The welcome centre (Kreishaus Dietzenbach)`);
    // Offenbach hosts visit one and sends staff on visit two: both are in its feed too.
    expect((await feedAt(x.path(`cities/${world.offenbach}/calendar.ics`))).events.map((e) => e.uid)).toEqual(expect.arrayContaining([one, two]));

    // A client whose copy is current gets a 304.
    const same = await x.as(ravenna).get(x.path(`cities/${world.ravenna}/calendar.ics`)).set('If-None-Match', before.etag).expect(304);
    expect(same.text ?? '').toBe('');

    // The city's liaison issues the city's secret link; not another city's.
    const refused = await x.as(ravenna).post(x.path(`cities/${world.offenbach}/calendar-token`)).expect(403);
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
    const link = await x.as(ravenna).post(x.path(`cities/${world.ravenna}/calendar-token`)).expect(201);
    expect(secretPath(link.body.url)).toMatch(new RegExp(`^${x.path('calendar/')}[A-Za-z0-9_-]{43}\\.ics$`));
    expect((await feedAt(secretPath(link.body.url), '')).text).toBe(before.text);

    // Visit one moves to the assistant's second candidate: same UIDs, higher SEQUENCE, new dates.
    await schedule(pairing.id, second);
    const after = await feedAt(secretPath(link.body.url), '');
    expect(after.events.map((e) => e.uid)).toEqual([one, two]);
    expect(after.events.map((e) => day(e.start))).toEqual([second.visitOne.start, second.visitTwo.start]);
    after.events.forEach((e, i) => expect(Number(e.sequence)).toBeGreaterThan(Number(before.events[i].sequence)));
    expect(after.events.map((e) => e.status)).toEqual(['CONFIRMED', 'CONFIRMED']);
    expect(after.etag).not.toBe(before.etag);

    // A new link replaces the old one.
    await x.as(ravenna).post(x.path(`cities/${world.ravenna}/calendar-token`)).expect(201);
    expectProblem(await x.as('').get(secretPath(link.body.url)), 404, 'calendar.link.exists');
  });

  it("serves a person's visits behind their secret link, and carries a cancelled pairing's visits as STATUS:CANCELLED", async () => {
    const x = node.exchanges;
    const [c1, c2] = await node.givenPeople(world.cartagena, 2);
    const pairing = await agreedPairing(world.cartagena, '2026-09-07');
    const [one] = pairing.visits.map((v) => v.id);
    await schedule(pairing.id, pairing.candidates[0]);
    await ok(x.http.put(x.path(`pairings/${pairing.id}/visits/1/visitors`)).send({ personIds: [c1] }), 'visitors');

    // The person themselves, or their city's liaison, gets the link; another city's liaison does not.
    const offenbach = await node.liaisonOf(world, world.offenbach);
    await x.as(offenbach).post(x.path(`people/${c1}/calendar-token`)).expect(403);
    const someoneElse = await x.tokenFor(c2, { role: 'viewer', networkId: world.networkId, memberId: world.cartagena });
    await x.as(someoneElse).post(x.path(`people/${c1}/calendar-token`)).expect(403);
    const self = await x.tokenFor(c1, { role: 'viewer', networkId: world.networkId, memberId: world.cartagena });
    const link = await x.as(self).post(x.path(`people/${c1}/calendar-token`)).expect(201);
    expect(link.body.personId).toBe(c1);
    const secret = secretPath(link.body.url).split('/').pop()!.replace(/\.ics$/, '');
    const [{ hashed, plain }] = await x.db.query(
      `SELECT count(*) FILTER (WHERE secret_hash = encode(sha256(convert_to($1::text, 'UTF8')), 'hex'))::int AS hashed, count(*) FILTER (WHERE secret_hash = $1::text)::int AS plain FROM calendar_tokens`,
      [secret],
    );
    expect({ hashed, plain }).toEqual({ hashed: 1, plain: 0 });

    const live = await feedAt(secretPath(link.body.url), '');
    expect(live.events.map((e) => [e.uid, e.status])).toEqual([[one, 'CONFIRMED']]);

    await ok(x.http.post(x.path(`pairings/${pairing.id}/cancel`)).send({ reason: 'Cartagena left the community' }), 'cancel');
    const gone = await feedAt(secretPath(link.body.url), '');
    expect(gone.events.map((e) => [e.uid, e.status])).toEqual([[one, 'CANCELLED']]);
    expect(Number(gone.events[0].sequence)).toBeGreaterThan(Number(live.events[0].sequence));
    expect(gone.events[0].description).toMatch(/^Cancelled: Cartagena left the community\n\nHost city: Kreis Offenbach/);
    const city = await feedAt(x.path(`cities/${world.cartagena}/calendar.ics`));
    expect(city.events.filter((e) => pairing.visits.some((v) => v.id === e.uid)).map((e) => e.status)).toEqual(['CANCELLED', 'CANCELLED']);
  });

  it('refuses anonymous readers of a city feed, and answers an unknown link with 404', async () => {
    const x = node.exchanges;
    const anonymous = await x.as('').get(x.path(`cities/${world.ravenna}/calendar.ics`)).expect(401);
    expect(anonymous.headers['content-type']).toMatch(/^application\/problem\+json/);
    expectProblem(await x.as('').get(x.path(`calendar/${'A'.repeat(43)}.ics`)), 404, 'calendar.link.exists');
    await x.as('').get(x.path('calendar/not-a-secret.ics')).expect(404);
    await x.http.get(x.path(`cities/00000000-0000-4000-8000-000000000000/calendar.ics`)).expect(404);
  });
});
