import { addDays } from '@intercity/domain';
import { waitFor } from '@intercity/testing';
import { contents, expectProblem, givenStaff, ok } from './support/exchanges-fixtures';
import { created, ExchangeWorld, ExchangesNode } from './support/exchanges-node';

interface PairingBody {
  id: string;
  status: string;
  visits: { number: number; status: string; visitorIds: string[]; startsOn: string | null }[];
}

interface Candidate {
  visitOne: { start: string; end: string; days: string[] };
  visitTwo: { start: string; end: string; days: string[] };
}

describe("exchanges on membership's and practice's events", () => {
  const node = new ExchangesNode();
  let world: ExchangeWorld;

  beforeAll(async () => {
    await node.startAll();
    world = await node.givenWorld();
  }, 60_000);
  afterAll(() => node.stop());

  it('forgets a person erased in membership: the copy keeps no personal data, visits not yet held lose them, held ones keep them', async () => {
    const x = node.exchanges;
    const [erased, colleague] = await givenStaff(node, world.ravenna, 2);
    node.setToday('2026-03-02');
    // P: Ravenna's staff visit Offenbach (visit one, to be held); Q: with a reason, Ravenna mentors
    // Cartagena, and its staff visit Cartagena in visit two (ahead).
    const p = await ok<PairingBody>(x.http.post(x.path('pairings')).send({ communityId: world.communityId, mentoringMemberId: world.offenbach, implementingMemberId: world.ravenna }), 'proposing P', 201);
    const q = await ok<PairingBody>(
      x.http.post(x.path('pairings')).send({ communityId: world.communityId, mentoringMemberId: world.ravenna, implementingMemberId: world.cartagena, rolesReason: 'Ravenna runs the model one-stop-shop' }),
      'proposing Q',
      201,
    );
    for (const [id, cities] of [
      [p.id, [world.offenbach, world.ravenna]],
      [q.id, [world.ravenna, world.cartagena]],
    ] as const) {
      for (const city of cities) await ok(x.http.post(x.path(`pairings/${id}/cities/${city}/accept`)), 'accepting');
    }
    await ok(x.http.put(x.path(`pairings/${p.id}/schedule`)).send({ visitOne: { start: '2026-04-13', end: '2026-04-17' }, visitTwo: { start: '2026-05-04', end: '2026-05-08' } }), 'scheduling P');
    await ok(x.http.put(x.path(`pairings/${q.id}/schedule`)).send({ visitOne: { start: '2026-06-08', end: '2026-06-12' }, visitTwo: { start: '2026-06-29', end: '2026-07-03' } }), 'scheduling Q');
    await ok(x.http.put(x.path(`pairings/${p.id}/visits/1/visitors`)).send({ personIds: [erased, colleague] }), 'visitors of P');
    await ok(x.http.put(x.path(`pairings/${q.id}/visits/2/visitors`)).send({ personIds: [erased, colleague] }), 'visitors of Q');
    node.setToday('2026-04-18');
    await ok(x.http.post(x.path(`pairings/${p.id}/visits/1/done`)), 'P visit one done');
    const qEventsBefore = (await x.events(q.id)).length;

    await ok(node.membership.http.post(node.membership.path(`people/${erased}/erasure`)), 'erasing');

    const [copy] = await waitFor(
      async () => {
        const rows = await x.db.query(`SELECT given_name, family_name, email, preferred_language, erased FROM people WHERE id = $1 AND erased`, [erased]);
        return rows.length ? rows : undefined;
      },
      { description: "exchanges' copy of the person erased" },
    );
    expect(copy).toEqual({ given_name: null, family_name: null, email: null, preferred_language: null, erased: true });
    const afterQ = await waitFor(
      async () => {
        const { body } = await x.http.get(x.path(`pairings/${q.id}`)).expect(200);
        return (body as PairingBody).visits[1].visitorIds.includes(erased) ? undefined : (body as PairingBody);
      },
      { description: 'the erased person gone from the visit ahead' },
    );
    expect(afterQ.visits[1].visitorIds).toEqual([colleague]);
    const [{ n }] = await x.db.query(`SELECT count(*)::int AS n FROM visitors vi JOIN visits v ON v.id = vi.visit_id WHERE vi.person_id = $1 AND v.pairing_id = $2`, [erased, q.id]);
    expect(n).toBe(0);
    const changed = (await x.events(q.id)).slice(qEventsBefore);
    expect(changed.map((e) => e.type)).toEqual(['exchanges.visit.visitors-changed']);
    // Visit one of P was held with them: what happened stays as it was.
    const { body: afterP } = await x.http.get(x.path(`pairings/${p.id}`)).expect(200);
    expect([...(afterP as PairingBody).visits[0].visitorIds].sort()).toEqual([erased, colleague].sort());
    // Nothing more can be planned for them.
    node.setToday('2026-03-02');
    const again = await x.http.put(x.path(`pairings/${q.id}/visits/2/visitors`)).send({ personIds: [colleague, erased] });
    expectProblem(again, 422, 'visit.visitor-known', 'personIds[1]');
  });

  it('refuses a visitor confirmed for a practice activity held in another city on a day of the visit', async () => {
    const x = node.exchanges;
    const pr = node.practice;
    // Practice schedules by the real clock; exchanges' clock is set to the same day.
    const today = new Date().toISOString().slice(0, 10);
    node.setToday(today);
    const [busy, free] = await givenStaff(node, world.cartagena, 2);
    const pairing = await ok<PairingBody>(
      x.http.post(x.path('pairings')).send({ communityId: world.communityId, mentoringMemberId: world.offenbach, implementingMemberId: world.cartagena }),
      'proposing',
      201,
    );
    for (const city of [world.offenbach, world.cartagena]) await ok(x.http.post(x.path(`pairings/${pairing.id}/cities/${city}/accept`)), 'accepting');
    const { candidates } = await ok<{ candidates: Candidate[] }>(
      x.http.get(x.path(`pairings/${pairing.id}/proposals`)).query({ from: addDays(today, 21), to: addDays(today, 200), maxCandidates: 1 }),
      'asking the assistant',
    );
    const [{ visitOne, visitTwo }] = candidates;
    await ok(x.http.put(x.path(`pairings/${pairing.id}/schedule`)).send({ visitOne: { start: visitOne.start, end: visitOne.end }, visitTwo: { start: visitTwo.start, end: visitTwo.end } }), 'scheduling');

    // A workshop in Ravenna on the third day of visit one (Cartagena's staff visiting Offenbach).
    const day = visitOne.days[2];
    const { id: activityId } = await created(
      pr.http.post(pr.path('activities')).send({
        communityId: world.communityId,
        hostMemberId: world.ravenna,
        kind: 'workshop',
        title: 'One-stop-shop peer-learning workshop',
        place: 'Piazza del Popolo 1, Ravenna',
        sessions: [{ startsAt: `${day}T08:00:00Z`, endsAt: `${day}T12:00:00Z` }],
        capacity: 30,
        registrationWindow: { opensAt: new Date(Date.now() - 3_600_000).toISOString(), closesAt: `${addDays(today, 14)}T00:00:00Z` },
        languages: ['en'],
      }),
      'activity',
    );
    await ok(pr.http.post(pr.path(`activities/${activityId}/open`)), 'opening the activity');
    const registration = await ok<{ id: string; status: string }>(pr.http.post(pr.path(`activities/${activityId}/registrations`)).send({ personId: busy }), 'registering', 201);
    expect(registration.status).toBe('confirmed');
    await waitFor(
      async () => {
        const rows = await x.db.query(
          `SELECT 1 FROM activity_registrations r JOIN activities a ON a.id = r.activity_id WHERE r.id = $1 AND r.person_id = $2 AND r.status = 'confirmed' AND $3::date = ANY (a.days) AND a.status = 'open'`,
          [registration.id, busy, day],
        );
        return rows.length === 1;
      },
      { description: "exchanges' copies of the activity and the registration" },
    );

    const before = await contents(node);
    const refused = await x.http.put(x.path(`pairings/${pairing.id}/visits/1/visitors`)).send({ personIds: [free, busy] });
    expectProblem(refused, 409, 'visit.visitor-busy', 'personIds[1]');
    expect(refused.body.detail).toContain(day);
    expect(await contents(node)).toEqual(before);
    // A colleague without the workshop goes.
    const named = await ok<PairingBody>(x.http.put(x.path(`pairings/${pairing.id}/visits/1/visitors`)).send({ personIds: [free] }), 'naming the free colleague');
    expect(named.visits[0].visitorIds).toEqual([free]);
  });
});

