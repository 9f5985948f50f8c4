// Through the library's entry point, as consumers load it (it brings the Reflect polyfill).
import { EventDefinition, EventRegistry } from '../index';
import { describeRoundTrips, sampleEnvelope, wire } from '../spec-support';
import { ExpenditureReportSubmitted, GRANTS_EVENTS, SubGrantAwarded } from './index';

const uid = (n: number): string => `0190a1b2-0000-7000-8000-${String(n).padStart(12, '0')}`;
const NETWORK = uid(1);
const PROJECT = uid(2);
const PROGRAMME = uid(3);
const SUB_GRANT = uid(4);
const OFFENBACH = uid(5);
const REPORT = uid(6);
const MILESTONE = uid(7);
const LIAISON = uid(8);
const OFFICER = uid(9);
const eur = (minor: string) => ({ amountMinor: minor, currency: 'EUR' });

const period = { from: '2024-01-01', to: '2025-12-31' };
const calendar = [
  { key: 'interim-1', kind: 'interim', period: { from: '2024-01-01', to: '2024-12-31' }, dueOn: '2025-01-31' },
  { key: 'final', kind: 'final', period, dueOn: '2026-01-31' },
];
const pattern = [
  { kind: 'pre-financing', sharePercent: 40, conditions: { agreementSigned: true, minAccountedPercent: 0, milestones: [] } },
  { kind: 'interim', sharePercent: 40, conditions: { agreementSigned: true, reportApproved: 'interim', minAccountedPercent: 70, milestones: ['stakeholder-workshop'] } },
  { kind: 'final', sharePercent: 20, conditions: { agreementSigned: true, reportApproved: 'final', minAccountedPercent: 0, milestones: [] } },
];
const programme = {
  programmeId: PROGRAMME,
  networkId: NETWORK,
  projectId: PROJECT,
  funder: 'EU AMIF',
  name: 'CONNECTION sub-grants',
  currency: 'EUR',
  envelope: eur('25000000'),
  period,
  rules: { maxPerRecipient: eur('6000000'), tranchePattern: pattern, reportingCalendar: calendar },
};

const tranches = [
  { ...pattern[0], index: 0, amount: eur('2000001'), status: 'released' },
  { ...pattern[1], index: 1, amount: eur('2000000'), status: 'planned' },
  { ...pattern[2], index: 2, amount: eur('1000000'), status: 'planned' },
];
const disbursement = { disbursementId: uid(20), trancheIndex: 0, amount: eur('2000001'), paidOn: '2024-03-01', paymentReference: 'SEPA-2024-0301-17' };
const recovery = { seq: 1, amount: eur('150000'), reason: 'approved expenditure below the money received', requestedOn: '2025-12-15', status: 'requested' };
const received = { ...recovery, status: 'received', receivedOn: '2026-01-20', reference: 'SEPA-IN-2026-0120-3' };
const subGrant = {
  subGrantId: SUB_GRANT,
  networkId: NETWORK,
  programmeId: PROGRAMME,
  memberId: OFFENBACH,
  actionPlan: {
    title: 'One-stop-shop for newcomers',
    objectives: ['Open a one-stop-shop', 'Train 20 front-desk staff'],
    stakeholders: ['Job centre'],
    endorsementDocumentRef: 'council-decision-2023-117',
  },
  currency: 'EUR',
  awarded: eur('5000001'),
  budgetLines: [
    { category: 'staff', amount: eur('2500001') },
    { category: 'travel', amount: eur('2500000') },
  ],
  period: { from: '2024-02-01', to: '2025-11-30' },
  status: 'active',
  agreement: { signedOn: '2024-02-20', documentRef: 'GA-2024-OF-01' },
  tranches,
  disbursements: [disbursement],
  recoveries: [],
  reportingCalendar: calendar,
};
const settlement = { settledOn: '2025-12-15', eligible: eur('4850001'), finalTranchePlanned: eur('1000000'), finalTrancheSettled: eur('850000'), recovery: eur('0') };

