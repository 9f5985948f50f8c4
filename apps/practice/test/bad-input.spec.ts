import type { Response } from 'supertest';
import { at, givenCommunity, givenOpenActivity, HOUR, PracticeNode, World, workshop } from './support/practice-node';

function expectProblem(res: Response, status: number, rule: string): void {
  expect({ status: res.status, rule: res.body.rule ?? res.body.violations?.map((v: { rule: string }) => v.rule) }).toEqual({ status, rule });
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
}

describe('bad input (issue 5): a 4xx problem naming the rule, and nothing stored changes', () => {
  const node = new PracticeNode();
  let world: World;
  let communityId: string;
  let ravennans: string[];
  let offenbachers: string[];

  beforeAll(async () => {
    await node.startBoth();
    world = await node.givenWorld();
    communityId = await givenCommunity(node, world);
    ravennans = await node.givenPeople(world.ravenna, 3, 'rv');
    offenbachers = await node.givenPeople(world.offenbach, 2, 'ob');
  });
  afterAll(() => node.stop());

  /** Runs the request and checks the practice tables are exactly as before. */
  async function refused(request: () => PromiseLike<Response>, status: number, rule: string): Promise<void> {
    const before = await node.practice.contents();
    expectProblem(await request(), status, rule);
    expect(await node.practice.contents()).toEqual(before);
  }

  const register = (activityId: string, personId: string, token?: string) => {
    const p = node.practice;
    return (token ? p.as(token) : p.http).post(p.path(`activities/${activityId}/registrations`)).send({ personId });
  };

  it('registration outside the window', async () => {
    const activityId = await givenOpenActivity(node, world, communityId, { registrationWindow: { opensAt: at(24 * HOUR), closesAt: at(48 * HOUR) } });
    await refused(() => register(activityId, ravennans[0]), 409, 'registration.window');
  });

  it('registration for a cancelled activity', async () => {
    const p = node.practice;
    const activityId = await givenOpenActivity(node, world, communityId);
    await p.http.post(p.path(`activities/${activityId}/cancel`)).send({ reason: 'The venue is closed' }).expect(200);
    await refused(() => register(activityId, ravennans[0]), 409, 'activity.cancelled');
  });

  it('registering the same person twice', async () => {
    const activityId = await givenOpenActivity(node, world, communityId);
    await register(activityId, ravennans[1]).expect(201);
    await refused(() => register(activityId, ravennans[1]), 409, 'registration.duplicate');
  });

  it("a liaison registering another city's staff is forbidden (403)", async () => {
    const p = node.practice;
    const activityId = await givenOpenActivity(node, world, communityId);
    const liaison = await p.tokenFor('liaison@ravenna.example', { role: 'city-liaison', networkId: world.networkId, memberId: world.ravenna });
    await refused(() => register(activityId, offenbachers[0], liaison), 403, 'access.own-city');
    // Their own city's people they may register.
    await register(activityId, ravennans[2], liaison).expect(201);
  });

  it('attendance for a person not registered', async () => {
    const p = node.practice;
    // A session under way now, so attendance can be taken.
    const activityId = await givenOpenActivity(node, world, communityId, {
      sessions: [{ startsAt: at(-HOUR), endsAt: at(3 * HOUR) }],
      registrationWindow: { opensAt: at(-24 * HOUR), closesAt: at(2 * HOUR) },
    });
    await register(activityId, ravennans[0]).expect(201);
    const activity = await p.http.get(p.path(`activities/${activityId}`)).expect(200);
    const sessionId = activity.body.sessions[0].id;
    const record = (personId: string) =>
      p.http.post(p.path(`activities/${activityId}/sessions/${sessionId}/attendance`)).send({ entries: [{ personId, status: 'present' }] });
    await refused(() => record(offenbachers[1]), 422, 'attendance.not-registered');

    // The registered person's attendance counts towards their learning record: four hours.
    await record(ravennans[0]).expect(200);
    const learning = await p.http.get(p.path(`people/${ravennans[0]}/learning-record`)).expect(200);
    expect(learning.body).toMatchObject({ personId: ravennans[0], minutes: 240, hours: 4, sessions: 1 });
  });

  it('a session ending before it starts', async () => {
    const p = node.practice;
    const body = workshop(communityId, world.ravenna, { sessions: [{ startsAt: at(30 * 24 * HOUR), endsAt: at(30 * 24 * HOUR - HOUR) }] });
    await refused(() => p.http.post(p.path('activities')).send(body), 400, 'session.ends-before-start');
  });
});
