import { Emission, EVENT_REGISTRY, GRANTS_EVENTS, validatePayload } from '@intercity/contracts';
import { money, Money } from '@intercity/domain';
import { ExpenditureReport } from '../expenditure/domain/expenditure-report';
import { addEvidence, cancelMilestone, forecastMilestone, markReached, Milestone, planMilestone, rescheduleMilestone } from '../milestone/domain/milestone';
import { changeEnvelope, createProgramme, DEFAULT_TRANCHE_PATTERN, GrantProgramme } from '../programme/domain/programme';
import { amendAward, awardSubGrant, closeSubGrant, resumeSubGrant, signAgreement, SubGrant, suspendSubGrant, terminateSubGrant } from '../sub-grant/domain/sub-grant';
import { recordRecoveryReceived, releaseTranche } from '../tranche/domain/tranche';
import { WATCH_FACT_TYPES, watchFacts } from '../watch/domain/watch';
import { Fact } from './domain/fact';
import { awardInput, budgetFor, eur, LIAISON_OFFENBACH, LIAISON_RAVENNA, OFFENBACH, OFFICER, programmeInput, RAVENNA, T0, uid, shown, Shown } from './domain/fixtures';
import { emissionOf, emissionsOf, fromJson, GrantsAggregate, Stored, toJson, watchEmissionOf } from './events';

const NETWORK = uid(999);
const at = (day: string) => new Date(`${day}T10:00:00Z`);

/**
 * Two cities' sub-grants from award to close (and to termination), every rule's facts turned into
 * contract events as the service does: each fact type of the domain, and each watch finding, once
 * at least.
 */
