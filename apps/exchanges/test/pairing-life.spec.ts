import { waitFor } from '@intercity/testing';
import { ExchangeWorld, ExchangesNode } from './support/exchanges-node';

describe('a pairing from proposal to closing, with real calendars', () => {
  const node = new ExchangesNode();
  let world: ExchangeWorld;

  beforeAll(async () => {
    await node.startAll();
    world = await node.givenWorld();
  });
  afterAll(() => node.stop());

  it('is proposed by the lead city, agreed by both, dated around Easter in Hesse, held, reported and closed', async () => {
    const x = node.exchanges;
    const offenbach = await node.liaisonOf(world, world.offenbach);
    const ravenna = await node.liaisonOf(world, world.ravenna);
    const [r1, r2] = await node.givenPeople(world.ravenna, 2);
    const [o1] = await node.givenPeople(world.offenbach, 1);
    node.setToday('2026-03-02');

    // Only the community's lead city (or an admin) proposes.
    const body = { communityId: world.communityId, mentoringMemberId: world.offenbach, implementingMemberId: world.ravenna };
    const refused = await x.as(ravenna).post(x.path('pairings')).send(body).expect(403);
    expect(refused.headers['content-type']).toMatch(/application\/problem\+json/);
    const { body: proposed } = await x.as(offenbach).post(x.path('pairings')).send(body).expect(201);
    expect(proposed).toMatchObject({ status: 'proposed', visits: [{ number: 1, hostMemberId: world.offenbach }, { number: 2, hostMemberId: world.ravenna }] });
    const id = proposed.id;

    // Each liaison accepts for their own city only.
    await x.as(ravenna).post(x.path(`pairings/${id}/cities/${world.offenbach}/accept`)).expect(403);
    await x.as(offenbach).post(x.path(`pairings/${id}/cities/${world.offenbach}/accept`)).expect(200);
    const agreed = await x.as(ravenna).post(x.path(`pairings/${id}/cities/${world.ravenna}/accept`)).expect(200);
    expect(agreed.body.status).toBe('agreed');

    // The assistant: visit one at Offenbach skips Good Friday (3 April) and Easter Monday (6 April) 2026.
    const { body: proposal } = await x.as(ravenna).get(x.path(`pairings/${id}/proposals`)).query({ from: '2026-03-30', to: '2026-06-30', maxCandidates: 2 }).expect(200);
    const [first] = proposal.candidates;
    expect(first.visitOne).toEqual({ start: '2026-03-30', end: '2026-04-07', days: ['2026-03-30', '2026-03-31', '2026-04-01', '2026-04-02', '2026-04-07'] });
    expect(first.visitTwo.start >= '2026-04-22').toBe(true);

    const scheduled = await x.as(ravenna).put(x.path(`pairings/${id}/schedule`)).send({ visitOne: { start: first.visitOne.start, end: first.visitOne.end }, visitTwo: { start: first.visitTwo.start, end: first.visitTwo.end } }).expect(200);
    expect(scheduled.body).toMatchObject({ status: 'scheduled', visits: [{ status: 'scheduled', startsOn: '2026-03-30', endsOn: '2026-04-07', reportDueOn: '2026-04-21' }, { status: 'scheduled' }] });

    await x.as(offenbach).put(x.path(`pairings/${id}/visits/1/visitors`)).send({ personIds: [r1] }).expect(403);
    const wrongCity = await x.as(ravenna).put(x.path(`pairings/${id}/visits/1/visitors`)).send({ personIds: [o1] }).expect(422);
    expect(wrongCity.body.rule).toBe('visit.visitor-not-from-host');
    await x.as(ravenna).put(x.path(`pairings/${id}/visits/1/visitors`)).send({ personIds: [r1, r2] }).expect(200);
    await x.as(offenbach).put(x.path(`pairings/${id}/visits/2/visitors`)).send({ personIds: [o1] }).expect(200);
    const programme = await x
      .as(offenbach)
      .put(x.path(`pairings/${id}/visits/1/programme`))
      .send({ items: [{ day: '2026-03-30', time: '09:30', place: 'Kreishaus Dietzenbach', topic: 'The welcome centre' }] })
      .expect(200);
    expect(programme.body.visits[0].programme).toEqual([{ day: '2026-03-30', time: '09:30', place: 'Kreishaus Dietzenbach', hostContactId: null, topic: 'The welcome centre' }]);

    // Not before its last day.
    const early = await x.as(offenbach).post(x.path(`pairings/${id}/visits/1/done`)).expect(409);
    expect(early.body.rule).toBe('visit.done-after-last-day');
    node.setToday('2026-04-08');
    await x.as(offenbach).post(x.path(`pairings/${id}/visits/1/done`)).expect(200);
    await x.as(ravenna).post(x.path(`pairings/${id}/visits/1/report`)).send({ learnt: 'One front door for newcomers', adaptations: 'Open one at the Ravenna town hall' }).expect(200);
    node.setToday(first.visitTwo.end);
    await x.as(ravenna).post(x.path(`pairings/${id}/visits/2/done`)).expect(200);
    const reported = await x.as(offenbach).post(x.path(`pairings/${id}/visits/2/report`)).send({ learnt: 'Ravenna adapted it', adaptations: 'Share the forms', attachments: ['https://example.org/report.pdf'] }).expect(200);
    expect(reported.body.status).toBe('reported');
    await x.as(offenbach).post(x.path(`pairings/${id}/close`)).expect(403);
    const closed = await x.http.post(x.path(`pairings/${id}/close`)).expect(200);
    expect(closed.body.status).toBe('closed');

    expect((await x.events(id)).map((e) => e.type)).toEqual([
      'exchanges.pairing.proposed',
      'exchanges.pairing.accepted',
      'exchanges.pairing.accepted',
      'exchanges.pairing.agreed',
      'exchanges.visit.scheduled',
      'exchanges.visit.scheduled',
      'exchanges.pairing.scheduled',
      'exchanges.visit.visitors-changed',
      'exchanges.visit.visitors-changed',
      'exchanges.visit.programme-updated',
      'exchanges.visit.done',
      'exchanges.visit.report-submitted',
      'exchanges.visit.done',
      'exchanges.visit.report-submitted',
      'exchanges.pairing.reported',
      'exchanges.pairing.closed',
    ]);
  });

  it('never books one person into two overlapping visits, however many try at once', async () => {
    const x = node.exchanges;
    const [traveller] = await node.givenPeople(world.offenbach, 1);
    node.setToday('2026-03-02');
    const pairWith = async (implementing: string) => {
      const { body } = await x.http.post(x.path('pairings')).send({ communityId: world.communityId, mentoringMemberId: world.offenbach, implementingMemberId: implementing, minGapDays: 0 }).expect(201);
      await x.http.post(x.path(`pairings/${body.id}/cities/${world.offenbach}/accept`)).expect(200);
      await x.http.post(x.path(`pairings/${body.id}/cities/${implementing}/accept`)).expect(200);
      // The same weeks for both (clear of Corpus Christi, 4 June in Hesse): visit two, Offenbach's
      // staff travelling, overlaps in both pairings.
      await x.http.put(x.path(`pairings/${body.id}/schedule`)).send({ visitOne: { start: '2026-06-08', end: '2026-06-12' }, visitTwo: { start: '2026-06-22', end: '2026-06-26' } }).expect(200);
      return body.id as string;
    };
    await x.http.post(x.path('pairings/00000000-0000-7000-8000-000000000000/cancel')).send({ reason: 'none' }).expect(404);
    // Bologna joins the community; its copy here follows practice's event.
    await node.practice.http.post(node.practice.path(`communities/${world.communityId}/cities`)).send({ memberId: world.bologna }).expect(200);
    await waitFor(async () => {
      const [row] = await x.db.query(`SELECT $2::uuid = ANY (member_ids) AS joined FROM communities WHERE id = $1`, [world.communityId, world.bologna]);
      return row?.joined;
    }, { description: "exchanges' copy of Bologna joining" });
    const a = await pairWith(world.cartagena);
    const b = await pairWith(world.bologna);

    const attempts = await Promise.all(
      Array.from({ length: 10 }, (_, i) => x.http.put(x.path(`pairings/${i % 2 ? a : b}/visits/2/visitors`)).send({ personIds: [traveller] })),
    );
    const ok = attempts.filter((r: { status: number }) => r.status === 200);
    expect(ok.length).toBeGreaterThanOrEqual(1);
    const [{ n }] = await x.db.query(`SELECT count(DISTINCT visit_id)::int AS n FROM visitors WHERE person_id = $1`, [traveller]);
    expect(n).toBe(1);
    for (const r of attempts.filter((r) => r.status !== 200)) {
      expect(r.status).toBe(409);
      expect(['visit.visitor-one-visit-at-a-time', 'visit.visitor-busy']).toContain(r.body.rule);
    }
  });
});
