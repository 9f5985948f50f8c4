import fc from 'fast-check';
import { Emission, GRANTS_EVENTS } from '@intercity/contracts';
import { money, Versioned } from '@intercity/domain';
import { combineReport, ExpenditureReport } from '../../expenditure/domain/expenditure-report';
import { addEvidence, forecastMilestone, markReached, Milestone, planMilestone, rescheduleMilestone } from '../../milestone/domain/milestone';
import { changeEnvelope, createProgramme, GrantProgramme } from '../../programme/domain/programme';
import { Fact } from '../../shared/domain/fact';
import { awardInput, eur, LIAISON_OFFENBACH, OFFENBACH, OFFICER, programmeInput, T0, uid, shown, Shown } from '../../shared/domain/fixtures';
import { emissionsOf, GrantsAggregate } from '../../shared/events';
import { releaseTranche, settleFinal } from '../../tranche/domain/tranche';
import { signAgreement, SubGrant, suspendSubGrant, terminateSubGrant, resumeSubGrant, awardSubGrant } from '../../sub-grant/domain/sub-grant';
import { applyToCopy, cityReportCopy, Copy, legacyReportCopy, milestoneCopy, NOTICE_EVENTS, programmeCopy, reviewCopy, STATE_EVENTS, subGrantCopy } from './hub-copies';

const NETWORK = uid(999);
const at = (day: string) => new Date(`${day}T10:00:00Z`);

/** An emission as it reaches a city: an envelope whose occurredAt is the hub's clock at the change. */
function envelopeOf(e: Emission, occurredAt: Date) {
  return { aggregate: { type: e.event.aggregateType, id: e.aggregateId, version: e.aggregateVersion }, occurredAt: occurredAt.toISOString(), data: JSON.parse(JSON.stringify(e.data)) };
}

function copyOf(e: Emission, occurredAt: Date): Copy<GrantsAggregate & Versioned> {
  const env = envelopeOf(e, occurredAt);
  switch (e.event.aggregateType) {
    case 'programme':
      return programmeCopy(env);
    case 'sub-grant':
      return subGrantCopy(env);
    case 'city-report':
      return cityReportCopy(env);
    case 'report-review':
      return reviewCopy(env);
    case 'milestone':
      return milestoneCopy(env);
    default:
      throw new Error(`no copy of ${e.event.aggregateType}`);
  }
}

