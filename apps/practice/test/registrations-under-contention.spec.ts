import { givenCommunity, givenOpenActivity, PracticeNode, World } from './support/practice-node';

describe('registrations under contention', () => {
  const node = new PracticeNode();
  let world: World;
  let communityId: string;

  beforeAll(async () => {
    await node.startBoth();
    world = await node.givenWorld();
    communityId = await givenCommunity(node, world);
    await node.practice.listen();
  });
  afterAll(() => node.stop());

  it('gives 30 seats to 200 people registering at once: 30 confirmed, 170 waiting in the order they got in', async () => {
    const p = node.practice;
    const people = [...(await node.givenPeople(world.ravenna, 100, 'ra')), ...(await node.givenPeople(world.offenbach, 100, 'of'))];
    const activityId = await givenOpenActivity(node, world, communityId, { capacity: 30 });

    const replies = await Promise.all(people.map((personId) => p.http.post(p.path(`activities/${activityId}/registrations`)).send({ personId })));

    expect(replies.map((r) => r.status).filter((s) => s !== 201)).toEqual([]);
    const rows: { status: string; arrival: number; seats_taken: number }[] = await p.db.query(
      `SELECT r.status, r.arrival, a.seats_taken FROM registrations r JOIN activities a ON a.id = r.activity_id WHERE r.activity_id = $1 ORDER BY r.arrival`,
      [activityId],
    );
    expect(rows.filter((r) => r.status === 'confirmed')).toHaveLength(30);
    expect(rows.filter((r) => r.status === 'waitlisted')).toHaveLength(170);
    // Arrival numbers have no gaps or repeats; the first 30 to arrive hold the seats.
    expect(rows.map((r) => r.arrival)).toEqual(Array.from({ length: 200 }, (_, i) => i + 1));
    expect(rows.slice(0, 30).every((r) => r.status === 'confirmed')).toBe(true);
    expect(rows[0].seats_taken).toBe(30);

    // Commit order: the outbox hands out its sequence inside the activity's lock, so the events
    // in outbox order are the registrations in the order their transactions committed.
    const told = (await p.events()).filter((e) => e.type === 'practice.registration.confirmed' || e.type === 'practice.registration.waitlisted');
    expect(told.map((e) => e.data.arrival)).toEqual(Array.from({ length: 200 }, (_, i) => i + 1));
    expect(told.slice(30).every((e) => e.type === 'practice.registration.waitlisted')).toBe(true);

    // The waitlist the API shows is in that same order.
    const list = await p.http.get(p.path(`activities/${activityId}/registrations`));
    const waiting = (list.body as { status: string; arrival: number; waitlistPosition: number | null }[]).filter((r) => r.status === 'waitlisted');
    expect(waiting.map((r) => r.waitlistPosition)).toEqual(Array.from({ length: 170 }, (_, i) => i + 1));
    expect(waiting.map((r) => r.arrival)).toEqual(Array.from({ length: 170 }, (_, i) => i + 31));

    const activity = await p.http.get(p.path(`activities/${activityId}`));
    expect(activity.body).toMatchObject({ status: 'full', seatsTaken: 30 });
  });

  it('refuses in the database what the code would let through: seats beyond capacity', async () => {
    const p = node.practice;
    const [personId] = await node.givenPeople(world.ravenna, 1, 'db');
    const activityId = await givenOpenActivity(node, world, communityId, { capacity: 1 });
    await p.http.post(p.path(`activities/${activityId}/registrations`)).send({ personId }).expect(201);
    const [{ id }] = await p.db.query(`SELECT id FROM registrations WHERE activity_id = $1`, [activityId]);
    await expect(
      p.db.query(
        `INSERT INTO registrations (id, activity_id, community_id, network_id, person_id, member_id, registered_by, registered_at, arrival, status, version, created_at, updated_at)
         SELECT gen_random_uuid(), activity_id, community_id, network_id, gen_random_uuid(), member_id, registered_by, now(), 2, 'confirmed', 1, now(), now()
         FROM registrations WHERE id = $1`,
        [id],
      ),
    ).rejects.toThrow(/activity_capacity_exceeded/);
  });
});
