import type { Response } from 'supertest';
import { contents, expectMalformed, expectProblem, ok } from './support/exchanges-fixtures';
import { ExchangeWorld, ExchangesNode } from './support/exchanges-node';

/** Five working days at Offenbach (Hesse) and at Ravenna, 14 days apart, clear of holidays. */
const VISIT_ONE = { start: '2026-04-13', end: '2026-04-17' };
const VISIT_TWO = { start: '2026-05-04', end: '2026-05-08' };

describe('bad input: a 4xx problem naming the rule and the field, and nothing stored changes', () => {
  const node = new ExchangesNode();
  let world: ExchangeWorld;
  /** Offenbach (mentoring) and Ravenna (implementing), agreed by both, not yet dated. */
  let pairingId: string;
  let ravennans: string[];
  let offenbachers: string[];

  beforeAll(async () => {
    await node.startAll();
    world = await node.givenWorld();
    node.setToday('2026-03-02');
    ravennans = await node.givenPeople(world.ravenna, 1);
    offenbachers = await node.givenPeople(world.offenbach, 1);
    const x = node.exchanges;
    const proposed = await ok<{ id: string }>(
      x.http.post(x.path('pairings')).send({ communityId: world.communityId, mentoringMemberId: world.offenbach, implementingMemberId: world.ravenna }),
      'proposing',
      201,
    );
    pairingId = proposed.id;
    await ok(x.http.post(x.path(`pairings/${pairingId}/cities/${world.offenbach}/accept`)), 'accepting for Offenbach');
    await ok(x.http.post(x.path(`pairings/${pairingId}/cities/${world.ravenna}/accept`)), 'accepting for Ravenna');
  }, 60_000);
  afterAll(() => node.stop());

  /** Runs the request, checks the problem, and that exchanges' tables are exactly as before. */
  async function refused(request: () => PromiseLike<Response>, check: (res: Response) => void): Promise<void> {
    const before = await contents(node);
    check(await request());
    expect(await contents(node)).toEqual(before);
  }

  const propose = (body: Record<string, unknown>) => node.exchanges.http.post(node.exchanges.path('pairings')).send({ communityId: world.communityId, ...body });
  const schedule = (visitOne: object, visitTwo: object) => node.exchanges.http.put(node.exchanges.path(`pairings/${pairingId}/schedule`)).send({ visitOne, visitTwo });

  it('cities from different communities', async () => {
    // Bologna takes part in the project but not in the community.
    await refused(
      () => propose({ mentoringMemberId: world.offenbach, implementingMemberId: world.bologna }),
      (res) => expectProblem(res, 422, 'pairing.same-community', 'implementingMemberId'),
    );
  });

  it('a city paired with itself', async () => {
    await refused(() => propose({ mentoringMemberId: world.offenbach, implementingMemberId: world.offenbach }), (res) => expectProblem(res, 422, 'pairing.same-city', 'implementingMemberId'));
  });

  it('a partner organisation', async () => {
    await refused(() => propose({ mentoringMemberId: world.offenbach, implementingMemberId: world.accem }), (res) => expectProblem(res, 422, 'pairing.is-city', 'implementingMemberId'));
  });

  it('roles against the experience levels, without a reason', async () => {
    // Cartagena is an implementing city in the project.
    await refused(
      () => propose({ mentoringMemberId: world.cartagena, implementingMemberId: world.ravenna }),
      (res) => expectProblem(res, 422, 'pairing.roles-follow-experience', 'mentoringMemberId'),
    );
  });

  it('a pairing of two cities already paired in the community, in either order of roles', async () => {
    await refused(() => propose({ mentoringMemberId: world.offenbach, implementingMemberId: world.ravenna }), (res) => expectProblem(res, 409, 'pairing.unique', 'implementingMemberId'));
    await refused(
      () => propose({ mentoringMemberId: world.ravenna, implementingMemberId: world.offenbach, rolesReason: 'Ravenna leads on this theme' }),
      (res) => expectProblem(res, 409, 'pairing.unique', 'implementingMemberId'),
    );
  });

  it('visit two before visit one', async () => {
    // Both are five working days of their hosts; visit two is the same week.
    await refused(() => schedule(VISIT_ONE, VISIT_ONE), (res) => expectProblem(res, 400, 'exchange.visit-two-before-visit-one', 'visitTwo.start'));
  });

  it('fewer or more than five working days', async () => {
    await refused(() => schedule({ start: '2026-04-13', end: '2026-04-16' }, VISIT_TWO), (res) => expectProblem(res, 422, 'visit.working-days', 'visitOne.end'));
    await refused(() => schedule({ start: '2026-04-13', end: '2026-04-20' }, VISIT_TWO), (res) => expectProblem(res, 422, 'visit.working-days', 'visitOne.end'));
    // Five calendar days over Easter Monday (6 April 2026) hold four working days in Hesse.
    await refused(() => schedule({ start: '2026-04-02', end: '2026-04-08' }, VISIT_TWO), (res) => expectProblem(res, 422, 'visit.working-days', 'visitOne.end'));
  });

  it("dates in the host's blackout", async () => {
    const x = node.exchanges;
    await ok(x.http.post(x.path(`cities/${world.offenbach}/blackouts`)).send({ from: '2026-06-15', to: '2026-06-19', reason: 'Kreistag election' }), 'adding a blackout', 201);
    await refused(
      () => schedule({ start: '2026-06-15', end: '2026-06-19' }, { start: '2026-07-06', end: '2026-07-10' }),
      (res) => expectProblem(res, 409, 'visit.blackout', 'visitOne.start'),
    );
  });

  it('a visitor from the host city', async () => {
    const x = node.exchanges;
    await refused(
      () => x.http.put(x.path(`pairings/${pairingId}/visits/1/visitors`)).send({ personIds: [offenbachers[0]] }),
      (res) => expectProblem(res, 422, 'visit.visitor-not-from-host', 'personIds[0]'),
    );
  });

  it('a liaison acting for another city is forbidden (403)', async () => {
    const x = node.exchanges;
    const ravenna = await node.liaisonOf(world, world.ravenna);
    await refused(() => x.as(ravenna).post(x.path(`pairings/${pairingId}/cities/${world.offenbach}/accept`)), (res) => expectProblem(res, 403, 'access.own-city'));
    await refused(
      () => x.as(ravenna).post(x.path(`cities/${world.offenbach}/blackouts`)).send({ from: '2026-08-03', to: '2026-08-21', reason: 'summer closure' }),
      (res) => expectProblem(res, 403, 'access.own-city'),
    );
    await refused(() => x.as(ravenna).put(x.path(`pairings/${pairingId}/visits/2/visitors`)).send({ personIds: [offenbachers[0]] }), (res) => expectProblem(res, 403, 'access.own-city'));
    // Ravenna's own staff on Ravenna's own visit it may name.
    await ok(x.as(ravenna).put(x.path(`pairings/${pairingId}/visits/1/visitors`)).send({ personIds: [ravennans[0]] }), 'naming own staff');
  });

  it('malformed dates and ids, naming the field (400)', async () => {
    const x = node.exchanges;
    await refused(() => schedule({ start: '2026-4-13', end: '2026-04-17' }, VISIT_TWO), (res) => expectMalformed(res, 'visitOne.start'));
    await refused(() => schedule(VISIT_ONE, { start: '2026-05-04', end: '8 May 2026' }), (res) => expectMalformed(res, 'visitTwo.end'));
    await refused(() => x.http.put(x.path('pairings/not-a-uuid/schedule')).send({ visitOne: VISIT_ONE, visitTwo: VISIT_TWO }), (res) => expectMalformed(res, 'id'));
    await refused(() => propose({ communityId: 'one-stop-shops', mentoringMemberId: world.offenbach, implementingMemberId: world.ravenna }), (res) => expectMalformed(res, 'communityId'));
    await refused(() => x.http.put(x.path(`pairings/${pairingId}/visits/1/visitors`)).send({ personIds: ['r1'] }), (res) => expectMalformed(res, 'personIds'));
    await refused(() => x.http.post(x.path(`cities/${world.ravenna}/blackouts`)).send({ from: '03/08/2026', to: '2026-08-21', reason: 'summer closure' }), (res) => expectMalformed(res, 'from'));
    await refused(() => x.http.post(x.path('cities/ravenna/blackouts')).send({ from: '2026-08-03', to: '2026-08-21', reason: 'summer closure' }), (res) => expectMalformed(res, 'memberId'));
    await refused(() => x.http.get(x.path(`pairings/${pairingId}/proposals`)).query({ from: '2026-13', to: '2026-06-30' }), (res) => expectMalformed(res, 'from'));
  });

  it('a blackout over a scheduled visit', async () => {
    const x = node.exchanges;
    await ok(schedule(VISIT_ONE, VISIT_TWO), 'scheduling');
    // Ravenna hosts visit two and sends visit one: closing on a day of either is refused.
    await refused(
      () => x.http.post(x.path(`cities/${world.ravenna}/blackouts`)).send({ from: '2026-05-06', to: '2026-05-06', reason: 'Strike' }),
      (res) => expectProblem(res, 409, 'blackout.over-scheduled-visit', 'from'),
    );
    await refused(
      () => x.http.post(x.path(`cities/${world.ravenna}/blackouts`)).send({ from: '2026-04-01', to: '2026-04-13', reason: 'Town-hall move' }),
      (res) => expectProblem(res, 409, 'blackout.over-scheduled-visit', 'from'),
    );
    // A day between the visits is free to close.
    await ok(x.http.post(x.path(`cities/${world.ravenna}/blackouts`)).send({ from: '2026-04-20', to: '2026-04-24', reason: 'Town-hall move' }), 'a blackout between the visits', 201);
  });
});