/** Each rule's outcome as the hub emits it, beside the state the hub holds after it. */
function story() {
  const steps: { state: GrantsAggregate; emissions: Emission[]; at: Date }[] = [];
  const tell = <S extends GrantsAggregate>(outcome: { state: S; facts: Fact[] }): S => {
    steps.push({ state: outcome.state, emissions: emissionsOf(outcome.facts, outcome.state, NETWORK), at: outcome.state.updatedAt });
    return outcome.state;
  };
  /** A report rule's outcome: told as the aggregate it changed, followed as the report clients see. */
  const report = (o: Shown): ExpenditureReport => {
    tell({ state: o.aggregate, facts: o.facts });
    return o.state;
  };

  let programme: GrantProgramme = tell(createProgramme(uid(200), programmeInput, T0));
  programme = tell(changeEnvelope(programme, [], eur(30_000_000n), 'Amendment 2', at('2024-01-20')));
  let sg: SubGrant = tell(awardSubGrant(programme, [], uid(300), awardInput(OFFENBACH, 5_000_000n), at('2024-01-25')));
  sg = tell(signAgreement(sg, { signedOn: '2024-02-20', documentRef: 'GA-2024-OF-01' }, at('2024-02-20')));
  sg = tell(suspendSubGrant(sg, 'Bank details under review', at('2024-02-22')));
  sg = tell(resumeSubGrant(sg, at('2024-02-26')));
  sg = tell(releaseTranche(sg, { reports: [], milestones: [] }, { trancheIndex: 0, disbursementId: uid(901), paidOn: '2024-03-01', paymentReference: 'SEPA-0301-17' }, at('2024-03-01')));
  let workshop: Milestone = tell(planMilestone(sg, [], uid(800), { key: 'stakeholder-workshop', title: 'Stakeholder workshop held', dueOn: '2024-06-30' }, at('2024-03-05')));
  workshop = tell(forecastMilestone(workshop, '2024-07-15', at('2024-06-01')));
  workshop = tell(rescheduleMilestone(workshop, sg, '2024-09-30', 'The venue is closed in summer', at('2024-06-10')));
  workshop = tell(addEvidence(workshop, { documentRef: 'minutes.pdf', description: 'Minutes' }, LIAISON_OFFENBACH.personId, '2024-09-20', at('2024-09-20')));
  tell(markReached(workshop, '2024-09-20', at('2024-09-21')));
  const rate = { from: 'CZK' as const, to: 'EUR' as const, rate: '0.0893', rateDate: '2024-12-31' };
  const lines = [
    { category: 'staff' as const, spent: eur(1_500_000n) },
    { category: 'travel' as const, spent: money(1_000_000n, 'CZK'), rate },
  ];
  let interim: ExpenditureReport = report(shown.submit(sg, [], uid(700), { deadlineKey: 'interim-1', lines }, LIAISON_OFFENBACH, '2025-01-20', at('2025-01-20')));
  interim = report(shown.return(interim, { by: OFFICER, on: '2025-01-25', reasons: ['Add the invoices'] }, at('2025-01-25')));
  interim = report(shown.resubmit(sg, interim, lines, LIAISON_OFFENBACH, '2025-01-28', at('2025-01-28')));
  interim = report(shown.approve(interim, { by: OFFICER, on: '2025-02-03', accepted: [eur(1_500_000n), eur(89_300n)] }, at('2025-02-03')));
  let final: ExpenditureReport = report(shown.submit(sg, [interim], uid(701), { deadlineKey: 'final', lines: [{ category: 'staff', spent: eur(100_000n) }] }, LIAISON_OFFENBACH, '2025-12-20', at('2025-12-20')));
  final = report(shown.approve(final, { by: OFFICER, on: '2026-01-10' }, at('2026-01-10')));
  sg = tell(settleFinal(sg, [interim, final], '2026-01-12', at('2026-01-12')));
  sg = tell(terminateSubGrant(sg, { reason: 'The city withdrew', on: '2026-01-20', recovery: eur(10_000n) }, at('2026-01-20')));
  return steps;
}

const steps = story();
const withoutInstants = <T extends Versioned>({ createdAt: _c, updatedAt: _u, ...rest }: T) => rest;

