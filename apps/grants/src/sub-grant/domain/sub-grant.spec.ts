import { money } from '@intercity/domain';
import { award, awardInput, CARTAGENA, eur, OFFENBACH, programme, RAVENNA, T0, uid } from '../../shared/domain/fixtures';
import { releaseTranche } from '../../tranche/domain/tranche';
import { amendAward, awardSubGrant, closeSubGrant, resumeSubGrant, signAgreement, SubGrant, suspendSubGrant, terminateSubGrant } from './sub-grant';

const violation = (rule: string, field?: string, kind?: string) =>
  expect.objectContaining({ rule, ...(field ? { field } : {}), ...(kind ? { kind } : {}) });
const signed = (sg: SubGrant) => signAgreement(sg, { signedOn: '2024-02-01', documentRef: 'GA-2024-001' }, T0).state;
const payFirst = (sg: SubGrant) =>
  releaseTranche(signed(sg), { reports: [], milestones: [] }, { trancheIndex: 0, disbursementId: uid(900), paidOn: '2024-02-10', paymentReference: 'PAY-1' }, T0).state;

describe('awarding a sub-grant', () => {
  it('awards a city its action plan, splitting the award into 40/40/20 tranches to the cent', () => {
    const out = awardSubGrant(programme, [], uid(300), awardInput(OFFENBACH, 5_000_001n), T0);
    expect(out.state).toMatchObject({ status: 'awarded', memberId: OFFENBACH, awarded: eur(5_000_001n), currency: 'EUR' });
    expect(out.state.tranches.map((t) => t.amount.amountMinor)).toEqual([2_000_001n, 2_000_000n, 1_000_000n]);
    expect(out.facts).toMatchObject([{ type: 'grants.sub-grant.awarded', aggregateType: 'sub-grant', aggregateId: uid(300), aggregateVersion: 1 }]);
  });

  it('refuses an award above the maximum per recipient, counting the city\'s other awards', () => {
    expect(() => award(OFFENBACH, 6_000_001n)).toThrow(violation('sub-grant.max-per-recipient', 'awarded', 'unprocessable'));
    expect(award(OFFENBACH, 6_000_000n).awarded).toEqual(eur(6_000_000n));
    const first = award(OFFENBACH, 4_000_000n);
    expect(() => award(OFFENBACH, 2_000_001n, uid(301), programme, [first])).toThrow(violation('sub-grant.max-per-recipient', 'awarded', 'conflict'));
    expect(award(RAVENNA, 6_000_000n, uid(301), programme, [first]).awarded).toEqual(eur(6_000_000n));
  });

  it('refuses an award beyond what is left of the envelope', () => {
    const others = [1, 2, 3, 4].map((n) => ({ id: uid(400 + n), memberId: uid(10 + n), awarded: eur(6_000_000n) }));
    expect(() => award(CARTAGENA, 1_000_001n, uid(300), programme, others as SubGrant[])).toThrow(violation('programme.envelope-exceeded', 'awarded', 'conflict'));
    expect(award(CARTAGENA, 1_000_000n, uid(300), programme, others as SubGrant[]).awarded).toEqual(eur(1_000_000n));
  });

  it('refuses budget lines that do not add up to the award', () => {
    const input = awardInput(OFFENBACH, 5_000_000n);
    const lines = input.budgetLines.map((l, i) => (i === 0 ? { ...l, amount: eur(l.amount.amountMinor - 1n) } : l));
    expect(() => awardSubGrant(programme, [], uid(300), { ...input, budgetLines: lines }, T0)).toThrow(violation('budget.sum', 'budgetLines', 'unprocessable'));
    const dup = [...input.budgetLines.slice(0, 4), { ...input.budgetLines[4], category: 'staff' as const }];
    expect(() => awardSubGrant(programme, [], uid(300), { ...input, budgetLines: dup }, T0)).toThrow(violation('budget.category-duplicate', 'budgetLines.4.category'));
    const negative = [{ category: 'staff' as const, amount: eur(5_000_100n) }, { category: 'travel' as const, amount: eur(-100n) }];
    expect(() => awardSubGrant(programme, [], uid(300), { ...input, budgetLines: negative }, T0)).toThrow(violation('money.negative', 'budgetLines.1.amount.amountMinor'));
    const usd = input.budgetLines.map((l, i) => (i === 0 ? { ...l, amount: money(l.amount.amountMinor, 'USD') } : l));
    expect(() => awardSubGrant(programme, [], uid(300), { ...input, budgetLines: usd }, T0)).toThrow(violation('money.currency-mismatch', 'budgetLines.0.amount.currency'));
  });

  it('refuses an award in another currency, of nothing, or outside the programme period', () => {
    const input = awardInput(OFFENBACH, 5_000_000n);
    expect(() => awardSubGrant(programme, [], uid(300), { ...input, awarded: money(5_000_000n, 'PLN') }, T0)).toThrow(violation('money.currency-mismatch', 'awarded.currency'));
    expect(() => awardSubGrant(programme, [], uid(300), { ...input, awarded: eur(0n), budgetLines: [] }, T0)).toThrow(violation('sub-grant.award-positive', 'awarded.amountMinor'));
    expect(() => awardSubGrant(programme, [], uid(300), { ...input, period: { from: '2024-01-01', to: '2026-01-31' } }, T0)).toThrow(violation('sub-grant.period', 'period'));
  });

  it('needs an action plan with objectives and an endorsement', () => {
    const input = awardInput(OFFENBACH);
    expect(() => awardSubGrant(programme, [], uid(300), { ...input, actionPlan: { ...input.actionPlan, objectives: [] } }, T0)).toThrow(violation('action-plan.objectives'));
    expect(() => awardSubGrant(programme, [], uid(300), { ...input, actionPlan: { ...input.actionPlan, endorsementDocumentRef: ' ' } }, T0)).toThrow(
      violation('action-plan.endorsement', 'actionPlan.endorsementDocumentRef'),
    );
  });
});