function story() {
  const emissions: Emission[] = [];
  const facts: Fact[] = [];
  const tell = <S extends GrantsAggregate>(outcome: { state: S; facts: Fact[] }): S => {
    facts.push(...outcome.facts);
    emissions.push(...emissionsOf(outcome.facts, outcome.state, NETWORK));
    return outcome.state;
  };
  /** A report rule's outcome: told as the aggregate it changed, followed as the report clients see. */
  const report = (o: Shown): ExpenditureReport => {
    tell({ state: o.aggregate, facts: o.facts });
    return o.state;
  };


  let programme: GrantProgramme = tell(createProgramme(uid(200), programmeInput, T0));
  programme = tell(changeEnvelope(programme, [], eur(30_000_000n), 'Amendment 2 of the grant agreement', at('2024-01-20')));

  // Offenbach: the interim tranche also waits for its stakeholder workshop.
  const terms = structuredClone([...DEFAULT_TRANCHE_PATTERN]);
  terms[1].conditions.milestones = ['stakeholder-workshop'];
  let a: SubGrant = tell(awardSubGrant(programme, [], uid(300), { ...awardInput(OFFENBACH, 5_000_000n), tranches: terms }, at('2024-01-25')));
  a = tell(amendAward(programme, [], a, { awarded: eur(5_500_000n), budgetLines: budgetFor(eur(5_500_000n)), reason: 'A second one-stop-shop' }, at('2024-02-01')));
  a = tell(signAgreement(a, { signedOn: '2024-02-20', documentRef: 'GA-2024-OF-01' }, at('2024-02-20')));
  a = tell(suspendSubGrant(a, 'Bank details under review', at('2024-02-22')));
  a = tell(resumeSubGrant(a, at('2024-02-26')));
  a = tell(releaseTranche(a, { reports: [], milestones: [] }, { trancheIndex: 0, disbursementId: uid(901), paidOn: '2024-03-01', paymentReference: 'SEPA-0301-17' }, at('2024-03-01')));

  let workshop: Milestone = tell(planMilestone(a, [], uid(800), { key: 'stakeholder-workshop', title: 'Stakeholder workshop held', dueOn: '2024-06-30' }, at('2024-03-05')));
  workshop = tell(forecastMilestone(workshop, '2024-07-15', at('2024-06-01')));
  workshop = tell(rescheduleMilestone(workshop, a, '2024-09-30', 'The venue is closed in summer', at('2024-06-10')));
  workshop = tell(forecastMilestone(workshop, null, at('2024-06-11')));
  workshop = tell(addEvidence(workshop, { documentRef: 'dms://offenbach/workshop-minutes.pdf', description: 'Minutes and attendance list' }, LIAISON_OFFENBACH.personId, '2024-09-20', at('2024-09-20')));
  workshop = tell(markReached(workshop, '2024-09-20', at('2024-09-21')));
  let pressKit: Milestone = tell(planMilestone(a, [workshop], uid(801), { key: 'press-kit', title: 'Press kit published', dueOn: '2024-10-31' }, at('2024-03-05')));
  pressKit = tell(cancelMilestone(pressKit, 'Merged with the opening', at('2024-10-01')));

  const rate = { from: 'CZK' as const, to: 'EUR' as const, rate: '0.0893', rateDate: '2024-12-31' };
  const interimLines = [
    { category: 'staff' as const, spent: eur(1_500_000n) },
    { category: 'travel' as const, spent: money(1_000_000n, 'CZK'), rate },
  ];
  let interim: ExpenditureReport = report(shown.submit(a, [], uid(700), { deadlineKey: 'interim-1', lines: interimLines }, LIAISON_OFFENBACH, '2025-01-20', at('2025-01-20')));
  interim = report(shown.return(interim, { by: OFFICER, on: '2025-01-25', reasons: ['Add the invoices'] }, at('2025-01-25')));
  interim = report(shown.resubmit(a, interim, interimLines, LIAISON_OFFENBACH, '2025-01-28', at('2025-01-28')));
  interim = report(shown.approve(interim, { by: OFFICER, on: '2025-02-03', accepted: [eur(1_500_000n), eur(89_300n)] }, at('2025-02-03')));
  a = tell(
    releaseTranche(a, { reports: [interim], milestones: [workshop] }, { trancheIndex: 1, disbursementId: uid(902), paidOn: '2025-02-15', paymentReference: 'SEPA-0215-4' }, at('2025-02-15')),
  );
  let final: ExpenditureReport = report(
    shown.submit(a, [interim], uid(701), { deadlineKey: 'final', lines: [{ category: 'staff', spent: eur(2_000_000n) }] }, LIAISON_OFFENBACH, '2025-12-20', at('2025-12-20')),
  );
  final = report(shown.approve(final, { by: OFFICER, on: '2026-01-10' }, at('2026-01-10')));
  // Less approved than received: the account settles with the final tranche cancelled and money asked back.
  a = tell(
    releaseTranche(a, { reports: [interim, final], milestones: [workshop] }, { trancheIndex: 2, disbursementId: uid(903), paidOn: '2026-01-15', paymentReference: 'SEPA-0115-9' }, at('2026-01-15')),
  );
  a = tell(recordRecoveryReceived(a, { seq: 1, receivedOn: '2026-02-01', reference: 'SEPA-IN-0201-3' }, at('2026-02-01')));
  a = tell(closeSubGrant(a, at('2026-02-02')));

  // Ravenna: a late report, a slipping milestone, a rejected report, an early end.
  let b: SubGrant = tell(awardSubGrant(programme, [a], uid(301), awardInput(RAVENNA, 4_000_000n), at('2024-01-25')));
  b = tell(signAgreement(b, { signedOn: '2024-03-01', documentRef: 'GA-2024-RA-01' }, at('2024-03-01')));
  b = tell(releaseTranche(b, { reports: [], milestones: [] }, { trancheIndex: 0, disbursementId: uid(904), paidOn: '2024-03-10', paymentReference: 'SEPA-0310-2' }, at('2024-03-10')));
  const kickOff: Milestone = tell(planMilestone(b, [], uid(802), { key: 'kick-off', title: 'Local kick-off', dueOn: '2024-12-01' }, at('2024-03-11')));
  const findings = ['2025-01-28', '2025-02-05'].flatMap((today) => watchFacts(b, [], [kickOff], today));
  for (const w of findings) emissions.push(watchEmissionOf(w, w.milestoneId ? kickOff : b, NETWORK));
  const rejected = report(
    shown.submit(b, [], uid(702), { deadlineKey: 'interim-1', lines: [{ category: 'staff', spent: eur(900_000n) }] }, LIAISON_RAVENNA, '2025-02-06', at('2025-02-06')),
  );
  const decided = report(shown.reject(rejected, { by: OFFICER, on: '2025-02-10', reasons: ['Costs from before the agreement'] }, at('2025-02-10')));
  b = tell(terminateSubGrant(b, { reason: 'The city withdrew', on: '2025-03-01', recovery: eur(1_000_000n) }, at('2025-03-01')));

  return { emissions, facts, findings, states: { programme, a, b, workshop, pressKit, interim, final, kickOff, decided } };
}

const { emissions, facts, findings, states } = story();
const byType = (type: string) => emissions.filter((e) => e.event.type === type);
const first = (type: string) => {
  const found = byType(type);
  expect(found.length).toBeGreaterThan(0);
  return found[0].data as Record<string, unknown>;
};

