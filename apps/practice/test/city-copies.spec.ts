import { v7 as uuidv7 } from 'uuid';
import { expectRuleProblem, tableDigest } from '@intercity/service-testing';
import { waitFor } from '@intercity/testing';
import { CITY_NODE_ID, HubEnvelope, PracticeCityNode } from './support/practice-city-node';
import { givenCommunity, givenOpenActivity, HOUR, at, PracticeNode, World } from './support/practice-node';

const COPIES = ['community_copies', 'activity_copies', 'registration_copies', 'attendance_sheet_copies', 'programme_copies', 'resource_copies'] as const;

/** A copy answers with the hub's body; only its instants are the hub's event times, not its clock's. */
const sameAs = (hub: unknown): unknown => {
  if (Array.isArray(hub)) return hub.map(sameAs);
  if (hub && typeof hub === 'object') {
    return Object.fromEntries(Object.entries(hub).map(([k, v]) => [k, k === 'createdAt' || k === 'updatedAt' ? expect.any(String) : sameAs(v)]));
  }
  return hub;
};

/** A feed without the lines that date it (when the activity last changed, by each node's clock). */
const undated = (ics: string) =>
  ics
    .split('\r\n')
    .filter((l) => !/^(DTSTAMP|LAST-MODIFIED)[:;]/.test(l))
    .join('\r\n');

/**
 * Ravenna runs its own node. The hub's practice writes the network's communities, activities and
 * registrations (the hub here is a standalone node named `hub`: its outbox holds what a hub's
 * practice publishes); Ravenna's practice keeps copies from those events in its network stream
 * and answers its people's reads from them, with no way to reach the hub.
 */
