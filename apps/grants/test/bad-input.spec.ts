import type { Response } from 'supertest';
import { contents, expectMalformed, expectProblem, ok } from './support/grants-fixtures';
import { awardBody, eur, GrantsNode, GrantsWorld, programmeBody } from './support/grants-node';

describe('bad input: a 4xx problem naming the rule and the field, and nothing stored changes', () => {
  const node = new GrantsNode();
  let world: GrantsWorld;
  let officer: string;
  /** ECCIPA's programme: EUR 248,993, at most EUR 60,000 per city. */
  let programmeId: string;
  /** A small programme: EUR 100,000, EUR 90,000 of it awarded. */
  let smallId: string;
  /** Ravenna's EUR 50,000 in the ECCIPA programme, signed. */
  let ravennaSg: string;
  /** Cartagena's EUR 10,000 in the ECCIPA programme, not signed; its second tranche also waits for a milestone. */
  let cartagenaSg: string;

  beforeAll(async () => {
    await node.startBoth();
    world = await node.givenWorld(2);
    node.setToday('2024-02-01');
    officer = await node.officer(world);
    const g = node.grants;
    const post = (path: string, body: object, status = 201) => ok<{ id: string }>(g.as(officer).post(g.path(path)).send(body), `POST ${path}`, status);
    programmeId = (await post('programmes', programmeBody(world.projectId))).id;
    smallId = (await post('programmes', programmeBody(world.projectId, { name: 'Small', envelope: eur(10_000_000) }))).id;
    await post(`programmes/${smallId}/sub-grants`, awardBody(world.ravenna, 5_000_000));
    await post(`programmes/${smallId}/sub-grants`, awardBody(world.cartagena, 4_000_000));
    ravennaSg = (await post(`programmes/${programmeId}/sub-grants`, awardBody(world.ravenna, 5_000_000))).id;
    await post(`sub-grants/${ravennaSg}/sign`, { signedOn: '2024-02-01', documentRef: 'agreement-ravenna.pdf' }, 200);
    const tranches = [
      { kind: 'pre-financing', sharePercent: 40, conditions: { agreementSigned: true, reportApproved: null, minAccountedPercent: 0, milestones: [] } },
      { kind: 'interim', sharePercent: 40, conditions: { agreementSigned: true, reportApproved: 'interim', minAccountedPercent: 70, milestones: ['stakeholder-workshop'] } },
      { kind: 'final', sharePercent: 20, conditions: { agreementSigned: true, reportApproved: 'final', minAccountedPercent: 0, milestones: [] } },
    ];
    cartagenaSg = (await post(`programmes/${programmeId}/sub-grants`, awardBody(world.cartagena, 1_000_000, { tranches }))).id;
  }, 120_000);
  afterAll(() => node.stop());

  /** Runs the request, checks the problem, and that grants' tables are exactly as before. */
  async function refused(request: () => PromiseLike<Response>, check: (res: Response) => void): Promise<void> {
    const before = await contents(node);
    check(await request());
    expect(await contents(node)).toEqual(before);
  }

  const award = (programme: string, body: object) => node.grants.as(officer).post(node.grants.path(`programmes/${programme}/sub-grants`)).send(body);
  const report = (token: string, lines: object[]) => node.grants.as(token).post(node.grants.path(`sub-grants/${ravennaSg}/reports`)).send({ deadlineKey: 'interim-2024', lines });

  it('an award beyond the envelope (409)', async () => {
    // EUR 10,000 of the small programme is left; EUR 20,000 is asked for another city.
    await refused(() => award(smallId, awardBody(world.others[0], 2_000_000)), (res) => expectProblem(res, 409, 'programme.envelope-exceeded', 'awarded'));
  });

  it('an award beyond the per-recipient maximum: 422 on its own, 409 with the city’s earlier awards', async () => {
    await refused(() => award(programmeId, awardBody(world.others[1], 6_000_001)), (res) => expectProblem(res, 422, 'sub-grant.max-per-recipient', 'awarded'));
    // Ravenna holds EUR 50,000 already: EUR 20,000 more would be EUR 70,000.
    await refused(() => award(programmeId, awardBody(world.ravenna, 2_000_000)), (res) => expectProblem(res, 409, 'sub-grant.max-per-recipient', 'awarded'));
  });

  it('budget lines that do not add up to the award (422)', async () => {
    const budgetLines = [
      { category: 'staff', amount: eur(750_000) },
      { category: 'travel', amount: eur(200_000) },
    ];
    await refused(() => award(programmeId, awardBody(world.others[1], 1_000_000, { budgetLines })), (res) => expectProblem(res, 422, 'budget.sum', 'budgetLines'));
  });

  it('a tranche released early (409), listing every condition unmet', async () => {
    const g = node.grants;
    await refused(
      () => g.as(officer).post(g.path(`sub-grants/${cartagenaSg}/tranches/1/release`)).send({ paidOn: '2024-02-05', paymentReference: 'PAY-EARLY' }),
      (res) => {
        expectProblem(res, 409, 'tranche.conditions-unmet', 'trancheIndex');
        for (const condition of ['previous-tranche-released', 'agreement-signed', 'interim-report-approved', 'milestone-reached:stakeholder-workshop']) {
          expect(res.body.detail).toContain(condition);
        }
      },
    );
  });

  it('a report for another city’s sub-grant (403)', async () => {
    const cartagena = await node.liaison(world, world.cartagena);
    await refused(() => report(cartagena, [{ category: 'staff', spent: eur(100_000) }]), (res) => expectProblem(res, 403, 'access.own-city'));
  });

  it('a negative amount (400)', async () => {
    await refused(() => award(programmeId, awardBody(world.others[1], 1_000_000, { awarded: eur(-1_000_000) })), (res) => expectMalformed(res, 'awarded.amountMinor', 'isMinorUnits'));
    const ravenna = await node.liaison(world, world.ravenna);
    await refused(() => report(ravenna, [{ category: 'staff', spent: eur(-100) }]), (res) => expectMalformed(res, 'lines.0.spent.amountMinor', 'isMinorUnits'));
  });

  it('a fractional amount, "2500.50" (400)', async () => {
    await refused(
      () => award(programmeId, awardBody(world.others[1], 1_000_000, { awarded: { amountMinor: '2500.50', currency: 'EUR' } })),
      (res) => expectMalformed(res, 'awarded.amountMinor', 'isMinorUnits'),
    );
  });

  it('an unknown currency, "XYZ" (400)', async () => {
    await refused(
      () => award(programmeId, awardBody(world.others[1], 1_000_000, { awarded: { amountMinor: '1000000', currency: 'XYZ' } })),
      (res) => expectMalformed(res, 'awarded.currency', 'isIn'),
    );
  });

  it('a JSON number where a string of minor units is expected (400 naming awarded.amountMinor)', async () => {
    await refused(
      () => award(programmeId, awardBody(world.others[1], 2_500_000, { awarded: { amountMinor: 2_500_000, currency: 'EUR' } })),
      (res) => {
        expectMalformed(res, 'awarded.amountMinor', 'isString');
        expect(res.body.violations.map((v: { field: string }) => v.field)).toEqual(['awarded.amountMinor', 'awarded.amountMinor']);
      },
    );
  });

  it('a report spent in another currency without the rate (422)', async () => {
    const ravenna = await node.liaison(world, world.ravenna);
    await refused(() => report(ravenna, [{ category: 'staff', spent: { amountMinor: '100000', currency: 'USD' } }]), (res) => expectProblem(res, 422, 'report.rate-required', 'lines.0.rate'));
  });

  it('an award in another currency than the programme’s (422)', async () => {
    const usd = (minor: number) => ({ amountMinor: String(minor), currency: 'USD' });
    const body = awardBody(world.others[1], 1_000_000, {
      awarded: usd(1_000_000),
      budgetLines: [
        { category: 'staff', amount: usd(750_000) },
        { category: 'travel', amount: usd(250_000) },
      ],
    });
    await refused(() => award(programmeId, body), (res) => expectProblem(res, 422, 'money.currency-mismatch', 'awarded.currency'));
  });
});
