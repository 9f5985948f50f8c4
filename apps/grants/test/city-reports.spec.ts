import { Clock } from '@intercity/platform';
import { expectRuleProblem } from '@intercity/service-testing';
import { waitFor } from '@intercity/testing';
import { ok } from './support/grants-fixtures';
import { CITY_NODE_ID, GrantsCityNode, HubEnvelope } from './support/grants-city-node';
import { awardBody, eur, GrantsNode, GrantsWorld, programmeBody } from './support/grants-node';

/**
 * Ravenna runs its own node and writes its expenditure reports there; the hub's officer reviews
 * the hub's copy. The hub's grants runs as a hub's (it keeps copies of the reports cities write);
 * the events between the two are carried by hand, as the hub's feed and ingest gate carry them.
 */
describe("a city's expenditure reports, written on its own node and reviewed at the hub", () => {
  const hub = new GrantsNode();
  const city = new GrantsCityNode();
  let world: GrantsWorld;
  let ravennaGrant: string;
  let cartagenaGrant: string;
  const toCity = new Set<string>();
  const toHub = new Set<string>();

  /** What the hub wrote that the city has not been sent yet, sent. */
  async function hubToCity(): Promise<void> {
    const all = [...(await hub.membership.events()), ...(await hub.grants.events())].map((e) => e.envelope as HubEnvelope).filter((e) => !toCity.has(e.id));
    await city.fromHub(all);
    all.forEach((e) => toCity.add(e.id));
    await city.applied(all.filter((e) => e.type.startsWith('grants.')).map((e) => e.id));
  }

  /** What the city wrote that the hub has not been given yet, given (as the gate passes it on). */
  async function cityToHub(): Promise<HubEnvelope[]> {
    const all = (await city.grants.events()).map((e) => e.envelope as HubEnvelope).filter((e) => !toHub.has(e.id));
    await hub.fromCity(all);
    all.forEach((e) => toHub.add(e.id));
    return all;
  }

  const cityLiaison = () => city.grants.tokenFor('francesca.ricci@ravenna.example.org', { role: 'city-liaison', networkId: world.networkId, memberId: world.ravenna });
  const atHub = async (id: string) => (await hub.grants.as(await hub.officer(world)).get(hub.grants.path(`reports/${id}`))).body;
  const atCity = async (id: string) => (await city.grants.as(await cityLiaison()).get(city.grants.path(`reports/${id}`))).body;

  beforeAll(async () => {
    await Promise.all([hub.startBoth({ FEDERATION_ROLE: 'hub', NODE_ID: 'hub' }), city.startGrants()]);
    world = await hub.givenWorld(0, CITY_NODE_ID);
    const g = hub.grants;
    const officer = await hub.officer(world);
    hub.setToday('2024-02-01');
    const programmeId = (await ok<{ id: string }>(g.as(officer).post(g.path('programmes')).send(programmeBody(world.projectId)), 'creating the programme', 201)).id;
    ravennaGrant = (await ok<{ id: string }>(g.as(officer).post(g.path(`programmes/${programmeId}/sub-grants`)).send(awardBody(world.ravenna, 5_000_000)), 'awarding Ravenna', 201)).id;
    cartagenaGrant = (await ok<{ id: string }>(g.as(officer).post(g.path(`programmes/${programmeId}/sub-grants`)).send(awardBody(world.cartagena, 3_000_000)), 'awarding Cartagena', 201)).id;
    for (const sg of [ravennaGrant, cartagenaGrant]) {
      await ok(g.as(officer).post(g.path(`sub-grants/${sg}/sign`)).send({ signedOn: '2024-02-01', documentRef: 'agreement.pdf' }), 'signing');
    }
    await hubToCity();
    await city.drained('membership');
  }, 120_000);
  afterAll(async () => {
    await hub.stop();
    await city.stop();
  });

  it('takes the report on the city node, the hub reviews its copy, and the city resubmits after a return', async () => {
    const liaison = await cityLiaison();
    const c = city.grants;
    const today = new Date('2025-01-20T12:00:00Z');
    c.app.get(Clock).now = () => today;
    hub.setToday('2025-01-22');
    const submitted = await c.as(liaison).post(c.path(`sub-grants/${ravennaGrant}/reports`)).send({ deadlineKey: 'interim-2024', lines: [{ category: 'staff', spent: eur(1_500_000) }] });
    expect(submitted.status).toBe(201);
    const reportId: string = submitted.body.id;
    expect(submitted.body).toMatchObject({ status: 'submitted', revision: 1, version: 1, decisions: [] });
    // The city's database holds one standing report per deadline.
    const again = await c.as(liaison).post(c.path(`sub-grants/${ravennaGrant}/reports`)).send({ deadlineKey: 'interim-2024', lines: [{ category: 'staff', spent: eur(1) }] });
    expectRuleProblem(again, 409, 'report.duplicate');
    expect((await city.grants.events()).map((e) => (e.envelope as HubEnvelope).type)).toEqual(['grants.city-report.submitted']);

    // The hub's copy, from the city's event; the officer returns it for changes.
    await cityToHub();
    await waitFor(async () => (await atHub(reportId)).status === 'submitted', { description: "the hub's copy of the report", timeoutMs: 30_000 });
    expect(await atHub(reportId)).toEqual({ ...submitted.body, createdAt: expect.any(String), updatedAt: expect.any(String) });
    const officer = await hub.officer(world);
    const g = hub.grants;
    const returned = await ok<{ status: string }>(g.as(officer).post(g.path(`reports/${reportId}/return`)).send({ reasons: ['Add the payslips'] }), 'returning');
    expect(returned).toMatchObject({ status: 'returned', version: 2, decisions: [{ decision: 'returned', reasons: ['Add the payslips'] }] });
    expect((await g.events()).map((e) => (e.envelope as HubEnvelope).type)).toContain('grants.report-review.returned');

    // The city sees the hub's decision, and only then may resubmit.
    await hubToCity();
    expect(await atCity(reportId)).toMatchObject({ status: 'returned', version: 2 });
    const resubmitted = await c.as(liaison).post(c.path(`reports/${reportId}/resubmit`)).send({ lines: [{ category: 'staff', spent: eur(1_400_000) }] });
    expect(resubmitted.status).toBe(200);
    expect(resubmitted.body).toMatchObject({ status: 'submitted', revision: 2, version: 3, decisions: [{ decision: 'returned' }] });
    expectRuleProblem(await c.as(liaison).post(c.path(`reports/${reportId}/resubmit`)).send({ lines: [{ category: 'staff', spent: eur(1) }] }), 409, 'report.status');

    // The hub decides only on the revision it holds: revision 2 once its copy arrives.
    expect(await atHub(reportId)).toMatchObject({ status: 'returned', revision: 1 });
    await cityToHub();
    await waitFor(async () => (await atHub(reportId)).revision === 2, { description: "the hub's copy of revision 2", timeoutMs: 30_000 });
    const approved = await ok(g.as(officer).post(g.path(`reports/${reportId}/approve`)).send({ accepted: [eur(1_300_000)] }), 'approving');
    expect(approved).toMatchObject({ status: 'approved', revision: 2, version: 4, accepted: [eur(1_300_000)] });
    // What the hub's money rules count: the approved expenditure of the copy.
    const [row] = await g.db.query(`SELECT status, reported_minor::text AS reported, accepted_minor::text AS accepted FROM expenditure_reports WHERE id = $1`, [reportId]);
    expect(row).toEqual({ status: 'approved', reported: '1400000', accepted: '1300000' });

    await hubToCity();
    expect(await atCity(reportId)).toEqual({ ...(await atHub(reportId)), createdAt: expect.any(String), updatedAt: expect.any(String) });
  });

  it('refuses writes at the wrong node with 409 naming the home', async () => {
    // At the hub, Ravenna's reports are Ravenna's node's to write.
    const hubLiaison = await hub.liaison(world, world.ravenna);
    const g = hub.grants;
    const res = await g.as(hubLiaison).post(g.path(`sub-grants/${ravennaGrant}/reports`)).send({ deadlineKey: 'final', lines: [{ category: 'staff', spent: eur(100) }] });
    expectRuleProblem(res, 409, 'node.home');
    expect(res.body.homeNode).toMatchObject({ id: CITY_NODE_ID });

    // On Ravenna's node, Cartagena's reports (homed at the hub) and the officer's decisions are the hub's.
    const cartagenaLiaison = await city.grants.tokenFor('liaison@cartagena.example.org', { role: 'city-liaison', networkId: world.networkId, memberId: world.cartagena });
    const c = city.grants;
    const other = await c.as(cartagenaLiaison).post(c.path(`sub-grants/${cartagenaGrant}/reports`)).send({ deadlineKey: 'final', lines: [{ category: 'staff', spent: eur(100) }] });
    expectRuleProblem(other, 409, 'node.home');
    expect(other.body.homeNode).toMatchObject({ id: 'hub' });
    const officer = await c.tokenFor('officer@eccipa.example.org', { role: 'grant-officer', networkId: world.networkId });
    const [{ id }] = await c.db.query(`SELECT id FROM expenditure_report_copies LIMIT 1`);
    expectRuleProblem(await c.as(officer).post(c.path(`reports/${id}/reject`)).send({ reasons: ['no'] }), 409, 'node.home');
  });
});