describe("a city's copy of the hub's grant data", () => {
  it('is kept from every grants event that carries a state; the rest are the check\'s notices', () => {
    const copied = Object.values(STATE_EVENTS).flat();
    expect([...copied, ...NOTICE_EVENTS].sort()).toEqual(GRANTS_EVENTS.map((d) => d.type).sort());
    const aggregates = { programme: 'programme', subGrant: 'sub-grant', cityReport: 'city-report', review: 'report-review', legacyReport: 'expenditure-report', milestone: 'milestone' } as const;
    for (const [kind, types] of Object.entries(STATE_EVENTS)) {
      for (const t of types) expect(GRANTS_EVENTS.find((d) => d.type === t)?.aggregateType).toBe(aggregates[kind as keyof typeof aggregates]);
    }
  });

  it('covers every kind of state the hub tells: each aggregate type, settlement, recovery, conversions, forecasts', () => {
    const types = new Set(steps.flatMap((s) => s.emissions.map((e) => e.event.type)));
    expect([...types]).toEqual(expect.arrayContaining(['grants.programme.created', 'grants.sub-grant.final-settled', 'grants.sub-grant.terminated', 'grants.city-report.resubmitted', 'grants.report-review.approved', 'grants.report-review.returned', 'grants.milestone.reached']));
  });

  it.each(steps.map((s, i) => [`${i} ${s.emissions.map((e) => e.event.type).join(', ')}`, s] as const))(
    'after %s is the state the hub holds, version and all, in the network the event names',
    (_name, step) => {
      const last = step.emissions[step.emissions.length - 1];
      const copy = copyOf(last, step.at);
      expect(copy.networkId).toBe(NETWORK);
      expect(withoutInstants(copy.state)).toEqual(withoutInstants(step.state));
      expect(copy.state.updatedAt).toEqual(step.at);
    },
  );

  it('takes absent optional fields as the nulls the domain holds', () => {
    const awarded = steps.find((s) => s.emissions[0].event.type === 'grants.sub-grant.awarded')!;
    const copy = copyOf(awarded.emissions[0], awarded.at).state as SubGrant;
    expect(copy).toMatchObject({ agreement: null, settlement: null, statusReason: null });
    expect(copy.tranches[0].conditions.reportApproved).toBeNull();
    expect(copy.awarded).toEqual(eur(5_000_000n));
  });

  it("reads a report told as one aggregate (before the split) as the city's report and one review per decision", () => {
    const reportId = uid(700);
    const legacy = {
      aggregate: { type: 'expenditure-report', id: reportId, version: 4 },
      occurredAt: '2025-02-03T10:00:00.000Z',
      data: {
        reportId,
        networkId: NETWORK,
        subGrantId: uid(300),
        programmeId: uid(200),
        memberId: OFFENBACH,
        deadlineKey: 'interim-1',
        kind: 'interim' as const,
        period: { from: '2024-01-01', to: '2024-12-31' },
        lines: [{ category: 'staff' as const, amount: { amountMinor: '1500000', currency: 'EUR' } }],
        accepted: [{ amountMinor: '1400000', currency: 'EUR' }],
        status: 'approved' as const,
        submittedBy: LIAISON_OFFENBACH.personId,
        submittedOn: '2025-01-28',
        revision: 2,
        decisions: [
          { decision: 'returned' as const, by: OFFICER, on: '2025-01-25', reasons: ['Add the invoices'] },
          { decision: 'approved' as const, by: OFFICER, on: '2025-02-03', reasons: [] },
        ],
      },
    };
    const { networkId, state } = legacyReportCopy(legacy, (id, revision) => `${id}:${revision}`);
    expect(networkId).toBe(NETWORK);
    expect(state.report).toMatchObject({ id: reportId, revision: 2, version: 2 });
    expect(state.reviews.map((r) => [r.id, r.revision, r.decision.decision, r.accepted])).toEqual([
      [`${reportId}:1`, 1, 'returned', null],
      [`${reportId}:2`, 2, 'approved', [eur(1_400_000n)]],
    ]);
    expect(combineReport(state.report, state.reviews)).toMatchObject({ status: 'approved', version: 4, accepted: [eur(1_400_000n)], decisions: legacy.data.decisions });
  });

  it('refuses money that is not whole minor units rather than store it', () => {
    const programme = steps[0].emissions[0];
    const env = envelopeOf(programme, T0);
    env.data.envelope.amountMinor = '12.5';
    expect(() => programmeCopy(env)).toThrow(/whole minor units/);
  });
});

describe('applying events to a copy', () => {
  /** Versions 1…n of one sub-grant, each told at its own instant. */
  const versions = (n: number) =>
    Array.from({ length: n }, (_, i): Copy<Versioned & { n: number }> => ({
      networkId: NETWORK,
      state: { n: i + 1, version: i + 1, createdAt: new Date(T0.getTime() + i * 60_000), updatedAt: new Date(T0.getTime() + i * 60_000) },
    }));
  const fold = <T extends Versioned>(events: Copy<T>[]) => events.reduce<Copy<T> | undefined>((held, e) => applyToCopy(held, e), undefined)!;

  it('keeps the newer version: a stale event changes nothing', () => {
    const [v1, v2, v3] = versions(3);
    const held = fold([v1, v3]);
    expect(applyToCopy(held, v2)).toEqual(held);
    expect(applyToCopy(held, v3)).toEqual(held);
    expect(held.state).toMatchObject({ n: 3, version: 3, createdAt: v1.state.createdAt, updatedAt: v3.state.updatedAt });
  });

  it('ends where the hub is whatever the order, and however often each event comes', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 8 }).chain((n) =>
          fc.tuple(
            fc.constant(n),
            fc.shuffledSubarray(
              Array.from({ length: n * 3 }, (_, i) => i % n),
              { minLength: n * 3, maxLength: n * 3 },
            ),
          ),
        ),
        ([n, order]) => {
          const all = versions(n);
          // Every version at least once, in any order, some of them again (redeliveries).
          const arrived = [...order.map((i) => all[i])];
          expect(fold(arrived)).toEqual({ networkId: NETWORK, state: { ...all[n - 1].state, createdAt: all[0].state.createdAt } });
        },
      ),
    );
  });

  it('dates the copy from the first version it saw when the first never came', () => {
    const [, v2, v3] = versions(3);
    expect(fold([v3, v2]).state).toMatchObject({ version: 3, createdAt: v2.state.createdAt });
  });
});
