import { ok } from './support/grants-fixtures';
import { awardBody, eur, GrantsNode, GrantsWorld, programmeBody } from './support/grants-node';

describe('grants while membership is down', () => {
  const node = new GrantsNode();
  let world: GrantsWorld;

  beforeAll(async () => {
    await node.startBoth();
    world = await node.givenWorld();
    await node.stopMembership();
  }, 120_000);
  afterAll(() => node.stop());

  it('awards, signs, pays and watches on its own copies of the members and the project', async () => {
    // Membership's app is closed: its database connection is gone, and nothing of it answers.
    expect(node.membership.db.isInitialized).toBe(false);
    const g = node.grants;
    const officer = await node.officer(world);
    node.setToday('2024-02-01');

    const programme = await ok<{ id: string }>(g.as(officer).post(g.path('programmes')).send(programmeBody(world.projectId)), 'creating the programme', 201);
    const sg = await ok<{ id: string; status: string }>(
      g.as(officer).post(g.path(`programmes/${programme.id}/sub-grants`)).send(awardBody(world.ravenna, 5_000_000)),
      'awarding Ravenna',
      201,
    );
    // A partner organisation is still told apart from a city, from the copy.
    const partner = await g.as(officer).post(g.path(`programmes/${programme.id}/sub-grants`)).send(awardBody(world.accem, 1_000_000)).expect(422);
    expect(partner.body.rule).toBe('sub-grant.city');

    await ok(g.as(officer).post(g.path(`sub-grants/${sg.id}/sign`)).send({ signedOn: '2024-02-01', documentRef: 'agreement-ravenna.pdf' }), 'signing');
    const paid = await ok<{ disbursements: unknown[] }>(
      g.as(officer).post(g.path(`sub-grants/${sg.id}/tranches/0/release`)).send({ paidOn: '2024-02-05', paymentReference: 'PAY-1' }),
      'paying tranche 1',
    );
    expect(paid.disbursements).toEqual([expect.objectContaining({ trancheIndex: 0, amount: eur(2_000_000), paymentReference: 'PAY-1' })]);

    const watch = await ok<{ figures: Record<string, unknown> }>(g.as(officer).get(g.path(`programmes/${programme.id}/watch`)).query({ on: '2024-02-05' }), 'watching');
    expect(watch.figures).toMatchObject({ awarded: eur(5_000_000), disbursed: eur(2_000_000) });
    // The export names the city from grants' copy of the member.
    const csv = await g.as(officer).get(g.path(`programmes/${programme.id}/watch.csv`)).query({ on: '2024-02-05' }).expect(200);
    expect(csv.text).toContain('Ravenna');
    // The sub-grant's own watch reads the city's local date from the copy too.
    await ok(g.as(officer).get(g.path(`sub-grants/${sg.id}/watch`)), "the sub-grant's watch");

    expect((await g.events(sg.id)).map((e) => e.type)).toEqual(['grants.sub-grant.awarded', 'grants.sub-grant.signed', 'grants.sub-grant.tranche-released']);
  });
});