describe('grants facts as contract events', () => {
  it('tell every event type of the contracts: each fact type has its event, and the story covers them all', () => {
    // The report as one aggregate is no longer told; its events stay in the contracts for consumers.
    const legacy = ['grants.expenditure-report.submitted', 'grants.expenditure-report.approved', 'grants.expenditure-report.rejected', 'grants.expenditure-report.returned'];
    expect(new Set(emissions.map((e) => e.event.type))).toEqual(new Set(GRANTS_EVENTS.map((d) => d.type).filter((t) => !legacy.includes(t))));
    expect(WATCH_FACT_TYPES.every((t) => GRANTS_EVENTS.some((d) => d.type === t))).toBe(true);
  });

  it.each(emissions.map((e, i) => [`${i} ${e.event.type}`, e] as const))('%s passes the strict check the outbox makes', (_name, e) => {
    expect(validatePayload(e.event.payload, e.data, { strict: true, path: 'data' }).violations).toEqual([]);
    const envelope = {
      id: uid(5000),
      type: e.event.type,
      version: e.event.version,
      occurredAt: '2026-02-02T10:00:00.000Z',
      origin: 'hub',
      aggregate: { type: e.event.aggregateType, id: e.aggregateId, version: e.aggregateVersion },
      actor: { kind: 'person', id: OFFICER },
      correlationId: 'corr-1',
      causationId: null,
      data: e.data,
    };
    const wire = JSON.parse(JSON.stringify(envelope));
    expect(EVENT_REGISTRY.decode(wire, { strict: true })).toMatchObject({ ok: true });
    expect(wire.data).toEqual(e.data);
    expect(e.data).toMatchObject({ networkId: NETWORK });
  });

  it('keep each fact\'s aggregate and version, in order', () => {
    const told = emissions.filter((e) => !(WATCH_FACT_TYPES as readonly string[]).includes(e.event.type));
    expect(told.map((e) => [e.event.type, e.event.aggregateType, e.aggregateId, e.aggregateVersion])).toEqual(
      facts.map((f) => [f.type, f.aggregateType, f.aggregateId, f.aggregateVersion]),
    );
  });

  it('carry the whole state after the change, money as strings of minor units', () => {
    expect(first('grants.sub-grant.signed')).toMatchObject({
      subGrantId: uid(300),
      status: 'signed',
      awarded: { amountMinor: '5500000', currency: 'EUR' },
      agreement: { signedOn: '2024-02-20', documentRef: 'GA-2024-OF-01' },
      tranches: [{ index: 0, amount: { amountMinor: '2200000', currency: 'EUR' }, status: 'planned', conditions: { agreementSigned: true } }, {}, {}],
    });
    expect(first('grants.sub-grant.awarded')).not.toHaveProperty('agreement');
    expect(first('grants.programme.envelope-changed')).toMatchObject({
      envelope: { amountMinor: '30000000' },
      from: { amountMinor: '25000000', currency: 'EUR' },
      to: { amountMinor: '30000000', currency: 'EUR' },
      reason: 'Amendment 2 of the grant agreement',
    });
  });

  it('add the fact\'s own details', () => {
    expect(byType('grants.sub-grant.tranche-released')[0].data).toMatchObject({
      trancheIndex: 0,
      disbursement: { disbursementId: uid(901), trancheIndex: 0, amount: { amountMinor: '2200000', currency: 'EUR' }, paidOn: '2024-03-01', paymentReference: 'SEPA-0301-17' },
    });
    expect(first('grants.sub-grant.final-settled')).toMatchObject({
      settlement: { eligible: { amountMinor: '3589300' }, finalTranchePlanned: { amountMinor: '1100000' }, finalTrancheSettled: { amountMinor: '0' }, recovery: { amountMinor: '810700' } },
    });
    expect(first('grants.sub-grant.recovery-received')).toMatchObject({ recovery: { seq: 1, status: 'received', receivedOn: '2026-02-01', reference: 'SEPA-IN-0201-3' } });
    expect(first('grants.sub-grant.recovery-requested')).toMatchObject({ recovery: { seq: 1, status: 'requested', amount: { amountMinor: '810700' } } });
    expect((first('grants.sub-grant.recovery-requested').recovery as object)).not.toHaveProperty('receivedOn');
    expect(first('grants.sub-grant.closed')).toMatchObject({ status: 'closed', netPaid: { amountMinor: '3589300', currency: 'EUR' } });
    expect(first('grants.sub-grant.terminated')).toMatchObject({
      status: 'terminated',
      terminatedOn: '2025-03-01',
      cancelledTranches: [1, 2],
      recovery: { seq: 1, amount: { amountMinor: '1000000' }, reason: 'The city withdrew' },
    });
    expect(first('grants.report-review.approved')).toMatchObject({
      reportId: uid(700),
      revision: 2,
      decision: { decision: 'approved', by: OFFICER, on: '2025-02-03' },
      approved: { amountMinor: '1589300', currency: 'EUR' },
      accepted: [{ amountMinor: '1500000' }, { amountMinor: '89300' }],
    });
    expect(first('grants.report-review.returned')).toMatchObject({ reportId: uid(700), revision: 1, decision: { decision: 'returned', reasons: ['Add the invoices'] } });
    expect(first('grants.city-report.resubmitted')).toMatchObject({
      reportId: uid(700),
      revision: 2,
      lines: [
        { category: 'staff', amount: { amountMinor: '1500000' } },
        {
          category: 'travel',
          amount: { amountMinor: '89300', currency: 'EUR' },
          spent: { amount: { amountMinor: '1000000', currency: 'CZK' }, rate: { from: 'CZK', to: 'EUR', rate: '0.0893', rateDate: '2024-12-31' }, rounding: 'half-up' },
        },
      ],
    });
    expect(first('grants.milestone.rescheduled')).toMatchObject({ dueOn: '2024-09-30', from: '2024-06-30', to: '2024-09-30', reason: 'The venue is closed in summer' });
  });

  it('leave absent fields out rather than send null', () => {
    const [forecast, withdrawn] = byType('grants.milestone.forecast-changed').map((e) => e.data);
    expect(forecast).toMatchObject({ forecastOn: '2024-07-15' });
    expect(withdrawn).not.toHaveProperty('forecastOn');
    expect(JSON.stringify(emissions.map((e) => e.data))).not.toContain('null');
  });

  it('file watch findings under the sub-grant or the milestone they are about', () => {
    expect(byType('grants.report.due-soon')).toMatchObject([
      { aggregateId: uid(301), aggregateVersion: 3, data: { deadlineKey: 'interim-1', dueOn: '2025-01-31', on: '2025-01-28', key: `report-due-soon:${uid(301)}:interim-1:2025-01-31` } },
    ]);
    expect(byType('grants.report.overdue')).toMatchObject([{ aggregateId: uid(301), data: { deadlineKey: 'interim-1', on: '2025-02-05' } }]);
    expect(byType('grants.milestone.slipping')[0]).toMatchObject({ aggregateId: uid(802), aggregateVersion: 1, data: { milestoneId: uid(802), milestoneKey: 'kick-off', dueOn: '2024-12-01' } });
    const slipping = findings.find((w) => w.type === 'grants.milestone.slipping');
    const overdue = findings.find((w) => w.type === 'grants.report.overdue');
    expect(() => watchEmissionOf(slipping!, states.b, NETWORK)).toThrow(/filed under its milestone/);
    expect(() => watchEmissionOf(overdue!, states.kickOff, NETWORK)).toThrow(/filed under its sub-grant/);
  });

  it('refuse a state that is not the fact\'s aggregate, and a fact type without an event', () => {
    const [signed] = facts.filter((f) => f.type === 'grants.sub-grant.signed');
    expect(() => emissionOf(signed, states.b, NETWORK)).toThrow(/is about sub-grant/);
    expect(() => emissionOf({ ...signed, type: 'grants.sub-grant.exploded' }, states.a, NETWORK)).toThrow(/no contract event for grants fact grants.sub-grant.exploded/);
  });
});

