import request from 'supertest';
import type { Response } from 'supertest';
import { freePort, NodeProcess } from '@intercity/service-testing';
import { randomSuffix, testInfra, waitFor } from '@intercity/testing';
import { expectProblem } from './support/edge';
import { BackendServices, DemoIssuer, DemoUser, OPERATOR_EMAIL } from './support/processes';

const ANNE = 'anne.dupont@eurocities.example.org';
const KLAUS = 'klaus.weber@kreis-offenbach.example.de';
const FRANCESCA = 'francesca.ricci@ravenna.example.org';
const LUCIA = 'lucia.martinez@cartagena.example.org';
const OFFICER = 'marta.nowak@eccipa.example.org';

const eur = (minor: number) => ({ amountMinor: String(minor), currency: 'EUR' });

/**
 * The full lives of a pairing (issue 6) and of a sub-grant (issue 7) as users live them: one node
 * of real processes (demo issuer, membership, practice, exchanges, grants and the edge, each run
 * from dist/ as `npm start` runs it), one base URL, and access tokens for demo users from the demo
 * issuer's token endpoint. The services' clocks are the real one here: every date lies ahead of
 * today where a rule needs it to (a visit may not be scheduled in the past, so the pairing is taken
 * as far as its programme and then cancelled; its later steps are covered in-process by
 * apps/exchanges/test/pairing-life.spec.ts).
 */
