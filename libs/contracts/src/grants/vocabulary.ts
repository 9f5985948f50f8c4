/**
 * Words of the grants domain shared by its API, its events and every copy elsewhere. Contracts
 * depend on nothing, so these repeat the lists of apps/grants' domain; a spec there
 * (shared/domain/vocabulary-drift.spec.ts) keeps the two identical.
 */
export const GRANT_TRANCHE_KINDS = ['pre-financing', 'interim', 'final'] as const;
export type GrantTrancheKind = (typeof GRANT_TRANCHE_KINDS)[number];

export const GRANT_REPORT_KINDS = ['interim', 'final'] as const;
export type GrantReportKind = (typeof GRANT_REPORT_KINDS)[number];

export const SUB_GRANT_STATUSES = ['awarded', 'signed', 'active', 'suspended', 'closed', 'terminated'] as const;
export type SubGrantStatus = (typeof SUB_GRANT_STATUSES)[number];

export const GRANT_BUDGET_CATEGORIES = ['staff', 'travel', 'subcontracting', 'equipment', 'other'] as const;
export type GrantBudgetCategory = (typeof GRANT_BUDGET_CATEGORIES)[number];

export const GRANT_TRANCHE_STATUSES = ['planned', 'released', 'cancelled'] as const;
export type GrantTrancheStatus = (typeof GRANT_TRANCHE_STATUSES)[number];

export const GRANT_RECOVERY_STATUSES = ['requested', 'received'] as const;
export type GrantRecoveryStatus = (typeof GRANT_RECOVERY_STATUSES)[number];

export const EXPENDITURE_REPORT_STATUSES = ['submitted', 'approved', 'rejected', 'returned'] as const;
export type ExpenditureReportStatus = (typeof EXPENDITURE_REPORT_STATUSES)[number];

export const EXPENDITURE_REPORT_DECISIONS = ['approved', 'rejected', 'returned'] as const;
export type ExpenditureReportDecision = (typeof EXPENDITURE_REPORT_DECISIONS)[number];

/** How a converted amount was rounded (the domain converts half-up, EC 1103/97). */
export const CONVERSION_ROUNDINGS = ['half-up', 'half-even'] as const;
export type ConversionRounding = (typeof CONVERSION_ROUNDINGS)[number];

export const MILESTONE_STATUSES = ['planned', 'reached', 'cancelled'] as const;
export type MilestoneStatus = (typeof MILESTONE_STATUSES)[number];