describe('aggregates as jsonb documents', () => {
  const stored = <T>(value: T): T => fromJson<T>(JSON.parse(JSON.stringify(toJson(value))));

  it.each(Object.entries(states))('round-trip %s exactly', (_name, state) => {
    expect(stored(state)).toEqual(state);
  });

  it('store money as strings of minor units and instants as ISO strings, and read them back as Money and Dates', () => {
    const doc: Stored<SubGrant> = toJson(states.a);
    expect(doc.awarded).toEqual({ amountMinor: '5500000', currency: 'EUR' });
    expect(doc.createdAt).toBe('2024-01-25T10:00:00.000Z');
    expect(doc.agreement).toEqual({ signedOn: '2024-02-20', documentRef: 'GA-2024-OF-01' });
    expect(JSON.parse(JSON.stringify(doc)).recoveries[0]).toMatchObject({ amount: { amountMinor: '810700', currency: 'EUR' }, status: 'received' });
    const back = stored(states.a);
    expect(back.awarded).toEqual(money(5_500_000n, 'EUR'));
    expect(typeof back.settlement?.recovery.amountMinor).toBe('bigint');
    expect(back.updatedAt).toBeInstanceOf(Date);
    expect(stored(states.interim).lines[1].spent).toEqual({ amount: money(1_000_000n, 'CZK'), rate: { from: 'CZK', to: 'EUR', rate: '0.0893', rateDate: '2024-12-31' }, rounding: 'half-up' });
    expect(stored(states.workshop).forecastOn).toBeNull();
  });

  it('refuse a document whose money is not whole minor units or a known currency', () => {
    const doc = JSON.parse(JSON.stringify(toJson(states.a)));
    expect(() => fromJson<SubGrant>({ ...doc, awarded: { amountMinor: '12.50', currency: 'EUR' } })).toThrow(/awarded.amountMinor/);
    expect(() => fromJson<SubGrant>({ ...doc, awarded: { amountMinor: '1250', currency: 'XYZ' } })).toThrow();
    expect(() => toJson({ amount: 5n } as unknown as Money)).toThrow(/bigint outside Money/);
  });
});