describe('amending an award', () => {
  it('re-splits the unpaid tranches and keeps what was paid', () => {
    const paid = payFirst(award(OFFENBACH, 5_000_000n));
    const out = amendAward(programme, [paid], paid, { awarded: eur(4_000_000n), budgetLines: awardInput(OFFENBACH, 4_000_000n).budgetLines, reason: 'smaller plan' }, T0);
    expect(out.state.tranches.map((t) => [t.status, t.amount.amountMinor])).toEqual([
      ['released', 2_000_000n],
      ['planned', 1_333_333n],
      ['planned', 666_667n],
    ]);
    expect(out.facts).toMatchObject([{ type: 'grants.sub-grant.award-amended', data: { from: eur(5_000_000n), to: eur(4_000_000n) } }]);
  });

  it('never below what was paid, nor beyond the limits', () => {
    const paid = payFirst(award(OFFENBACH, 5_000_000n));
    const to = (minor: bigint) => () => amendAward(programme, [paid], paid, { awarded: eur(minor), budgetLines: awardInput(OFFENBACH, minor).budgetLines, reason: 'change' }, T0);
    expect(to(1_999_999n)).toThrow(violation('sub-grant.award-below-disbursed', 'awarded'));
    expect(to(6_000_001n)).toThrow(violation('sub-grant.max-per-recipient'));
    expect(to(6_000_000n)().state.awarded).toEqual(eur(6_000_000n));
  });
});

describe('the life of a sub-grant', () => {
  it('is signed once, then active when first paid', () => {
    const sg = award();
    const s = signAgreement(sg, { signedOn: '2024-02-01', documentRef: 'GA-2024-001' }, T0);
    expect(s.state.status).toBe('signed');
    expect(s.facts).toMatchObject([{ type: 'grants.sub-grant.signed' }]);
    expect(signAgreement(s.state, { signedOn: '2024-02-01', documentRef: 'GA-2024-001' }, T0).facts).toEqual([]);
    expect(() => signAgreement(s.state, { signedOn: '2024-02-02', documentRef: 'GA-2024-002' }, T0)).toThrow(violation('agreement.already-signed'));
    expect(payFirst(sg).status).toBe('active');
  });

  it('is suspended and resumed to where it was', () => {
    const active = payFirst(award());
    const suspended = suspendSubGrant(active, 'audit finding', T0).state;
    expect(suspended).toMatchObject({ status: 'suspended', statusReason: 'audit finding' });
    expect(resumeSubGrant(suspended, T0).state.status).toBe('active');
    expect(resumeSubGrant(suspendSubGrant(signed(award()), 'x', T0).state, T0).state.status).toBe('signed');
    expect(() => suspendSubGrant(award(), 'x', T0)).toThrow(violation('sub-grant.status'));
  });

  it('is terminated: open tranches cancelled, paid money asked back up to what was paid', () => {
    const active = payFirst(award(OFFENBACH, 5_000_000n));
    expect(() => terminateSubGrant(active, { reason: 'city withdrew', on: '2024-06-01', recovery: eur(2_000_001n) }, T0)).toThrow(violation('recovery.exceeds-paid', 'recovery'));
    const out = terminateSubGrant(active, { reason: 'city withdrew', on: '2024-06-01', recovery: eur(1_500_000n) }, T0);
    expect(out.state.status).toBe('terminated');
    expect(out.state.tranches.map((t) => t.status)).toEqual(['released', 'cancelled', 'cancelled']);
    expect(out.facts).toMatchObject([{ type: 'grants.sub-grant.terminated', data: { cancelledTranches: [1, 2], recovery: { seq: 1, amount: eur(1_500_000n) } } }]);
    expect(() => terminateSubGrant(out.state, { reason: 'again', on: '2024-06-02' }, T0)).toThrow(violation('sub-grant.final-status'));
  });

  it('is closed only once settled, paid and recovered', () => {
    expect(() => closeSubGrant(payFirst(award()), T0)).toThrow(violation('sub-grant.not-settled'));
  });
});
