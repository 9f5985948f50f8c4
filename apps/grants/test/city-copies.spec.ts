import { v7 as uuidv7 } from 'uuid';
import { expectRuleProblem, tableDigest } from '@intercity/service-testing';
import { waitFor } from '@intercity/testing';
import { ok } from './support/grants-fixtures';
import { CITY_NODE_ID, GrantsCityNode, HUB_BASE_URL, HubEnvelope } from './support/grants-city-node';
import { awardBody, eur, GrantsNode, GrantsWorld, programmeBody } from './support/grants-node';

const COPIES = ['programme_copies', 'sub_grant_copies', 'expenditure_report_copies', 'report_review_copies', 'milestone_copies'] as const;

/** A copy answers with the hub's body; only its instants are the hub's event times, not its clock's. */
const sameAs = (hub: unknown): unknown => {
  if (Array.isArray(hub)) return hub.map(sameAs);
  if (hub && typeof hub === 'object') {
    return Object.fromEntries(Object.entries(hub).map(([k, v]) => [k, k === 'createdAt' || k === 'updatedAt' ? expect.any(String) : sameAs(v)]));
  }
  return hub;
};

/**
 * Ravenna runs its own node. The hub's grants writes the network's programmes and sub-grants (the
 * hub here is a standalone node: its outbox holds what a hub's grants publishes); Ravenna's grants
 * keeps copies from those events in its network stream and answers its people's reads from them,
 * with no way to reach the hub.
 */