describe("practice on a city node, from its copies of the hub's practice data", () => {
  const hub = new PracticeNode({ NODE_ID: 'hub' });
  const city = new PracticeCityNode();
  let world: World;
  let communityId: string;
  let workshopId: string;
  let webinarId: string;
  let liaison: string;
  let toolkitId: string;
  let handbookId: string;
  let heldId: string;
  let heldSessions: string[];
  let programmeId: string;
  let people: string[];
  const forwarded = new Set<string>();

  /** Everything the hub's membership (but people, who never leave their home) and practice wrote that the city has not been sent yet. */
  async function forwardNew(): Promise<HubEnvelope[]> {
    const all = [...(await hub.membership.events()), ...(await hub.practice.events())]
      .map((e) => e.envelope as HubEnvelope)
      .filter((e) => !forwarded.has(e.id) && !e.type.startsWith('membership.person.'));
    await city.fromHub(all);
    all.forEach((e) => forwarded.add(e.id));
    return all;
  }

  /** Both sides' answer to a GET, the hub's as its operator; the city's as Ravenna's liaison. */
  async function both(path: string, query: Record<string, string> = {}) {
    const atHub = await hub.practice.http.get(hub.practice.path(path)).query(query);
    const atCity = await city.practice.as(liaison).get(city.practice.path(path)).query(query);
    return { atHub, atCity };
  }

  beforeAll(async () => {
    await Promise.all([hub.startBoth(), city.startPractice()]);
    world = await hub.givenWorld();
    const p = hub.practice;
    communityId = await givenCommunity(hub, world);
    workshopId = await givenOpenActivity(hub, world, communityId, { certificate: { minHours: 6 } });
    const { body: webinar } = await p.http
      .post(p.path('activities'))
      .send({
        communityId,
        hostMemberId: world.offenbach,
        kind: 'webinar',
        title: 'Gender dimension of integration',
        onlineUrl: 'https://meet.example.org/gender',
        sessions: [{ startsAt: at(30 * 24 * HOUR), endsAt: at(30 * 24 * HOUR + 2 * HOUR) }],
        capacity: 2,
        registrationWindow: { opensAt: at(-HOUR), closesAt: at(20 * 24 * HOUR) },
        languages: ['en'],
      })
      .expect(201);
    webinarId = webinar.id;
    await p.http.post(p.path(`activities/${webinarId}/open`)).expect(200);
    people = await hub.givenPeople(world.ravenna, 3);
    for (const personId of people) await p.http.post(p.path(`activities/${webinarId}/registrations`)).send({ personId }).expect(201);
    // A toolkit in Italian, translated into English (the fallback) and German, revised (both
    // translations fall behind), then the German brought up to date: English stays outdated.
    const content = (title: string, summary: string) => ({ title, summary, link: 'https://example.org/oss' });
    toolkitId = (await p.http.post(p.path('resources')).send({ communityId, kind: 'toolkit', language: 'it', ...content('Sportello unico', 'Come aprirlo') }).expect(201)).body.id;
    await p.http.put(p.path(`resources/${toolkitId}/translations/en`)).send({ ...content('One-stop-shop', 'How to open one'), asFallback: true }).expect(200);
    await p.http.put(p.path(`resources/${toolkitId}/translations/de`)).send(content('Anlaufstelle', 'Wie man sie eröffnet')).expect(200);
    await p.http.post(p.path(`resources/${toolkitId}/revise`)).send(content('Sportello unico', 'Come aprirlo, seconda edizione')).expect(200);
    await p.http.put(p.path(`resources/${toolkitId}/translations/de`)).send(content('Anlaufstelle', 'Wie man sie eröffnet, zweite Auflage')).expect(200);
    handbookId = (await p.http.post(p.path('resources')).send({ communityId, kind: 'handbook', language: 'en', title: 'Handbook', summary: 'Gender dimension', fileRef: 'handbook.pdf' }).expect(201)).body.id;
    // A training under way, its first session held: one trainee present throughout, one absent
    // once; a programme counting it with the workshop towards 8 hours.
    heldId = await givenOpenActivity(hub, world, communityId, {
      title: 'Champions training',
      kind: 'training',
      sessions: [
        { startsAt: at(-26 * HOUR), endsAt: at(-22 * HOUR) },
        { startsAt: at(-HOUR), endsAt: at(3 * HOUR) },
      ],
      registrationWindow: { opensAt: at(-48 * HOUR), closesAt: at(2 * HOUR) },
      certificate: { minHours: 8, minSessions: null },
    });
    heldSessions = (await p.http.get(p.path(`activities/${heldId}`)).expect(200)).body.sessions.map((x: { id: string }) => x.id);
    for (const personId of people.slice(0, 2)) await p.http.post(p.path(`activities/${heldId}/registrations`)).send({ personId }).expect(201);
    const mark = (sessionId: string, entries: { personId: string; status: string }[]) =>
      p.http.post(p.path(`activities/${heldId}/sessions/${sessionId}/attendance`)).send({ entries }).expect(200);
    await mark(heldSessions[0], [
      { personId: people[0], status: 'present' },
      { personId: people[1], status: 'present' },
    ]);
    await mark(heldSessions[1], [{ personId: people[0], status: 'present' }]);
    await mark(heldSessions[1], [{ personId: people[1], status: 'absent' }]);
    programmeId = (await p.http.post(p.path('programmes')).send({ title: 'ECCIPA champions', activityIds: [heldId, workshopId], certificate: { minHours: 8 } }).expect(201)).body.id;
    // The last change the hub makes: once the city shows it, it has the rest.
    await p.http.patch(p.path(`activities/${workshopId}`)).send({ title: 'One-stop-shop peer-learning workshop (2 days)' }).expect(200);
    await forwardNew();
    liaison = await city.practice.tokenFor('francesca.ricci@ravenna.example.org', { role: 'city-liaison', networkId: world.networkId, memberId: world.ravenna });
    await waitFor(async () => (await city.practice.as(liaison).get(city.practice.path(`activities/${workshopId}`))).body.title === 'One-stop-shop peer-learning workshop (2 days)', {
      description: "the renamed workshop's copy",
      timeoutMs: 30_000,
    });
    await city.drained('practice');
    await city.drained('membership');
  }, 120_000);
  afterAll(async () => {
    await hub.stop();
    await city.stop();
  });

  it("answers the city's liaison with the hub's communities and activities, sessions, days and seats taken", async () => {
    for (const path of [
      'communities',
      `communities/${communityId}`,
      'activities',
      `activities/${workshopId}`,
      `activities/${webinarId}`,
      `activities?communityId=${communityId}&status=full`,
      `activities?hostMemberId=${world.offenbach}`,
      `communities?memberId=${world.offenbach}`,
    ]) {
      const [route, query] = path.split('?');
      const { atHub, atCity } = await both(route, Object.fromEntries(new URLSearchParams(query ?? '')));
      expect({ path, status: atCity.status }).toEqual({ path, status: 200 });
      expect(atCity.body).toEqual(sameAs(atHub.body));
      // An aggregate's ETag is its version, the hub's.
      if (atHub.headers.etag && !atHub.headers.etag.startsWith('W/')) expect({ path, etag: atCity.headers.etag }).toEqual({ path, etag: atHub.headers.etag });
    }
    const { body: webinar } = await city.practice.as(liaison).get(city.practice.path(`activities/${webinarId}`));
    // Two seats taken and the third person waiting: the registrations' copies count the seats.
    expect(webinar).toMatchObject({ status: 'full', seatsTaken: 2, capacity: 2, days: [expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/)] });
    const { body: list } = await city.practice.as(liaison).get(city.practice.path('activities')).query({ status: 'full' });
    expect(list.items.map((a: { id: string }) => a.id)).toEqual([webinarId]);
    expect(list.total).toBe(1);
  });

  it("serves the community's and the city's calendars with the hub's sessions under the hub's UIDs", async () => {
    for (const path of [`communities/${communityId}/calendar.ics`, `cities/${world.offenbach}/calendar.ics`, `cities/${world.ravenna}/calendar.ics`]) {
      const { atHub, atCity } = await both(path);
      expect({ path, status: atCity.status }).toEqual({ path, status: 200 });
      expect(undated(atCity.text)).toBe(undated(atHub.text));
    }
    const { atCity } = await both(`communities/${communityId}/calendar.ics`);
    expect(atCity.text.match(/^UID:/gm)).toHaveLength(5);
    expect(atCity.text).toContain('.practice.intercity');
    expect(atCity.text).not.toContain(`@${CITY_NODE_ID}.`);
  });

  it("answers with the hub's resources, in the reader's language, and which translations fell behind", async () => {
    for (const [route, query] of [
      ['resources', {}],
      ['resources', { language: 'de' }],
      ['resources', { kind: 'handbook' }],
      [`resources/${toolkitId}`, {}],
      [`resources/${toolkitId}`, { lang: 'de-AT,en' }],
      [`resources/${toolkitId}`, { lang: 'fr' }],
      [`resources/${toolkitId}/outdated-translations`, {}],
      [`resources/${handbookId}`, {}],
    ] as const) {
      const { atHub, atCity } = await both(route, query);
      expect({ route, query, status: atCity.status }).toEqual({ route, query, status: 200 });
      expect(atCity.body).toEqual(sameAs(atHub.body));
      if (atHub.headers.etag && !atHub.headers.etag.startsWith('W/')) expect({ route, etag: atCity.headers.etag }).toEqual({ route, etag: atHub.headers.etag });
    }
    const { body: outdated } = await city.practice.as(liaison).get(city.practice.path(`resources/${toolkitId}/outdated-translations`));
    expect(outdated).toMatchObject({ edition: 2, translations: [{ language: 'en', basedOnEdition: 1 }] });
    const { body: list } = await city.practice.as(liaison).get(city.practice.path('resources'));
    expect(list.items.map((r: { id: string }) => r.id)).toEqual([handbookId, toolkitId]);
  });

  it("dates each language's text from the hub's event that last changed it", async () => {
    const told = (await hub.practice.events(toolkitId)).map((e) => (e.envelope as { occurredAt: string }).occurredAt);
    expect(told).toHaveLength(6); // published, en, de, revised (published + translation-outdated), de again
    const { body } = await city.practice.as(liaison).get(city.practice.path(`resources/${toolkitId}`));
    const dated = Object.fromEntries(body.versions.map((v: { language: string; updatedAt: string }) => [v.language, v.updatedAt]));
    expect(dated).toEqual({ it: told[3], en: told[1], de: told[5] });
    expect({ createdAt: body.createdAt, updatedAt: body.updatedAt }).toEqual({ createdAt: told[0], updatedAt: told[5] });
  });

  it("answers with the hub's registrations, waitlist positions, attendance sheets and programmes", async () => {
    for (const path of [
      `activities/${webinarId}/registrations`,
      `activities/${heldId}/registrations`,
      `activities/${heldId}/sessions/${heldSessions[0]}/attendance`,
      `activities/${heldId}/sessions/${heldSessions[1]}/attendance`,
      // A session nobody has marked yet: an empty sheet, as at the hub.
      `activities/${workshopId}/sessions/${(await hub.practice.http.get(hub.practice.path(`activities/${workshopId}`))).body.sessions[0].id}/attendance`,
      `programmes/${programmeId}`,
    ]) {
      const { atHub, atCity } = await both(path);
      expect({ path, status: atCity.status }).toEqual({ path, status: 200 });
      expect(atCity.body).toEqual(sameAs(atHub.body));
      if (atHub.headers.etag && !atHub.headers.etag.startsWith('W/')) expect({ path, etag: atCity.headers.etag }).toEqual({ path, etag: atHub.headers.etag });
    }
    const { body: list } = await city.practice.as(liaison).get(city.practice.path(`activities/${webinarId}/registrations`));
    expect(list.map((r: { status: string; waitlistPosition: number | null }) => [r.status, r.waitlistPosition])).toEqual([
      ['confirmed', null],
      ['confirmed', null],
      ['waitlisted', 1],
    ]);
    const one = await both(`activities/${webinarId}/registrations/${list[2].id}`);
    expect(one.atCity.status).toBe(200);
    expect(one.atCity.body).toEqual(sameAs(one.atHub.body));
    const { body: sheet } = await city.practice.as(liaison).get(city.practice.path(`activities/${heldId}/sessions/${heldSessions[1]}/attendance`));
    expect(sheet.marks.map((m: { status: string }) => m.status)).toEqual(['present', 'absent']);
  });

  it("answers a person's learning record from the sheets' copies, for the city's own people", async () => {
    // Ravenna's people are the city's own: they reach its practice through its own PEOPLE stream.
    const personEvents = (await hub.membership.events()).map((e) => e.envelope as HubEnvelope).filter((e) => e.type.startsWith('membership.person.'));
    await city.ownEvents(personEvents);
    await waitFor(async () => (await city.practice.db.query(`SELECT 1 FROM people WHERE id = ANY ($1::uuid[])`, [people])).length === people.length, {
      description: "the city's copies of its people",
      timeoutMs: 30_000,
    });
    for (const personId of people) {
      const { atHub, atCity } = await both(`people/${personId}/learning-record`);
      expect({ personId, status: atCity.status }).toEqual({ personId, status: 200 });
      expect(atCity.body).toEqual(sameAs(atHub.body));
    }
    const { body } = await city.practice.as(liaison).get(city.practice.path(`people/${people[0]}/learning-record`));
    expect(body.activities).toEqual([expect.objectContaining({ activityId: heldId, certificateEligible: true })]);
    expect(body.minutes).toBe(8 * 60);
  });

  it("answers 404 for what the copies don't hold, and for another network's community", async () => {
    await city.practice.as(liaison).get(city.practice.path(`activities/${uuidv7()}`)).expect(404);
    const outsider = await city.practice.tokenFor('someone@elsewhere.example.org', { role: 'city-liaison', networkId: uuidv7(), memberId: uuidv7() });
    await city.practice.as(outsider).get(city.practice.path(`communities/${communityId}`)).expect(404);
    const { body } = await city.practice.as(outsider).get(city.practice.path('communities'));
    expect(body.total).toBe(0);
  });

  it('refuses writes with 409 naming the hub, and leaves the copies as they are', async () => {
    const before = await tableDigest(city.practice.db, COPIES);
    const admin = await city.practice.tokenFor('admin@eurocities.example.org', { role: 'network-admin', networkId: world.networkId });
    const res = await city.practice.as(admin).patch(city.practice.path(`activities/${workshopId}`)).send({ title: 'Renamed at the city' });
    expectRuleProblem(res, 409, 'node.home');
    expect(res.body.homeNode).toEqual({ id: 'hub', baseUrl: expect.any(String) });
    expect(await tableDigest(city.practice.db, COPIES)).toEqual(before);
    expect(await city.practice.count('activities')).toBe(0);
  });

  it('changes nothing when the hub events come again, or a stale one comes under a new id', async () => {
    await city.drained('practice');
    const before = await tableDigest(city.practice.db, COPIES);
    const practice = (await hub.practice.events()).map((e) => e.envelope as HubEnvelope);

    // Redelivered: the same events, the same ids.
    await city.fromHub(practice);
    await city.drained('practice');
    expect(await tableDigest(city.practice.db, COPIES)).toEqual(before);

    // Stale: the workshop's scheduling (version 1) and the community's creation, told again as new events.
    const scheduled = practice.find((e) => e.type === 'practice.activity.scheduled' && (e.aggregate as { id: string }).id === workshopId)!;
    const created = practice.find((e) => e.type === 'practice.community.created')!;
    const stale = [scheduled, created].map((e) => ({ ...e, id: uuidv7() }));
    await city.fromHub(stale);
    await city.applied(stale.map((e) => e.id));
    expect(await tableDigest(city.practice.db, COPIES)).toEqual(before);
  });

  it("ends at the hub's newest state when the events of an activity arrive newest first", async () => {
    const p = hub.practice;
    await p.http.post(p.path(`activities/${workshopId}/reschedule`)).send({ sessions: [{ startsAt: at(40 * 24 * HOUR), endsAt: at(40 * 24 * HOUR + 3 * HOUR) }] }).expect(200);
    await p.http.post(p.path(`activities/${workshopId}/cancel`)).send({ reason: 'The venue is closed' }).expect(200);
    const newest = (await p.events(workshopId)).map((e) => e.envelope as HubEnvelope).filter((e) => !forwarded.has(e.id));
    expect(newest.map((e) => e.type)).toEqual(['practice.activity.rescheduled', 'practice.activity.cancelled']);

    await city.fromHub([...newest].reverse());
    newest.forEach((e) => forwarded.add(e.id));
    await city.applied(newest.map((e) => e.id));

    const { atHub, atCity } = await both(`activities/${workshopId}`);
    expect(atCity.body).toEqual(sameAs(atHub.body));
    expect(atCity.body).toMatchObject({ status: 'cancelled', cancellationReason: 'The venue is closed', droppedSessions: [expect.anything(), expect.anything()] });
    // Still dated from the scheduling, the first version the city saw.
    const [{ created_at }] = await city.practice.db.query(`SELECT created_at FROM activity_copies WHERE id = $1`, [workshopId]);
    const scheduled = (await p.events(workshopId))[0].envelope as HubEnvelope & { occurredAt: string };
    expect(new Date(created_at).toISOString()).toBe(scheduled.occurredAt);
    // The calendars show the cancellation as the hub's do.
    const feed = await both(`communities/${communityId}/calendar.ics`);
    expect(undated(feed.atCity.text)).toBe(undated(feed.atHub.text));
    expect(feed.atCity.text).toContain('STATUS:CANCELLED');
  });
});
