import { ExpenditureReport } from '../../expenditure/domain/expenditure-report';
import { addEvidence, markReached, Milestone, planMilestone } from '../../milestone/domain/milestone';
import { DEFAULT_TRANCHE_PATTERN } from '../../programme/domain/programme';
import { awardInput, eur, LIAISON_OFFENBACH, OFFENBACH, OFFICER, programme, T0, uid, shown } from '../../shared/domain/fixtures';
import { awardSubGrant, closeSubGrant, signAgreement, SubGrant, suspendSubGrant } from '../../sub-grant/domain/sub-grant';
import { netPaid, recordRecoveryReceived, ReleaseContext, releaseTranche, TrancheConditionsUnmet, unmetConditions } from './tranche';

const violation = (rule: string, field?: string) => expect.objectContaining(field ? { rule, field } : { rule });
const none: ReleaseContext = { reports: [], milestones: [] };
let n = 0;
const pay = (sg: SubGrant, trancheIndex: number, ctx: ReleaseContext = none, paidOn = '2024-03-01') =>
  releaseTranche(sg, ctx, { trancheIndex, disbursementId: uid(900 + ++n), paidOn, paymentReference: `PAY-${n}` }, T0);

/** A 50,000.00 EUR sub-grant whose interim tranche also waits for a milestone. */
function signedSubGrant(): SubGrant {
  const terms = structuredClone([...DEFAULT_TRANCHE_PATTERN]);
  terms[1].conditions.milestones = ['one-stop-shop-open'];
  const sg = awardSubGrant(programme, [], uid(300), { ...awardInput(OFFENBACH, 5_000_000n), tranches: terms }, T0).state;
  return signAgreement(sg, { signedOn: '2024-02-01', documentRef: 'GA-1' }, T0).state;
}

function report(sg: SubGrant, key: string, staffMinor: bigint, reports: ExpenditureReport[] = []): ExpenditureReport {
  const submitted = shown.submit(sg, reports, uid(700 + reports.length), { deadlineKey: key, lines: [{ category: 'staff', spent: eur(staffMinor) }] }, LIAISON_OFFENBACH, '2025-01-20', T0).state;
  return shown.approve(submitted, { by: OFFICER, on: '2025-01-25' }, T0).state;
}

function reachedMilestone(sg: SubGrant): Milestone {
  const m = planMilestone(sg, [], uid(800), { key: 'one-stop-shop-open', title: 'One-stop-shop opens', dueOn: '2024-09-30' }, T0).state;
  return markReached(addEvidence(m, { documentRef: 'photo-opening.pdf', description: 'Opening day' }, OFFICER, '2024-09-20', T0).state, '2024-09-20', T0).state;
}