describe("grants on a city node, from its copies of the hub's grant data", () => {
  const hub = new GrantsNode();
  const city = new GrantsCityNode();
  let world: GrantsWorld;
  let programmeId: string;
  let ravennaGrant: string;
  let cartagenaGrant: string;
  let reportId: string;
  const forwarded = new Set<string>();

  /** Everything the hub's membership and grants wrote that the city has not been sent yet. */
  async function forwardNew(): Promise<HubEnvelope[]> {
    const all = [...(await hub.membership.events()), ...(await hub.grants.events())].map((e) => e.envelope as HubEnvelope).filter((e) => !forwarded.has(e.id));
    await city.fromHub(all);
    all.forEach((e) => forwarded.add(e.id));
    return all;
  }

  /** Both sides' answer to a GET, the hub's as its officer; the city's with the token given. */
  async function both(path: string, cityToken: string, query: Record<string, string> = {}) {
    const officer = await hub.officer(world);
    const [atHub, atCity] = [await hub.grants.as(officer).get(hub.grants.path(path)).query(query), await city.grants.as(cityToken).get(city.grants.path(path)).query(query)];
    return { atHub, atCity };
  }

  beforeAll(async () => {
    await Promise.all([hub.startBoth(), city.startGrants()]);
    world = await hub.givenWorld();
    const g = hub.grants;
    const officer = await hub.officer(world);
    const liaison = await hub.liaison(world, world.ravenna);
    hub.setToday('2024-02-01');
    programmeId = (await ok<{ id: string }>(g.as(officer).post(g.path('programmes')).send(programmeBody(world.projectId)), 'creating the programme', 201)).id;
    ravennaGrant = (await ok<{ id: string }>(g.as(officer).post(g.path(`programmes/${programmeId}/sub-grants`)).send(awardBody(world.ravenna, 5_000_000)), 'awarding Ravenna', 201)).id;
    cartagenaGrant = (await ok<{ id: string }>(g.as(officer).post(g.path(`programmes/${programmeId}/sub-grants`)).send(awardBody(world.cartagena, 3_000_000)), 'awarding Cartagena', 201)).id;
    await ok(g.as(officer).post(g.path(`sub-grants/${ravennaGrant}/sign`)).send({ signedOn: '2024-02-01', documentRef: 'agreement-ravenna.pdf' }), 'signing');
    await ok(g.as(officer).post(g.path(`sub-grants/${ravennaGrant}/tranches/0/release`)).send({ paidOn: '2024-02-05', paymentReference: 'PAY-1' }), 'paying tranche 1');
    const m = await ok<{ id: string }>(
      g.as(officer).post(g.path(`sub-grants/${ravennaGrant}/milestones`)).send({ key: 'stakeholder-workshop', title: 'Stakeholder workshop held', dueOn: '2024-06-30' }),
      'planning a milestone',
      201,
    );
    await ok(g.as(liaison).post(g.path(`milestones/${m.id}/forecast`)).send({ forecastOn: '2024-07-15' }), 'forecasting it');
    hub.setToday('2025-01-20');
    reportId = (
      await ok<{ id: string }>(g.as(liaison).post(g.path(`sub-grants/${ravennaGrant}/reports`)).send({ deadlineKey: 'interim-2024', lines: [{ category: 'staff', spent: eur(1_500_000) }] }), 'reporting', 201)
    ).id;
    await ok(g.as(officer).post(g.path(`reports/${reportId}/approve`)).send({}), 'approving the report');
    await forwardNew();
  }, 120_000);
  afterAll(async () => {
    await hub.stop();
    await city.stop();
  });

  it("answers the city's liaison with the hub's sub-grant, tranches, milestones, reports and programme", async () => {
    const liaison = await city.grants.tokenFor('francesca.ricci@ravenna.example.org', { role: 'city-liaison', networkId: world.networkId, memberId: world.ravenna });
    // The report's approval is the hub's last grants event: once the city shows it, it has the rest.
    await waitFor(async () => (await city.grants.as(liaison).get(city.grants.path(`reports/${reportId}`))).body.status === 'approved', {
      description: "the approved report's copy",
      timeoutMs: 30_000,
    });
    await city.drained('grants');
    await city.drained('membership');

    for (const path of [
      `sub-grants/${ravennaGrant}`,
      `sub-grants/${ravennaGrant}/milestones`,
      `sub-grants/${ravennaGrant}/reports`,
      `reports/${reportId}`,
      `programmes/${programmeId}`,
      `programmes/${programmeId}/sub-grants`,
      'programmes',
    ]) {
      const { atHub, atCity } = await both(path, liaison);
      expect({ path, status: atCity.status }).toEqual({ path, status: 200 });
      expect(atCity.body).toEqual(sameAs(atHub.body));
      // An aggregate's ETag is its version, the hub's; a list's is a digest of the body (its instants differ).
      if (!atHub.headers.etag.startsWith('W/')) expect({ path, etag: atCity.headers.etag }).toEqual({ path, etag: atHub.headers.etag });
    }
    const { body: sg, headers } = await city.grants.as(liaison).get(city.grants.path(`sub-grants/${ravennaGrant}`));
    expect(headers.etag).toBe(`"${sg.version}"`);
    expect(sg).toMatchObject({
      status: 'active',
      awarded: eur(5_000_000),
      tranches: [{ status: 'released', amount: eur(2_000_000) }, { status: 'planned' }, { status: 'planned' }],
      disbursements: [{ trancheIndex: 0, paymentReference: 'PAY-1' }],
    });
    // Another city's sub-grant is the network's business too, as at the hub.
    const { atHub, atCity } = await both(`sub-grants/${cartagenaGrant}`, liaison);
    expect(atCity.body).toEqual(sameAs(atHub.body));
    // Dated from the hub's events: created when the hub awarded it, updated at its latest version.
    expect(new Date(sg.createdAt).getTime()).toBeLessThan(new Date(sg.updatedAt).getTime());
  });

  it("serves the officer's watch and its export from the copies, with the members' names", async () => {
    const officer = await city.grants.tokenFor('officer@eccipa.example.org', { role: 'grant-officer', networkId: world.networkId });
    await city.drained('grants');
    await city.drained('membership');
    for (const path of [`programmes/${programmeId}/watch`, `sub-grants/${ravennaGrant}/watch`]) {
      const { atHub, atCity } = await both(path, officer, { on: '2025-01-22' });
      expect({ path, status: atCity.status }).toEqual({ path, status: 200 });
      expect(atCity.body).toEqual(atHub.body);
    }
    const { atHub, atCity } = await both(`programmes/${programmeId}/watch.csv`, officer, { on: '2025-01-22' });
    expect(atCity.status).toBe(200);
    expect(atCity.text).toBe(atHub.text);
    expect(atCity.text).toContain('Ravenna');
    await city.grants.as(officer).get(city.grants.path(`programmes/${programmeId}/watch.xlsx`)).query({ on: '2025-01-22' }).expect(200);
  });

  it('refuses writes with 409 naming the hub, and leaves the copies as they are', async () => {
    const liaison = await city.grants.tokenFor('francesca.ricci@ravenna.example.org', { role: 'city-liaison', networkId: world.networkId, memberId: world.ravenna });
    const before = await tableDigest(city.grants.db, COPIES);
    const res = await city.grants
      .as(liaison)
      .post(city.grants.path(`sub-grants/${ravennaGrant}/reports`))
      .send({ deadlineKey: 'final', lines: [{ category: 'staff', spent: eur(100_000) }] });
    expectRuleProblem(res, 409, 'node.home');
    expect(res.body.homeNode).toEqual({ id: 'hub', baseUrl: HUB_BASE_URL });
    expect(res.body.detail).toContain(CITY_NODE_ID);
    expect(await tableDigest(city.grants.db, COPIES)).toEqual(before);
    expect(await city.grants.count('sub_grants')).toBe(0);
  });

  it('changes nothing when the hub events come again, or a stale one comes under a new id', async () => {
    await city.drained('grants');
    const before = await tableDigest(city.grants.db, COPIES);
    const grants = (await hub.grants.events()).map((e) => e.envelope as HubEnvelope);

    // Redelivered: the same events, the same ids.
    await city.fromHub(grants);
    await city.drained('grants');
    expect(await tableDigest(city.grants.db, COPIES)).toEqual(before);

    // Stale: the sub-grant's award (version 1) and the report's submission, told again as new events.
    const awarded = grants.find((e) => e.type === 'grants.sub-grant.awarded' && (e.aggregate as { id: string }).id === ravennaGrant)!;
    const submitted = grants.find((e) => e.type === 'grants.city-report.submitted')!;
    const stale = [awarded, submitted].map((e) => ({ ...e, id: uuidv7() }));
    await city.fromHub(stale);
    await city.applied(stale.map((e) => e.id));
    expect(await tableDigest(city.grants.db, COPIES)).toEqual(before);
  });

  it('ends at the hub\'s newest state when the events of an aggregate arrive newest first', async () => {
    const g = hub.grants;
    const officer = await hub.officer(world);
    hub.setToday('2024-03-01');
    await ok(g.as(officer).post(g.path(`sub-grants/${cartagenaGrant}/sign`)).send({ signedOn: '2024-03-01', documentRef: 'agreement-cartagena.pdf' }), 'signing');
    await ok(g.as(officer).post(g.path(`sub-grants/${cartagenaGrant}/suspend`)).send({ reason: 'Bank details under review' }), 'suspending');
    const newest = (await g.events(cartagenaGrant)).map((e) => e.envelope as HubEnvelope).filter((e) => !forwarded.has(e.id));
    expect(newest.map((e) => e.type)).toEqual(['grants.sub-grant.signed', 'grants.sub-grant.suspended']);

    await city.fromHub([...newest].reverse());
    newest.forEach((e) => forwarded.add(e.id));
    await city.applied(newest.map((e) => e.id));

    const liaison = await city.grants.tokenFor('francesca.ricci@ravenna.example.org', { role: 'city-liaison', networkId: world.networkId, memberId: world.ravenna });
    const { atHub, atCity } = await both(`sub-grants/${cartagenaGrant}`, liaison);
    expect(atCity.body).toEqual(sameAs(atHub.body));
    expect(atCity.body).toMatchObject({ status: 'suspended', version: 3, agreement: { documentRef: 'agreement-cartagena.pdf' }, statusReason: 'Bank details under review' });
    // Still dated from the award, the first version the city saw.
    const [{ created_at }] = await city.grants.db.query(`SELECT created_at FROM sub_grant_copies WHERE id = $1`, [cartagenaGrant]);
    const award = (await g.events(cartagenaGrant))[0].envelope as HubEnvelope & { occurredAt: string };
    expect(new Date(created_at).toISOString()).toBe(award.occurredAt);
  });
});