const line = { category: 'staff', amount: eur('1200000') };
const converted = {
  category: 'travel',
  amount: eur('89300'),
  spent: { amount: { amountMinor: '1000000', currency: 'CZK' }, rate: { from: 'CZK', to: 'EUR', rate: '0.0893', rateDate: '2024-06-28' }, rounding: 'half-up' },
};
const report = {
  reportId: REPORT,
  networkId: NETWORK,
  subGrantId: SUB_GRANT,
  programmeId: PROGRAMME,
  memberId: OFFENBACH,
  deadlineKey: 'interim-1',
  kind: 'interim',
  period: { from: '2024-01-01', to: '2024-12-31' },
  lines: [line, converted],
  status: 'submitted',
  submittedBy: LIAISON,
  submittedOn: '2025-01-20',
  revision: 1,
  decisions: [],
};
const decision = (d: string, reasons: string[]) => ({ decision: d, by: OFFICER, on: '2025-02-03', reasons });

const milestone = {
  milestoneId: MILESTONE,
  networkId: NETWORK,
  subGrantId: SUB_GRANT,
  programmeId: PROGRAMME,
  memberId: OFFENBACH,
  key: 'stakeholder-workshop',
  title: 'Stakeholder workshop held',
  dueOn: '2024-06-30',
  status: 'planned',
  evidence: [],
};
const evidence = { documentRef: 'dms://offenbach/ws-minutes.pdf', description: 'Minutes and attendance list', addedBy: LIAISON, addedOn: '2024-06-20' };
const finding = { networkId: NETWORK, programmeId: PROGRAMME, subGrantId: SUB_GRANT, memberId: OFFENBACH, dueOn: '2025-01-31', on: '2025-01-25' };

const { status: _status, decisions: _decisions, ...cityReport } = report;
const review = {
  reviewId: uid(30),
  reportId: REPORT,
  networkId: NETWORK,
  subGrantId: SUB_GRANT,
  programmeId: PROGRAMME,
  memberId: OFFENBACH,
  deadlineKey: report.deadlineKey,
  kind: report.kind,
  revision: 1,
};