describe('releasing tranches', () => {
  it('pays the pre-financing once the agreement is signed, recording the disbursement', () => {
    const out = pay(signedSubGrant(), 0);
    expect(out.state.status).toBe('active');
    expect(out.state.disbursements).toEqual([{ id: expect.any(String), trancheIndex: 0, amount: eur(2_000_000n), paidOn: '2024-03-01', paymentReference: expect.stringMatching(/^PAY-/) }]);
    expect(out.facts).toMatchObject([{ type: 'grants.sub-grant.tranche-released', aggregateVersion: 3, data: { trancheIndex: 0 } }]);
  });

  it('refuses an early release with a 409 naming each unmet condition', () => {
    const unpaid = signedSubGrant();
    let error: unknown;
    try {
      pay(unpaid, 1);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(TrancheConditionsUnmet);
    expect(error).toMatchObject({ rule: 'tranche.conditions-unmet', kind: 'conflict' });
    expect((error as TrancheConditionsUnmet).unmet.map((u) => u.condition)).toEqual(['previous-tranche-released', 'interim-report-approved', 'milestone-reached:one-stop-shop-open']);
    const sg = pay(unpaid, 0).state;
    expect(unmetConditions(sg, 2, none).map((u) => u.condition)).toEqual(['final-report-approved']);
    expect(unmetConditions(sg, 1, none).map((u) => u.condition)).toEqual(['interim-report-approved', 'accounted-share', 'milestone-reached:one-stop-shop-open']);
  });

  it('refuses the pre-financing before signature', () => {
    const sg = awardSubGrant(programme, [], uid(300), awardInput(OFFENBACH, 5_000_000n), T0).state;
    expect(() => pay(sg, 0)).toThrow(expect.objectContaining({ rule: 'tranche.conditions-unmet', unmet: [expect.objectContaining({ condition: 'agreement-signed' })] }));
  });

  it('pays the interim tranche once a report is approved, enough is accounted for and the milestone is reached', () => {
    const sg = pay(signedSubGrant(), 0).state;
    const milestones = [reachedMilestone(sg)];
    const short = report(sg, 'interim-1', 1_399_999n); // 69.99% of 20,000.00 received
    expect(unmetConditions(sg, 1, { reports: [short], milestones }).map((u) => u.condition)).toEqual(['accounted-share']);
    const enough = report(sg, 'interim-1', 1_400_000n);
    const out = pay(sg, 1, { reports: [enough], milestones }, '2025-02-01');
    expect(out.state.disbursements.map((d) => d.amount)).toEqual([eur(2_000_000n), eur(2_000_000n)]);
  });

  it('repeats nothing for the same request, and refuses a second payment of a tranche', () => {
    const sg = signedSubGrant();
    const input = { trancheIndex: 0, disbursementId: uid(950), paidOn: '2024-03-01', paymentReference: 'PAY-X' };
    const once = releaseTranche(sg, none, input, T0).state;
    expect(releaseTranche(once, none, input, T0)).toEqual({ state: once, facts: [] });
    expect(() => releaseTranche(once, none, { ...input, paymentReference: 'PAY-Y' }, T0)).toThrow(violation('tranche.already-released', 'trancheIndex'));
  });

  it('refuses payments while suspended, before signature date, or out of order', () => {
    const sg = signedSubGrant();
    expect(() => pay(suspendSubGrant(sg, 'audit', T0).state, 0)).toThrow(violation('sub-grant.suspended'));
    expect(() => pay(sg, 0, none, '2024-01-31')).toThrow(violation('tranche.paid-before-signature', 'paidOn'));
    expect(() => releaseTranche(sg, none, { trancheIndex: 0, disbursementId: uid(1), paidOn: '2024-03-01', paymentReference: ' ' }, T0)).toThrow(
      violation('tranche.payment-reference', 'paymentReference'),
    );
    expect(() => pay(sg, 7)).toThrow(violation('tranche.exists', 'trancheIndex'));
  });
});

describe('settling on the final report', () => {
  function throughInterim() {
    const sg0 = pay(signedSubGrant(), 0).state;
    const milestones = [reachedMilestone(sg0)];
    const interim = report(sg0, 'interim-1', 3_000_000n);
    const sg = pay(sg0, 1, { reports: [interim], milestones }, '2025-02-01').state;
    return { sg, milestones, interim };
  }

  it('pays the final tranche in full when approved spending covers the award', () => {
    const { sg, milestones, interim } = throughInterim();
    const final = report(sg, 'final', 2_000_000n, [interim]);
    const out = pay(sg, 2, { reports: [interim, final], milestones }, '2026-02-15');
    expect(out.facts.map((f) => f.type)).toEqual(['grants.sub-grant.final-settled', 'grants.sub-grant.tranche-released']);
    expect(netPaid(out.state)).toEqual(eur(5_000_000n));
    expect(closeSubGrant(out.state, T0).state.status).toBe('closed');
  });

  it('reduces the final tranche when approved spending falls short', () => {
    const { sg, milestones, interim } = throughInterim();
    const final = report(sg, 'final', 1_500_000n, [interim]); // 45,000.00 eligible, 40,000.00 received
    const out = pay(sg, 2, { reports: [interim, final], milestones }, '2026-02-15');
    expect(out.state.settlement).toMatchObject({ eligible: eur(4_500_000n), finalTranchePlanned: eur(1_000_000n), finalTrancheSettled: eur(500_000n), recovery: eur(0n) });
    expect(out.state.disbursements[2].amount).toEqual(eur(500_000n));
  });

  it('asks money back when the city received more than it spent, and closes once it is back', () => {
    const { sg, milestones, interim } = throughInterim();
    const final = report(sg, 'final', 0n, [interim]); // 30,000.00 eligible, 40,000.00 received
    const out = pay(sg, 2, { reports: [interim, final], milestones }, '2026-02-15');
    expect(out.facts.map((f) => f.type)).toEqual(['grants.sub-grant.final-settled', 'grants.sub-grant.recovery-requested']);
    expect(out.state.tranches[2].status).toBe('cancelled');
    expect(out.state.recoveries).toMatchObject([{ seq: 1, amount: eur(1_000_000n), status: 'requested' }]);
    expect(() => closeSubGrant(out.state, T0)).toThrow(violation('sub-grant.recovery-outstanding'));
    const back = recordRecoveryReceived(out.state, { seq: 1, receivedOn: '2026-03-01', reference: 'BANK-77' }, T0).state;
    expect(netPaid(back)).toEqual(eur(3_000_000n));
    expect(closeSubGrant(back, T0).facts).toMatchObject([{ type: 'grants.sub-grant.closed', data: { netPaid: eur(3_000_000n) } }]);
  });
});
