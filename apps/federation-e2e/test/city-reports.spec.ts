import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { v7 as uuidv7 } from 'uuid';
import { eventSubject } from '@intercity/messaging';
import { TestFederation, TestNodeOfNetwork } from '@intercity/service-testing';
import { waitFor } from '@intercity/testing';

jest.setTimeout(180_000);

const eur = (minor: number) => ({ amountMinor: String(minor), currency: 'EUR' });
// The nodes' clocks are the machine's: the programme runs until next year, whenever this runs.
const NEXT = new Date().getUTCFullYear() + 1;

let net: TestFederation;
let networkId: string;
let memberOf: Record<string, string>;
let ravennaGrant: string;
let officer: string;
let ravennaLiaison: string;

/** A grants route on a node, with a token. */
function grants(node: TestNodeOfNetwork, token: string) {
  const path = (p: string) => `/api/grants/${p}`;
  return {
    get: (p: string) => node.http('grants').get(path(p)).set('Authorization', `Bearer ${token}`),
    post: (p: string, body: object) => node.http('grants').post(path(p)).set('Authorization', `Bearer ${token}`).send(body),
  };
}

async function created(res: Promise<{ status: number; body: { id: string } }>, what: string): Promise<string> {
  const r = await res;
  if (r.status !== 201) throw new Error(`${what}: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body.id;
}

beforeAll(async () => {
  net = await TestFederation.start({ cities: ['ravenna', 'offenbach'], services: ['membership', 'grants'] });
  ({ networkId, memberOf } = await net.seedNetwork([
    { slug: 'ravenna', home: 'ravenna', country: 'IT', timeZone: 'Europe/Rome' },
    { slug: 'offenbach', home: 'offenbach', country: 'DE', timeZone: 'Europe/Berlin' },
  ]));
  const projectId = (await net.create(net.hub, 'projects', { networkId, code: 'ECCIPA', name: 'ECCIPA', startsOn: '2024-01-01', endsOn: `${NEXT}-12-31`, status: 'running' })).id;
  officer = await net.issuer.mint({ subject: 'officer@eccipa.example.org', grants: [{ role: 'grant-officer', networkId }] });
  ravennaLiaison = await net.issuer.mint({ subject: 'francesca.ricci@ravenna.example.org', grants: [{ role: 'city-liaison', networkId, memberId: memberOf.ravenna }] });

  const hubGrants = await net.hub.db('grants');
  await waitFor(async () => (await hubGrants.query('SELECT 1 FROM projects WHERE id = $1', [projectId])).length === 1, { timeoutMs: 30_000, description: "the hub's grants' copy of the project" });
  const g = grants(net.hub, officer);
  const programmeId = await created(
    g.post('programmes', {
      projectId,
      funder: 'Erasmus+',
      name: 'ECCIPA sub-grants',
      currency: 'EUR',
      envelope: eur(24_899_300),
      period: { from: '2024-01-01', to: `${NEXT}-06-30` },
      reportingCalendar: [
        { key: 'interim', kind: 'interim', period: { from: '2024-01-01', to: `${NEXT - 1}-12-31` }, dueOn: `${NEXT}-01-31` },
        { key: 'final', kind: 'final', period: { from: '2024-01-01', to: `${NEXT}-06-30` }, dueOn: `${NEXT}-07-31` },
      ],
    }),
    'the programme',
  );
  ravennaGrant = await created(
    g.post(`programmes/${programmeId}/sub-grants`, {
      memberId: memberOf.ravenna,
      actionPlan: { title: 'One-stop-shop for newcomers', objectives: ['Open a single front door'], stakeholders: ['ACCEM'], endorsementDocumentRef: 'council-decision-2024-17' },
      awarded: eur(5_000_000),
      budgetLines: [
        { category: 'staff', amount: eur(3_750_000) },
        { category: 'travel', amount: eur(1_250_000) },
      ],
      period: { from: '2024-02-01', to: `${NEXT}-06-30` },
    }),
    "Ravenna's sub-grant",
  );
  const signed = await g.post(`sub-grants/${ravennaGrant}/sign`, { signedOn: '2024-02-01', documentRef: 'agreement.pdf' });
  expect(signed.status).toBe(200);
});

afterAll(async () => {
  await net?.stop();
});

it("takes a city's expenditure report on its own node, through the hub's gate to the officer, and the officer's decision back", async () => {
  const ravenna = net.node('ravenna');
  const atRavenna = grants(ravenna, ravennaLiaison);
  await waitFor(async () => (await atRavenna.get(`sub-grants/${ravennaGrant}`)).body.status === 'signed', {
    timeoutMs: 30_000,
    description: "ravenna's copy of its signed sub-grant",
  });

  const submitted = await atRavenna.post(`sub-grants/${ravennaGrant}/reports`, { deadlineKey: 'interim', lines: [{ category: 'staff', spent: eur(1_500_000) }] });
  expect(submitted.status).toBe(201);
  const reportId: string = submitted.body.id;

  // At the hub, by way of FROM_RAVENNA and the ingest gate, and only there may it be decided on.
  const atHub = grants(net.hub, officer);
  await waitFor(async () => (await atHub.get(`reports/${reportId}`)).body.status === 'submitted', { timeoutMs: 30_000, description: "the hub's copy of Ravenna's report" });
  const returned = await atHub.post(`reports/${reportId}/return`, { reasons: ['Add the payslips'] });
  expect(returned.body).toMatchObject({ status: 'returned', revision: 1 });
  expect((await atRavenna.post(`reports/${reportId}/approve`, {})).status).toBe(409);

  // The decision reaches Ravenna through its hub feed; the liaison resubmits there, and the hub approves.
  await waitFor(async () => (await atRavenna.get(`reports/${reportId}`)).body.status === 'returned', { timeoutMs: 30_000, description: "the officer's return at ravenna" });
  const resubmitted = await atRavenna.post(`reports/${reportId}/resubmit`, { lines: [{ category: 'staff', spent: eur(1_400_000) }] });
  expect(resubmitted.body).toMatchObject({ status: 'submitted', revision: 2 });
  await waitFor(async () => (await atHub.get(`reports/${reportId}`)).body.revision === 2, { timeoutMs: 30_000, description: "the hub's copy of revision 2" });
  expect((await atHub.post(`reports/${reportId}/approve`, { accepted: [eur(1_300_000)] })).body).toMatchObject({ status: 'approved', revision: 2 });
  await waitFor(async () => (await atRavenna.get(`reports/${reportId}`)).body.status === 'approved', { timeoutMs: 30_000, description: 'the approval at ravenna' });
  expect((await atRavenna.get(`reports/${reportId}`)).body).toEqual({ ...(await atHub.get(`reports/${reportId}`)).body, createdAt: expect.any(String), updatedAt: expect.any(String) });
});

it("refuses a report another city's node forges for Ravenna, with the reason", async () => {
  const offenbach = net.node('offenbach');
  const nc = await offenbach.connectNats();
  const forged = {
    id: uuidv7(),
    type: 'grants.city-report.submitted',
    version: 1,
    occurredAt: new Date().toISOString(),
    origin: 'offenbach',
    aggregate: { type: 'city-report', id: uuidv7(), version: 1 },
    actor: { kind: 'person', id: 'mallory' },
    correlationId: uuidv7(),
    causationId: null,
    data: { memberId: memberOf.ravenna, subGrantId: ravennaGrant },
  };
  try {
    await jetstream(nc).publish(eventSubject(forged.type, net.ns), JSON.stringify(forged), { msgID: forged.id });
  } finally {
    await nc.close();
  }
  const hubNc = await net.hub.connectNats();
  try {
    const jsm = await jetstreamManager(hubNc);
    const deadLetters = `${net.ns.streamPrefix}DEAD_LETTER`;
    const reason = await waitFor(
      async () => {
        const { state } = await jsm.streams.info(deadLetters);
        for (let seq = state.first_seq; seq <= state.last_seq && state.messages > 0; seq++) {
          const m = await jsm.streams.getMessage(deadLetters, { seq });
          if (m?.json<{ id: string }>().id === forged.id) return m.header.get('Intercity-Dead-Letter-Reason');
        }
        return undefined;
      },
      { timeoutMs: 30_000, description: "the forged report in the hub's dead-letter stream" },
    );
    expect(reason).toBe(`from offenbach: member ${memberOf.ravenna} is homed on ravenna, not on offenbach`);
  } finally {
    await hubNc.close();
  }
  expect((await grants(net.hub, officer).get(`reports/${forged.aggregate.id}`)).status).toBe(404);
});