const SAMPLES: Record<string, object> = {
  'grants.programme.created': programme,
  'grants.programme.envelope-changed': { ...programme, envelope: eur('30000000'), from: eur('25000000'), to: eur('30000000'), reason: 'Amendment 2 of the grant agreement' },
  'grants.sub-grant.awarded': { ...subGrant, status: 'awarded', agreement: undefined, tranches: tranches.map((t) => ({ ...t, status: 'planned' })), disbursements: [] },
  'grants.sub-grant.award-amended': { ...subGrant, awarded: eur('5500001'), from: eur('5000001'), to: eur('5500001'), reason: 'Second one-stop-shop' },
  'grants.sub-grant.signed': { ...subGrant, status: 'signed', disbursements: [] },
  'grants.sub-grant.suspended': { ...subGrant, status: 'suspended', statusReason: 'Audit finding under review' },
  'grants.sub-grant.resumed': subGrant,
  'grants.sub-grant.terminated': {
    ...subGrant,
    status: 'terminated',
    statusReason: 'The city withdrew',
    tranches: [tranches[0], { ...tranches[1], status: 'cancelled' }, { ...tranches[2], status: 'cancelled' }],
    recoveries: [{ ...recovery, reason: 'The city withdrew' }],
    terminatedOn: '2024-09-30',
    cancelledTranches: [1, 2],
    recovery: { ...recovery, reason: 'The city withdrew' },
  },
  'grants.sub-grant.closed': { ...subGrant, status: 'closed', settlement, netPaid: eur('4850001') },
  'grants.sub-grant.tranche-released': { ...subGrant, trancheIndex: 0, disbursement },
  'grants.sub-grant.final-settled': { ...subGrant, settlement },
  'grants.sub-grant.recovery-requested': { ...subGrant, recoveries: [recovery], recovery },
  'grants.sub-grant.recovery-received': { ...subGrant, recoveries: [received], recovery: received },
  'grants.expenditure-report.submitted': report,
  'grants.expenditure-report.approved': {
    ...report,
    status: 'approved',
    accepted: [eur('1100000'), eur('89300')],
    decisions: [decision('approved', ['Catering is not eligible'])],
    approved: eur('1189300'),
  },
  'grants.expenditure-report.rejected': { ...report, status: 'rejected', decisions: [decision('rejected', ['Wrong period'])] },
  'grants.expenditure-report.returned': { ...report, status: 'returned', decisions: [decision('returned', ['Add the invoices'])] },
  'grants.city-report.submitted': cityReport,
  'grants.city-report.resubmitted': { ...cityReport, revision: 2, submittedOn: '2025-01-28' },
  'grants.report-review.approved': {
    ...review,
    decision: decision('approved', ['Catering is not eligible']),
    accepted: [eur('1100000'), eur('89300')],
    approved: eur('1189300'),
  },
  'grants.report-review.rejected': { ...review, decision: decision('rejected', ['Wrong period']) },
  'grants.report-review.returned': { ...review, decision: decision('returned', ['Add the invoices']) },
  'grants.milestone.planned': milestone,
  'grants.milestone.evidence-added': { ...milestone, evidence: [evidence] },
  'grants.milestone.reached': { ...milestone, evidence: [evidence], status: 'reached', reachedOn: '2024-06-21' },
  'grants.milestone.rescheduled': { ...milestone, dueOn: '2024-09-30', note: 'Venue closed', from: '2024-06-30', to: '2024-09-30', reason: 'Venue closed' },
  'grants.milestone.forecast-changed': { ...milestone, forecastOn: '2024-07-15' },
  'grants.milestone.cancelled': { ...milestone, status: 'cancelled', note: 'Merged with the kick-off' },
  'grants.report.due-soon': { ...finding, key: `report-due-soon:${SUB_GRANT}:interim-1:2025-01-31`, deadlineKey: 'interim-1' },
  'grants.report.overdue': { ...finding, key: `report-overdue:${SUB_GRANT}:interim-1:2025-01-31`, deadlineKey: 'interim-1', on: '2025-02-01' },
  'grants.milestone.slipping': {
    ...finding,
    key: `milestone-slipping:${MILESTONE}:2024-06-30`,
    milestoneId: MILESTONE,
    milestoneKey: 'stakeholder-workshop',
    dueOn: '2024-06-30',
    forecastOn: '2024-07-15',
    on: '2024-06-01',
  },
};
// A sample is what goes over the wire: no undefined fields.
for (const [type, sample] of Object.entries(SAMPLES)) SAMPLES[type] = wire(sample) as object;

describe('GRANTS_EVENTS', () => {
  describeRoundTrips('grants', GRANTS_EVENTS, SAMPLES);

  const registry = new EventRegistry(GRANTS_EVENTS);
  const decode = (def: EventDefinition, data: object) => registry.decode(wire(sampleEnvelope(def, data)), { strict: true });

  it('carry money as strings of minor units, never numbers', () => {
    const decoded = decode(SubGrantAwarded, { ...SAMPLES['grants.sub-grant.awarded'], awarded: { amountMinor: 5000001, currency: 'EUR' } });
    expect(decoded).toMatchObject({ ok: false, violations: expect.arrayContaining([expect.objectContaining({ field: 'data.awarded.amountMinor', rule: 'isString' })]) });
  });

  it('check nested lines, conversions and their rates', () => {
    const bad = { ...converted, spent: { ...converted.spent, rate: { ...converted.spent.rate, rate: 0.0893 } } };
    const decoded = decode(ExpenditureReportSubmitted, { ...report, lines: [line, bad] });
    expect(decoded).toMatchObject({ ok: false, violations: expect.arrayContaining([expect.objectContaining({ field: 'data.lines.1.spent.rate.rate', rule: 'isString' })]) });
  });

  it('refuse a sub-grant without a network', () => {
    const { networkId: _omitted, ...withoutNetwork } = SAMPLES['grants.sub-grant.awarded'] as { networkId: string };
    expect(decode(SubGrantAwarded, withoutNetwork)).toMatchObject({ ok: false, violations: expect.arrayContaining([expect.objectContaining({ field: 'data.networkId', rule: 'isUuid' })]) });
  });
});