describe('the lives of a pairing and of a sub-grant, through the edge with demo tokens', () => {
  let issuer: DemoIssuer;
  let services: BackendServices;
  let edge: NodeProcess;
  let edgeUrl: string;
  let world: { networkId: string; projectId: string; offenbach: string; ravenna: string; cartagena: string; accem: string; communityId: string };
  const tokens = new Map<string, string>();

  /** Requests to the edge as one demo user. */
  const as = (email: string) => {
    const auth = () => `Bearer ${tokens.get(email)}`;
    return {
      get: (path: string) => request(edgeUrl).get(`/api/${path}`).set('Authorization', auth()),
      post: (path: string, body: object = {}) => request(edgeUrl).post(`/api/${path}`).set('Authorization', auth()).send(body),
      put: (path: string, body: object) => request(edgeUrl).put(`/api/${path}`).set('Authorization', auth()).send(body),
    };
  };

  const expectStatus = (res: Response, status: number, body?: object) =>
    expect({ status: res.status, body: res.body }).toMatchObject({ status, ...(body && { body }) });

  async function created(res: Response | Promise<Response>): Promise<string> {
    const r = await res;
    expectStatus(r, 201);
    return r.body.id;
  }

  const count = async (service: 'practice' | 'exchanges' | 'grants', sql: string, params: unknown[] = []) =>
    (await services.query<{ n: number }>(service, `SELECT count(*)::int AS n FROM ${sql}`, params))[0].n;

  beforeAll(async () => {
    issuer = await DemoIssuer.start();
    services = await BackendServices.start(issuer.env, ['membership', 'practice', 'exchanges', 'grants']);
    const port = await freePort();
    edgeUrl = `http://127.0.0.1:${port}`;
    edge = await NodeProcess.start('edge', 'apps/edge/src/main.ts', {
      ...issuer.env,
      ...(await services.edgeEnv()),
      REDIS_URL: testInfra().redisUrl,
      PORT: String(port),
      HOST: '127.0.0.1',
    });
    // Ready would wait for notifications, which this node does not run.
    await edge.waitUntilUp(`${edgeUrl}/health/live`);

    // The node operator sets up the network; its admin and the others are demo users of it.
    tokens.set(OPERATOR_EMAIL, await issuer.token(OPERATOR_EMAIL));
    const operator = as(OPERATOR_EMAIL);
    await created(operator.post('membership/nodes', { id: 'hub', name: 'Hub', baseUrl: edgeUrl, hub: true }));
    const networkId = await created(operator.post('membership/networks', { slug: `eccipa-${randomSuffix()}`, name: 'ECCIPA' }));
    const admin: DemoUser = { email: ANNE, name: 'Anne Dupont', description: 'network admin', grants: [{ role: 'network-admin', networkId }] };
    issuer.setUsers([admin]);
    tokens.set(ANNE, await issuer.token(ANNE));
    const anne = as(ANNE);

    // The network admin sets up the project, its cities and a partner.
    const projectId = await created(
      anne.post('membership/projects', { networkId, code: 'CONNECTION', name: 'CONNECTION', startsOn: '2024-01-01', endsOn: '2030-12-31', status: 'running' }),
    );
    const member = async (slug: string, kind: string, name: string, country: string, region: string, timeZone: string, role: string, experienceLevel?: string) => {
      const id = await created(
        anne.post('membership/members', { networkId, slug, kind, name, legalName: name, country, region, timeZone, languages: ['en'], homeNodeId: 'hub' }),
      );
      await created(anne.post('membership/participations', { projectId, memberId: id, role, from: '2024-01-01', ...(experienceLevel && { experienceLevel }) }));
      return id;
    };
    const offenbach = await member('offenbach', 'county', 'Kreis Offenbach', 'DE', 'DE-HE', 'Europe/Berlin', 'core-city', 'mentoring');
    const ravenna = await member('ravenna', 'city', 'Ravenna', 'IT', 'IT-45', 'Europe/Rome', 'fellow-city', 'implementing');
    const cartagena = await member('cartagena', 'city', 'Cartagena', 'ES', 'ES-MC', 'Europe/Madrid', 'fellow-city', 'implementing');
    const accem = await member('accem', 'partner-organisation', 'ACCEM', 'ES', 'ES-MD', 'Europe/Madrid', 'partner');

    // Practice learns of the participations from membership's events; then the community forms.
    await waitFor(async () => (await count('practice', 'participations')) === 4, { description: "practice's copies of the participations", timeoutMs: 30_000 });
    const communityId = await created(
      anne.post('practice/communities', { projectId, name: 'One-stop-shops', theme: 'One-stop-shops', leadMemberId: offenbach, memberIds: [ravenna, cartagena] }),
    );
    world = { networkId, projectId, offenbach, ravenna, cartagena, accem, communityId };

    // Each city gets its liaison, the network its grant officer.
    issuer.setUsers([
      admin,
      { email: KLAUS, name: 'Klaus Weber', description: 'liaison of Kreis Offenbach', grants: [{ role: 'city-liaison', networkId, memberId: offenbach }] },
      { email: FRANCESCA, name: 'Francesca Ricci', description: 'liaison of Ravenna', grants: [{ role: 'city-liaison', networkId, memberId: ravenna }] },
      { email: LUCIA, name: 'Lucía Martínez', description: 'liaison of Cartagena', grants: [{ role: 'city-liaison', networkId, memberId: cartagena }] },
      { email: OFFICER, name: 'Marta Nowak', description: 'grant officer of ECCIPA', grants: [{ role: 'grant-officer', networkId }] },
    ]);
    for (const email of [KLAUS, FRANCESCA, LUCIA, OFFICER]) tokens.set(email, await issuer.token(email));
  }, 120_000);

  afterAll(async () => {
    await edge?.stop();
    await services?.stop();
    await issuer?.stop();
  }, 60_000);

  describe('a pairing (issue 6)', () => {
    /** People of a member, once exchanges' copies have them. */
    async function givenPeople(memberId: string, n: number): Promise<string[]> {
      const ids: string[] = [];
      for (let i = 0; i < n; i++) {
        ids.push(
          await created(
            as(ANNE).post('membership/people', {
              memberId,
              givenName: `Staff${i}`,
              familyName: `x${randomSuffix()}`,
              email: `staff${i}.${randomSuffix()}@example.org`,
              functions: ['integration-officer'],
              preferredLanguage: 'en',
            }),
          ),
        );
      }
      await waitFor(async () => (await count('exchanges', 'people WHERE id = ANY ($1::uuid[]) AND NOT erased', [ids])) === ids.length, {
        description: `exchanges' copies of ${n} people`,
        timeoutMs: 30_000,
      });
      return ids;
    }

    it('is proposed by the lead city, agreed by both, dated by the assistant, staffed, given a programme and cancelled', async () => {
      const { offenbach, ravenna, communityId } = world;
      await waitFor(async () => (await count('exchanges', 'participations')) === 4 && (await count('exchanges', 'communities')) === 1, {
        description: "exchanges' copies of the participations and the community",
        timeoutMs: 30_000,
      });
      const [r1, r2] = await givenPeople(ravenna, 2);
      const [o1] = await givenPeople(offenbach, 1);
      const klaus = as(KLAUS);
      const francesca = as(FRANCESCA);
      const lucia = as(LUCIA);

      // Only the community's lead city (or an admin) proposes.
      const body = { communityId, mentoringMemberId: offenbach, implementingMemberId: ravenna };
      expectProblem(await francesca.post('exchanges/pairings', body), 403);
      const proposed = await klaus.post('exchanges/pairings', body);
      expectStatus(proposed, 201, {
        status: 'proposed',
        communityId,
        visits: [{ number: 1, hostMemberId: offenbach }, { number: 2, hostMemberId: ravenna }],
      });
      const id: string = proposed.body.id;
      const pairing = `exchanges/pairings/${id}`;

      // Each liaison accepts for their own city only.
      expectProblem(await francesca.post(`${pairing}/cities/${offenbach}/accept`), 403);
      expectStatus(await klaus.post(`${pairing}/cities/${offenbach}/accept`), 200, { status: 'proposed' });
      expectStatus(await francesca.post(`${pairing}/cities/${ravenna}/accept`), 200, { status: 'agreed' });

      // The assistant, a year ahead: visit one at Offenbach skips Good Friday (26 March) and
      // Easter Monday (29 March) 2027, Hesse's holidays.
      const proposals = await francesca.get(`${pairing}/proposals?from=2027-03-22&to=2027-06-30&maxCandidates=2`);
      expectStatus(proposals, 200);
      const [first] = proposals.body.candidates;
      expect(first.visitOne).toEqual({ start: '2027-03-22', end: '2027-03-30', days: ['2027-03-22', '2027-03-23', '2027-03-24', '2027-03-25', '2027-03-30'] });
      expect(first.visitTwo.start > first.visitOne.end).toBe(true);

      // Not in the past: the service's clock is today's.
      expectProblem(await francesca.put(`${pairing}/schedule`, { visitOne: { start: '2020-03-02', end: '2020-03-06' }, visitTwo: { start: first.visitTwo.start, end: first.visitTwo.end } }), 422, 'visit.not-in-past');
      const scheduled = await francesca.put(`${pairing}/schedule`, {
        visitOne: { start: first.visitOne.start, end: first.visitOne.end },
        visitTwo: { start: first.visitTwo.start, end: first.visitTwo.end },
      });
      expectStatus(scheduled, 200, {
        status: 'scheduled',
        visits: [
          { number: 1, status: 'scheduled', startsOn: first.visitOne.start, endsOn: first.visitOne.end },
          { number: 2, status: 'scheduled', startsOn: first.visitTwo.start, endsOn: first.visitTwo.end },
        ],
      });

      // The visiting city's liaison names who goes; a liaison of another city may not.
      expectProblem(await klaus.put(`${pairing}/visits/1/visitors`, { personIds: [r1] }), 403);
      expectProblem(await lucia.put(`${pairing}/visits/1/visitors`, { personIds: [r1] }), 403);
      expectProblem(await francesca.put(`${pairing}/visits/1/visitors`, { personIds: [o1] }), 422, 'visit.visitor-not-from-host');
      expectStatus(await francesca.put(`${pairing}/visits/1/visitors`, { personIds: [r1, r2] }), 200, { visits: [{ visitorIds: [r1, r2] }, {}] });
      expectStatus(await klaus.put(`${pairing}/visits/2/visitors`, { personIds: [o1] }), 200, { visits: [{}, { visitorIds: [o1] }] });

      // The host city's liaison sets the programme; Cartagena's may not.
      const items = [{ day: first.visitOne.start, time: '09:30', place: 'Kreishaus Dietzenbach', topic: 'The welcome centre' }];
      expectProblem(await lucia.put(`${pairing}/visits/1/programme`, { items }), 403);
      expectProblem(await francesca.put(`${pairing}/visits/1/programme`, { items }), 403);
      const programme = await klaus.put(`${pairing}/visits/1/programme`, { items });
      expectStatus(programme, 200);
      expect(programme.body.visits[0].programme).toEqual([{ ...items[0], hostContactId: null }]);

      // Not held before its last day, which lies ahead.
      expectProblem(await klaus.post(`${pairing}/visits/1/done`), 409, 'visit.done-after-last-day');

      // Cartagena may not cancel it; Ravenna cancels, with a reason.
      expectProblem(await lucia.post(`${pairing}/cancel`, { reason: 'not ours' }), 403);
      expectProblem(await francesca.post(`${pairing}/cancel`, { reason: '  ' }), 400, 'pairing.cancel-reason');
      const cancelled = await francesca.post(`${pairing}/cancel`, { reason: 'The council moved the one-stop-shop to 2028' });
      expectStatus(cancelled, 200, { id, status: 'cancelled', cancelReason: 'The council moved the one-stop-shop to 2028' });
      expectStatus(await lucia.get(pairing), 200, { status: 'cancelled' });

      const events = await services.query<{ type: string }>('exchanges', `SELECT envelope->>'type' AS type FROM outbox WHERE aggregate_id = $1 ORDER BY seq`, [id]);
      expect(events.map((e) => e.type)).toEqual([
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
        'exchanges.pairing.cancelled',
      ]);
    }, 60_000);
  });

  describe('a sub-grant (issue 7)', () => {
    it('is awarded, signed, paid tranche by tranche as its conditions hold, reported by its city and watched', async () => {
      const { projectId, ravenna, accem } = world;
      await waitFor(async () => (await count('grants', 'members')) === 4 && (await count('grants', 'projects')) === 1, {
        description: "grants' copies of the members and the project",
        timeoutMs: 30_000,
      });
      const officer = as(OFFICER);
      const francesca = as(FRANCESCA);
      const lucia = as(LUCIA);

      // The programme: EUR 248,993 over 30 months, interim and final reports.
      const programmeBody = {
        projectId,
        funder: 'Erasmus+',
        name: 'ECCIPA sub-grants',
        currency: 'EUR',
        envelope: eur(24_899_300),
        period: { from: '2024-01-01', to: '2026-06-30' },
        reportingCalendar: [
          { key: 'interim-2024', kind: 'interim', period: { from: '2024-01-01', to: '2024-12-31' }, dueOn: '2025-01-31' },
          { key: 'final', kind: 'final', period: { from: '2024-01-01', to: '2026-06-30' }, dueOn: '2026-07-31' },
        ],
      };
      expectProblem(await francesca.post('grants/programmes', programmeBody), 403);
      const programme = await officer.post('grants/programmes', programmeBody);
      expectStatus(programme, 201, { projectId, envelope: eur(24_899_300), rules: { maxPerRecipient: eur(6_000_000) } });
      const programmeId: string = programme.body.id;

      const award = (memberId: string, minor: number) => ({
        memberId,
        actionPlan: { title: 'One-stop-shop for newcomers', objectives: ['Open a single front door'], stakeholders: ['ACCEM'], endorsementDocumentRef: 'council-decision-2024-17' },
        awarded: eur(minor),
        budgetLines: [
          { category: 'staff', amount: eur(Math.floor(minor * 0.75)) },
          { category: 'travel', amount: eur(minor - Math.floor(minor * 0.75)) },
        ],
        period: { from: '2024-02-01', to: '2026-06-30' },
      });
      expectProblem(await officer.post(`grants/programmes/${programmeId}/sub-grants`, award(accem, 1_000_000)), 422, 'sub-grant.city');
      const awarded = await officer.post(`grants/programmes/${programmeId}/sub-grants`, award(ravenna, 5_000_000));
      expectStatus(awarded, 201, {
        status: 'awarded',
        memberId: ravenna,
        awarded: eur(5_000_000),
        tranches: [{ amount: eur(2_000_000) }, { amount: eur(2_000_000) }, { amount: eur(1_000_000) }],
      });
      const subGrant = `grants/sub-grants/${awarded.body.id}`;

      // Tranche 0 waits for the signature.
      const early = await officer.post(`${subGrant}/tranches/0/release`, { paidOn: '2024-02-01', paymentReference: 'PAY-1' });
      expectProblem(early, 409, 'tranche.conditions-unmet');
      expect(early.body.detail).toContain('agreement-signed');
      expectStatus(await officer.post(`${subGrant}/sign`, { signedOn: '2024-02-01', documentRef: 'agreement-ravenna.pdf' }), 200, {
        agreement: { signedOn: '2024-02-01' },
      });
      const paid = await officer.post(`${subGrant}/tranches/0/release`, { paidOn: '2024-02-05', paymentReference: 'PAY-1' });
      expectStatus(paid, 200);
      expect(paid.body.disbursements).toEqual([expect.objectContaining({ trancheIndex: 0, amount: eur(2_000_000), paidOn: '2024-02-05', paymentReference: 'PAY-1' })]);

      // Tranche 1 waits for the interim report, approved, accounting for enough.
      const second = await officer.post(`${subGrant}/tranches/1/release`, { paidOn: '2024-06-01', paymentReference: 'PAY-2' });
      expectProblem(second, 409, 'tranche.conditions-unmet');
      expect(second.body.unmet.map((u: { condition: string }) => u.condition)).toEqual(['interim-report-approved', 'accounted-share']);

      // Ravenna's liaison reports; Cartagena's may not, nor may a liaison approve.
      const lines = [{ category: 'staff', spent: eur(1_500_000) }];
      expectProblem(await lucia.post(`${subGrant}/reports`, { deadlineKey: 'interim-2024', lines }), 403);
      const report = await francesca.post(`${subGrant}/reports`, { deadlineKey: 'interim-2024', lines });
      expectStatus(report, 201, { status: 'submitted', memberId: ravenna, deadlineKey: 'interim-2024', kind: 'interim' });
      expectProblem(await francesca.post(`grants/reports/${report.body.id}/approve`), 403);
      expectStatus(await officer.post(`grants/reports/${report.body.id}/approve`), 200, { id: report.body.id, status: 'approved' });
      const released = await officer.post(`${subGrant}/tranches/1/release`, { paidOn: '2025-01-22', paymentReference: 'PAY-2' });
      expectStatus(released, 200);
      expect(released.body.disbursements).toEqual([
        expect.objectContaining({ trancheIndex: 0, paymentReference: 'PAY-1' }),
        expect.objectContaining({ trancheIndex: 1, amount: eur(2_000_000), paidOn: '2025-01-22', paymentReference: 'PAY-2' }),
      ]);

      // The officer watches the programme, as JSON and as CSV; a liaison may not.
      const watch = await officer.get(`grants/programmes/${programmeId}/watch?on=2025-01-22`);
      expectStatus(watch, 200, {
        figures: { awarded: eur(5_000_000), disbursed: eur(4_000_000), approved: eur(1_500_000), remaining: eur(1_000_000) },
        unawarded: eur(19_899_300),
      });
      const csv = await officer.get(`grants/programmes/${programmeId}/watch.csv?on=2025-01-22`);
      expect(csv.status).toBe(200);
      expect(csv.headers['content-type']).toMatch(/text\/csv/);
      expect(csv.text).toContain('Ravenna');
      expect(csv.text).toContain('50000.00,40000.00');
      expectProblem(await lucia.get(`grants/programmes/${programmeId}/watch?on=2025-01-22`), 403);

      const events = await services.query<{ type: string }>('grants', `SELECT envelope->>'type' AS type FROM outbox WHERE aggregate_id = $1 ORDER BY seq`, [awarded.body.id]);
      expect(events.map((e) => e.type)).toEqual([
        'grants.sub-grant.awarded',
        'grants.sub-grant.signed',
        'grants.sub-grant.tranche-released',
        'grants.sub-grant.tranche-released',
      ]);
    }, 60_000);
  });
});
