import {
  CONVERSION_ROUNDINGS,
  ConversionRounding,
  EXPENDITURE_REPORT_DECISIONS,
  EXPENDITURE_REPORT_STATUSES,
  ExpenditureReportDecision,
  GRANT_BUDGET_CATEGORIES,
  GRANT_RECOVERY_STATUSES,
  GRANT_REPORT_KINDS,
  GRANT_TRANCHE_KINDS,
  GRANT_TRANCHE_STATUSES,
  GrantRecoveryStatus,
  MILESTONE_STATUSES as CONTRACT_MILESTONE_STATUSES,
  SUB_GRANT_STATUSES as CONTRACT_SUB_GRANT_STATUSES,
} from '@intercity/contracts';
import type { Rounding } from '@intercity/domain';
import { CONVERSION_ROUNDING, Decision, REPORT_STATUSES } from '../../expenditure/domain/expenditure-report';
import { MILESTONE_STATUSES } from '../../milestone/domain/milestone';
import { REPORT_KINDS, TRANCHE_KINDS } from '../../programme/domain/programme';
import { BUDGET_CATEGORIES, Recovery, SUB_GRANT_STATUSES, TRANCHE_STATUSES } from '../../sub-grant/domain/sub-grant';

// Contracts depend on nothing, so they repeat the grants domain's words; this keeps the two equal.
describe('grants vocabulary', () => {
  it.each([
    ['tranche kinds', TRANCHE_KINDS, GRANT_TRANCHE_KINDS],
    ['report kinds', REPORT_KINDS, GRANT_REPORT_KINDS],
    ['sub-grant statuses', SUB_GRANT_STATUSES, CONTRACT_SUB_GRANT_STATUSES],
    ['budget categories', BUDGET_CATEGORIES, GRANT_BUDGET_CATEGORIES],
    ['tranche statuses', TRANCHE_STATUSES, GRANT_TRANCHE_STATUSES],
    ['expenditure report statuses', REPORT_STATUSES, EXPENDITURE_REPORT_STATUSES],
    ['milestone statuses', MILESTONE_STATUSES, CONTRACT_MILESTONE_STATUSES],
  ] as const)('%s are the same in the contracts and the domain, in the same order', (_name, domain: readonly string[], contract: readonly string[]) => {
    expect([...contract]).toEqual([...domain]);
  });

  // Words the domain keeps as a type only: the compiler compares them (npx tsc fails on drift).
  it('recovery statuses, decisions and roundings are the same types as the domain\'s', () => {
    type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
    const recovery: Same<Recovery['status'], GrantRecoveryStatus> = true;
    const decision: Same<Decision['decision'], ExpenditureReportDecision> = true;
    const rounding: Same<Rounding, ConversionRounding> = true;
    expect([recovery, decision, rounding]).toEqual([true, true, true]);
    expect(GRANT_RECOVERY_STATUSES).toHaveLength(2);
    expect(EXPENDITURE_REPORT_DECISIONS).toEqual(REPORT_STATUSES.filter((s) => s !== 'submitted'));
    expect(CONVERSION_ROUNDINGS).toContain(CONVERSION_ROUNDING);
  });
});