describe('exchanges with membership and practice down', () => {
  const node = new ExchangesNode();
  let world: ExchangeWorld;

  beforeAll(async () => {
    await node.startAll();
    world = await node.givenWorld();
  }, 60_000);
  afterAll(() => node.stop());

  it('proposes, accepts, asks the assistant, schedules and names visitors from its own copies', async () => {
    const x = node.exchanges;
    const [r1] = await node.givenPeople(world.ravenna, 1);
    node.setToday('2026-03-02');
    await node.stopUpstream();

    const offenbach = await node.liaisonOf(world, world.offenbach);
    const ravenna = await node.liaisonOf(world, world.ravenna);
    const { body: proposed } = await x
      .as(offenbach)
      .post(x.path('pairings'))
      .send({ communityId: world.communityId, mentoringMemberId: world.offenbach, implementingMemberId: world.ravenna })
      .expect(201);
    await x.as(offenbach).post(x.path(`pairings/${proposed.id}/cities/${world.offenbach}/accept`)).expect(200);
    const agreed = await x.as(ravenna).post(x.path(`pairings/${proposed.id}/cities/${world.ravenna}/accept`)).expect(200);
    expect(agreed.body.status).toBe('agreed');
    await x.as(ravenna).post(x.path(`cities/${world.ravenna}/blackouts`)).send({ from: '2026-04-27', to: '2026-05-08', reason: 'Town-hall move' }).expect(201);

    const { body: proposal } = await x.as(ravenna).get(x.path(`pairings/${proposed.id}/proposals`)).query({ from: '2026-03-30', to: '2026-06-30', maxCandidates: 1 }).expect(200);
    const [first] = proposal.candidates as Candidate[];
    // Easter in Hesse for visit one; Ravenna's closure pushes visit two past 8 May.
    expect(first.visitOne).toEqual({ start: '2026-03-30', end: '2026-04-07', days: ['2026-03-30', '2026-03-31', '2026-04-01', '2026-04-02', '2026-04-07'] });
    expect(first.visitTwo.start > '2026-05-08').toBe(true);
    const scheduled = await x
      .as(ravenna)
      .put(x.path(`pairings/${proposed.id}/schedule`))
      .send({ visitOne: { start: first.visitOne.start, end: first.visitOne.end }, visitTwo: { start: first.visitTwo.start, end: first.visitTwo.end } })
      .expect(200);
    expect(scheduled.body.status).toBe('scheduled');
    const named = await x.as(ravenna).put(x.path(`pairings/${proposed.id}/visits/1/visitors`)).send({ personIds: [r1] }).expect(200);
    expect(named.body.visits[0].visitorIds).toEqual([r1]);
    const list = await x.as(ravenna).get(x.path('pairings')).query({ memberId: world.ravenna }).expect(200);
    expect(list.body.items.map((p: { id: string }) => p.id)).toEqual([proposed.id]);
  });
});
