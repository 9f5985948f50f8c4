import * as ical from 'node-ical';
import { at, created, givenCommunity, givenOpenActivity, HOUR, PracticeNode, World, workshop } from './support/practice-node';

const events = (text: string) =>
  Object.values(ical.sync.parseICS(text))
    .filter((c): c is ical.VEvent => c.type === 'VEVENT')
    .sort((a, b) => a.start.getTime() - b.start.getTime() || a.uid.localeCompare(b.uid));

/** Sessions at fixed instants: 09:00–13:00 in Rome (CEST, UTC+2) on 10 and 11 July 2030. */
const ROME_SESSIONS = [
  { startsAt: '2030-07-10T07:00:00.000Z', endsAt: '2030-07-10T11:00:00.000Z' },
  { startsAt: '2030-07-11T07:00:00.000Z', endsAt: '2030-07-11T11:00:00.000Z' },
];

describe('iCalendar feeds over HTTP', () => {
  const node = new PracticeNode();
  let world: World;
  let communityId: string;

  beforeAll(async () => {
    await node.startBoth();
    world = await node.givenWorld();
    communityId = await givenCommunity(node, world);
  });
  afterAll(() => node.stop());

  const feed = async (path: string) => {
    const p = node.practice;
    const res = await p.http.get(p.path(path)).expect(200);
    expect(res.headers['content-type']).toBe('text/calendar; charset=utf-8');
    return events(res.text);
  };

  it("serves a community's activities in a real parser, in the right time, keeping UIDs across a reschedule", async () => {
    const p = node.practice;
    const { id } = await created(
      p.http.post(p.path('activities')).send(
        workshop(communityId, world.ravenna, { title: 'Rome-time workshop', sessions: ROME_SESSIONS, registrationWindow: { opensAt: at(-HOUR), closesAt: '2030-07-01T00:00:00.000Z' } }),
      ),
      'activity',
    );
    // A draft is not announced yet.
    expect((await feed(`communities/${communityId}/calendar.ics`)).filter((e) => e.summary.startsWith('Rome-time'))).toEqual([]);
    const opened = await p.http.post(p.path(`activities/${id}/open`)).expect(200);
    const [s1, s2] = opened.body.sessions as { id: string }[];

    const before = (await feed(`communities/${communityId}/calendar.ics`)).filter((e) => e.summary.startsWith('Rome-time'));
    expect(before.map((e) => [e.uid, e.sequence, e.status, e.summary])).toEqual([
      [expect.stringContaining(`session-${s1.id}@`), '0', 'CONFIRMED', 'Rome-time workshop (1/2)'],
      [expect.stringContaining(`session-${s2.id}@`), '0', 'CONFIRMED', 'Rome-time workshop (2/2)'],
    ]);
    expect(before[0].start.toISOString()).toBe('2030-07-10T07:00:00.000Z');
    expect(before[0].end.toISOString()).toBe('2030-07-10T11:00:00.000Z');
    expect(before[0].description).toContain('Local time (Europe/Rome): 2030-07-10 09:00–13:00');
    expect(before[0].location).toBe('Piazza del Popolo 1, Ravenna');

    // The first session moves an hour later; the second is dropped.
    await p.http
      .post(p.path(`activities/${id}/reschedule`))
      .send({ sessions: [{ id: s1.id, startsAt: '2030-07-10T08:00:00.000Z', endsAt: '2030-07-10T12:00:00.000Z' }] })
      .expect(200);
    const after = (await feed(`communities/${communityId}/calendar.ics`)).filter((e) => e.summary.startsWith('Rome-time'));
    expect(after.map((e) => [e.uid, e.sequence, e.status])).toEqual([
      [before[0].uid, '1', 'CONFIRMED'],
      [before[1].uid, '1', 'CANCELLED'],
    ]);
    expect(after[0].start.toISOString()).toBe('2030-07-10T08:00:00.000Z');
    expect(after[0].description).toContain('Local time (Europe/Rome): 2030-07-10 10:00–14:00');
  });

  it("writes each activity's sessions in its own zone with TZID and a VTIMEZONE, right across a DST change", async () => {
    const p = node.practice;
    const schedule = async (title: string, timeZone: string, sessions: { startsAt: string; endsAt: string }[]) => {
      const body = workshop(communityId, world.ravenna, { title, timeZone, sessions, registrationWindow: { opensAt: at(-HOUR), closesAt: '2030-03-01T00:00:00.000Z' } });
      const { id } = await created(p.http.post(p.path('activities')).send(body), 'activity');
      await p.http.post(p.path(`activities/${id}/open`)).expect(200);
    };
    // 10:00 local each day: Lisbon moves to summer time on 31 March 2030, Helsinki back to winter time on 27 October 2030.
    await schedule('Lisbon DST', 'Europe/Lisbon', [
      { startsAt: '2030-03-30T10:00:00.000Z', endsAt: '2030-03-30T12:00:00.000Z' },
      { startsAt: '2030-04-01T09:00:00.000Z', endsAt: '2030-04-01T11:00:00.000Z' },
    ]);
    await schedule('Helsinki DST', 'Europe/Helsinki', [
      { startsAt: '2030-10-26T07:00:00.000Z', endsAt: '2030-10-26T09:00:00.000Z' },
      { startsAt: '2030-10-28T08:00:00.000Z', endsAt: '2030-10-28T10:00:00.000Z' },
    ]);

    const res = await p.http.get(p.path(`communities/${communityId}/calendar.ics`)).expect(200);
    const text: string = res.text;
    for (const line of ['Europe/Lisbon:20300330T100000', 'Europe/Lisbon:20300401T100000', 'Europe/Helsinki:20301026T100000', 'Europe/Helsinki:20301028T100000']) {
      expect(text).toContain(`DTSTART;TZID=${line}`);
    }
    const dst = events(text).filter((e) => e.summary.includes(' DST'));
    expect(dst.map((e) => [e.summary, e.start.toISOString(), e.start.tz])).toEqual([
      ['Lisbon DST (1/2)', '2030-03-30T10:00:00.000Z', 'Europe/Lisbon'],
      ['Lisbon DST (2/2)', '2030-04-01T09:00:00.000Z', 'Europe/Lisbon'],
      ['Helsinki DST (1/2)', '2030-10-26T07:00:00.000Z', 'Europe/Helsinki'],
      ['Helsinki DST (2/2)', '2030-10-28T08:00:00.000Z', 'Europe/Helsinki'],
    ]);
    const used = new Set([...text.matchAll(/;TZID=([^:;]+)[:;]/g)].map((m) => m[1]));
    const declared = Object.values(ical.sync.parseICS(text)).flatMap((c) => (c.type === 'VTIMEZONE' ? [(c as ical.VTimeZone).tzid] : []));
    expect(new Set(declared)).toEqual(used);
    expect([...used]).toEqual(expect.arrayContaining(['Europe/Lisbon', 'Europe/Helsinki']));
  });

  it("carries a cancelled activity as STATUS:CANCELLED in the host city's feed", async () => {
    const p = node.practice;
    const id = await givenOpenActivity(node, world, communityId, { title: 'Soon cancelled' });
    const live = (await feed(`cities/${world.ravenna}/calendar.ics`)).filter((e) => e.summary.startsWith('Soon cancelled'));
    expect(live.map((e) => e.status)).toEqual(['CONFIRMED', 'CONFIRMED']);

    await p.http.post(p.path(`activities/${id}/cancel`)).send({ reason: 'Host city closed after flooding' }).expect(200);
    const gone = (await feed(`cities/${world.ravenna}/calendar.ics`)).filter((e) => e.summary.startsWith('Soon cancelled'));
    expect(gone.map((e) => [e.uid, e.status, e.sequence])).toEqual(live.map((e) => [e.uid, 'CANCELLED', String(Number(e.sequence) + 1)]));
    expect(gone[0].description).toContain('Cancelled: Host city closed after flooding');
    // Offenbach belongs to the community: its feed has the activity too.
    expect((await feed(`cities/${world.offenbach}/calendar.ics`)).some((e) => e.uid === live[0].uid)).toBe(true);
  });

  it("serves a person's registrations behind a secret link; a wrong or replaced secret is 404", async () => {
    const p = node.practice;
    const [person] = await node.givenPeople(world.offenbach, 1, 'cal');
    const mine = await givenOpenActivity(node, world, communityId, { title: 'Registered workshop' });
    await givenOpenActivity(node, world, communityId, { title: 'Someone else’s workshop' });
    await p.http.post(p.path(`activities/${mine}/registrations`)).send({ personId: person }).expect(201);

    const other = await p.tokenFor('liaison@ravenna.example', { role: 'city-liaison', networkId: world.networkId, memberId: world.ravenna });
    const own = await p.tokenFor('liaison@offenbach.example', { role: 'city-liaison', networkId: world.networkId, memberId: world.offenbach });
    await p.as(other).post(p.path(`people/${person}/calendar-token`)).expect(403);
    const issued = await p.as(own).post(p.path(`people/${person}/calendar-token`)).expect(201);
    const url = new URL(issued.body.url);
    expect(url.pathname).toMatch(new RegExp(`^${p.path('calendar/')}[A-Za-z0-9_-]{43}\\.ics$`));
    const secret = url.pathname.slice(p.path('calendar/').length, -'.ics'.length);
    const [{ n }] = await p.db.query(`SELECT count(*)::int AS n FROM calendar_tokens WHERE secret_hash = encode(sha256($1::bytea), 'hex')`, [secret]);
    expect(n).toBe(1);
    const [{ plain }] = await p.db.query(`SELECT count(*)::int AS plain FROM calendar_tokens WHERE secret_hash = $1`, [secret]);
    expect(plain).toBe(0);

    const res = await p.as().get(url.pathname).expect(200);
    expect(res.headers['content-type']).toBe('text/calendar; charset=utf-8');
    expect(events(res.text).map((e) => e.summary)).toEqual(['Registered workshop (1/2)', 'Registered workshop (2/2)']);

    const wrong = await p.as().get(p.path(`calendar/${'A'.repeat(43)}.ics`)).expect(404);
    expect(wrong.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(wrong.body).toMatchObject({ status: 404, rule: 'calendar.link.exists' });
    await p.as().get(p.path('calendar/not-a-secret.ics')).expect(404);

    // A new link replaces the old one.
    await p.http.post(p.path(`people/${person}/calendar-token`)).expect(201);
    await p.as().get(url.pathname).expect(404);
  });

  it('never keeps the secret link for Idempotency-Key replays', async () => {
    const p = node.practice;
    const [person] = await node.givenPeople(world.offenbach, 1, 'cal-idem');
    const first = await p.http.post(p.path(`people/${person}/calendar-token`)).set('Idempotency-Key', `link-${person}`).expect(201);
    const again = await p.http.post(p.path(`people/${person}/calendar-token`)).set('Idempotency-Key', `link-${person}`).expect(201);

    expect(again.body.url).not.toBe(first.body.url);
    const secret = new URL(first.body.url).pathname.split('/').pop()!.replace(/\.ics$/, '');
    const [{ n }] = await p.db.query(`SELECT count(*)::int AS n FROM idempotency_keys WHERE body::text LIKE '%' || $1 || '%'`, [secret]);
    expect(n).toBe(0);
  });

  it('refuses anonymous readers of the community and city feeds', async () => {
    const p = node.practice;
    const res = await p.as().get(p.path(`communities/${communityId}/calendar.ics`)).expect(401);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    await p.as().get(p.path(`cities/${world.ravenna}/calendar.ics`)).expect(401);
    await p.http.get(p.path(`communities/00000000-0000-4000-8000-000000000000/calendar.ics`)).expect(404);
  });
});
