import type { Response } from 'supertest';
import { givenCommunity, givenOpenActivity, PracticeNode, World } from './support/practice-node';

function expectProblem(res: Response, status: number, rule: string): void {
  expect({ status: res.status, rule: res.body.rule, type: res.headers['content-type'] }).toEqual({ status, rule, type: expect.stringMatching(/^application\/problem\+json/) });
}

const LIVE = `status IN ('confirmed', 'waitlisted', 'offered')`;

describe('per-city quotas set after an activity is scheduled (issue 5)', () => {
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

  const p = () => node.practice;
  const quotas = (activityId: string, cityQuotas: { memberId: string; seats: number }[], ifMatch?: string, token?: string) => {
    const req = (token ? p().as(token) : p().http).put(p().path(`activities/${activityId}/quotas`));
    return (ifMatch ? req.set('If-Match', ifMatch) : req).send({ cityQuotas });
  };
  const register = (activityId: string, personId: string) => p().http.post(p().path(`activities/${activityId}/registrations`)).send({ personId });
  const live = async (activityId: string, memberId: string): Promise<number> =>
    (await p().db.query(`SELECT count(*)::int AS n FROM registrations WHERE activity_id = $1 AND member_id = $2 AND ${LIVE}`, [activityId, memberId]))[0].n;

  it('the host organiser sets, changes and removes quotas with If-Match; each change is told with the quotas before', async () => {
    const activityId = await givenOpenActivity(node, world, communityId);
    const current = await p().http.get(p().path(`activities/${activityId}`)).expect(200);
    const liaison = await p().tokenFor('liaison@ravenna.example', { role: 'city-liaison', networkId: world.networkId, memberId: world.ravenna });

    const set = await quotas(activityId, [{ memberId: world.offenbach, seats: 2 }], current.headers.etag, liaison);
    expect(set.status).toBe(200);
    expect(set.body.cityQuotas).toEqual([{ memberId: world.offenbach, seats: 2 }]);
    expect(set.headers.etag).not.toBe(current.headers.etag);
    // A stale ETag is refused: someone else changed the activity since it was read.
    expectProblem(await quotas(activityId, [], current.headers.etag, liaison), 412, 'if-match');

    const changed = await quotas(activityId, [{ memberId: world.offenbach, seats: 3 }, { memberId: world.ravenna, seats: 1 }], set.headers.etag, liaison);
    expect(changed.status).toBe(200);
    const removed = await quotas(activityId, [], changed.headers.etag, liaison);
    expect(removed.body.cityQuotas).toEqual([]);
    // The same quotas again change nothing and tell nothing.
    await quotas(activityId, []).expect(200);

    const told = (await p().events(activityId)).filter((e) => e.type === 'practice.activity.quotas-changed');
    expect(told.map((e) => [e.data.cityQuotas ?? [], e.data.previousCityQuotas])).toEqual([
      [[{ memberId: world.offenbach, seats: 2 }], []],
      [[{ memberId: world.offenbach, seats: 3 }, { memberId: world.ravenna, seats: 1 }], [{ memberId: world.offenbach, seats: 2 }]],
      [[], [{ memberId: world.offenbach, seats: 3 }, { memberId: world.ravenna, seats: 1 }]],
    ]);

    // Another city's liaison does not organise Ravenna's activity.
    const offenbach = await p().tokenFor('liaison@offenbach.example', { role: 'city-liaison', networkId: world.networkId, memberId: world.offenbach });
    expectProblem(await quotas(activityId, [{ memberId: world.offenbach, seats: 9 }], undefined, offenbach), 403, 'access.own-city');
  });

  it('refuses a quota for a member that is not a city of the community (422), and quotas of 0 (400), changing nothing', async () => {
    const activityId = await givenOpenActivity(node, world, communityId);
    const before = await p().contents();

    const outsider = await quotas(activityId, [{ memberId: world.accem, seats: 2 }]);
    expectProblem(outsider, 422, 'activity.quota.member-city');
    expect(outsider.body.detail).toContain(world.accem);
    expect((await quotas(activityId, [{ memberId: world.offenbach, seats: 0 }])).status).toBe(400);
    expect(await p().contents()).toEqual(before);
  });

  it('may add up to more than the capacity: a quota caps a city, it sets no seats aside', async () => {
    const activityId = await givenOpenActivity(node, world, communityId, { capacity: 3 });
    const res = await quotas(activityId, [{ memberId: world.offenbach, seats: 3 }, { memberId: world.ravenna, seats: 3 }]).expect(200);
    expect(res.body).toMatchObject({ capacity: 3, cityQuotas: [{ memberId: world.offenbach, seats: 3 }, { memberId: world.ravenna, seats: 3 }] });
  });

  it('never drops a quota below the people a city already has (409 naming the rule); nobody is unregistered', async () => {
    const activityId = await givenOpenActivity(node, world, communityId, { capacity: 2 });
    // Two confirmed and one waiting from Offenbach.
    for (const personId of await node.givenPeople(world.offenbach, 3, 'below')) await register(activityId, personId).expect(201);
    const before = await p().contents();

    const lower = await quotas(activityId, [{ memberId: world.offenbach, seats: 2 }]);
    expectProblem(lower, 409, 'activity.quota.below-registered');
    expect(lower.body.detail).toContain('already has 3 people registered or waiting');
    expect(await p().contents()).toEqual(before);

    await quotas(activityId, [{ memberId: world.offenbach, seats: 3 }]).expect(200);
    expect(await live(activityId, world.offenbach)).toBe(3);
  });

  it('holds the new quota for people registering at once, and against a quota lowered while they register', async () => {
    const activityId = await givenOpenActivity(node, world, communityId, { capacity: 30 });
    await quotas(activityId, [{ memberId: world.offenbach, seats: 4 }]).expect(200);
    const people = await node.givenPeople(world.offenbach, 12, 'rush');

    const replies = await Promise.all(people.map((personId) => register(activityId, personId)));

    expect(replies.filter((r) => r.status === 201)).toHaveLength(4);
    for (const refused of replies.filter((r) => r.status !== 201)) expectProblem(refused, 409, 'registration.quota');
    expect(await live(activityId, world.offenbach)).toBe(4);

    // Raised to 8 and, at the same moment, lowered to 5 by another organiser while 8 more register:
    // whichever order the database gives them, the city never ends above the quota it ends with.
    const second = await Promise.all([
      quotas(activityId, [{ memberId: world.offenbach, seats: 8 }]),
      ...people.slice(0, 8).map((personId) => register(activityId, personId)),
      quotas(activityId, [{ memberId: world.offenbach, seats: 5 }]),
    ]);
    expect(second.every((r) => [200, 201, 409].includes(r.status))).toBe(true);
    const [{ city_quotas }] = await p().db.query(`SELECT city_quotas FROM activities WHERE id = $1`, [activityId]);
    expect(await live(activityId, world.offenbach)).toBeLessThanOrEqual(city_quotas[0].seats);
  });

  it('refuses in the database what the code would let through: a registration past a quota, a quota below the registrations', async () => {
    const activityId = await givenOpenActivity(node, world, communityId);
    await quotas(activityId, [{ memberId: world.offenbach, seats: 1 }]).expect(200);
    const [personId] = await node.givenPeople(world.offenbach, 1, 'dbq');
    await register(activityId, personId).expect(201);

    await expect(
      p().db.query(
        `INSERT INTO registrations (id, activity_id, community_id, network_id, person_id, member_id, registered_by, registered_at, arrival, status, version, created_at, updated_at)
         SELECT gen_random_uuid(), activity_id, community_id, network_id, gen_random_uuid(), member_id, registered_by, now(), 2, 'waitlisted', 1, now(), now()
         FROM registrations WHERE activity_id = $1`,
        [activityId],
      ),
    ).rejects.toThrow(/over its quota of 1/);
    await p().db.query(`UPDATE activities SET city_quotas = '[]' WHERE id = $1`, [activityId]);
    await expect(
      p().db.query(`UPDATE activities SET city_quotas = jsonb_build_array(jsonb_build_object('memberId', $2::text, 'seats', 0)) WHERE id = $1`, [activityId, world.offenbach]),
    ).rejects.toThrow(/more than the quota of 0/);
  });
});
