import {
  assertCurrency,
  compareMoney,
  CurrencyCode,
  firstVersion,
  formatMoney,
  isLocalDate,
  isNegative,
  isPositive,
  LocalDate,
  Money,
  nextVersion,
  RuleViolation,
  subtractMoney,
  sumMoney,
  Versioned,
} from '@intercity/domain';
import { fact, Fact, Outcome, unchanged } from '../../shared/domain/fact';
import {
  AwardShare,
  checkPeriod,
  checkReportingCalendar,
  checkTranchePattern,
  ClosedPeriod,
  GrantProgramme,
  ReportingDeadline,
  TrancheTerms,
} from '../../programme/domain/programme';
import { netPaid, planTranches, replanOpenTranches, released } from '../../tranche/domain/tranche';

/**
 * A sub-grant: money awarded to one member city for its action plan, paid in tranches. The
 * tranches, their disbursements and any recovery live in this one aggregate, so "disbursed never
 * exceeds awarded" is checked against one consistent state (the service locks its row, and the
 * database checks the same sums).
 */

export const SUB_GRANT_STATUSES = ['awarded', 'signed', 'active', 'suspended', 'closed', 'terminated'] as const;
export type SubGrantStatus = (typeof SUB_GRANT_STATUSES)[number];

export const BUDGET_CATEGORIES = ['staff', 'travel', 'subcontracting', 'equipment', 'other'] as const;
export type BudgetCategory = (typeof BUDGET_CATEGORIES)[number];

export interface BudgetLine {
  category: BudgetCategory;
  amount: Money;
}

/** The city's roadmap the money pays for. */
export interface ActionPlan {
  title: string;
  objectives: string[];
  stakeholders: string[];
  /** Where the city's endorsement (e.g. a council decision) is filed. */
  endorsementDocumentRef: string;
}

export const TRANCHE_STATUSES = ['planned', 'released', 'cancelled'] as const;
export type TrancheStatus = (typeof TRANCHE_STATUSES)[number];

export interface Tranche extends TrancheTerms {
  /** 0, 1, 2… in the order they are paid. */
  index: number;
  amount: Money;
  status: TrancheStatus;
}

export interface Disbursement {
  id: string;
  trancheIndex: number;
  amount: Money;
  paidOn: LocalDate;
  paymentReference: string;
}

export interface Recovery {
  /** 1, 2… within the sub-grant. */
  seq: number;
  amount: Money;
  reason: string;
  requestedOn: LocalDate;
  status: 'requested' | 'received';
  receivedOn: LocalDate | null;
  reference: string | null;
}

/** How the final report settled the account: what was eligible, what the final tranche became. */
export interface Settlement {
  settledOn: LocalDate;
  eligible: Money;
  finalTranchePlanned: Money;
  finalTrancheSettled: Money;
  recovery: Money;
}

export interface Agreement {
  signedOn: LocalDate;
  documentRef: string;
}

export interface SubGrant extends Versioned {
  id: string;
  programmeId: string;
  /** The city. */
  memberId: string;
  actionPlan: ActionPlan;
  currency: CurrencyCode;
  awarded: Money;
  budgetLines: BudgetLine[];
  period: ClosedPeriod;
  status: SubGrantStatus;
  agreement: Agreement | null;
  tranches: Tranche[];
  disbursements: Disbursement[];
  recoveries: Recovery[];
  reportingCalendar: ReportingDeadline[];
  settlement: Settlement | null;
  /** Why it was last suspended or terminated. */
  statusReason: string | null;
}

export interface AwardInput {
  memberId: string;
  actionPlan: ActionPlan;
  awarded: Money;
  budgetLines: BudgetLine[];
  period: ClosedPeriod;
  /** This sub-grant's tranches, when they differ from the programme's pattern (e.g. named milestones). */
  tranches?: TrancheTerms[];
  reportingCalendar?: ReportingDeadline[];
}

export type SubGrantAwarded = Fact<'grants.sub-grant.awarded', { subGrant: SubGrant }>;
export type SubGrantAwardAmended = Fact<'grants.sub-grant.award-amended', { from: Money; to: Money; budgetLines: BudgetLine[]; tranches: Tranche[]; reason: string }>;
export type SubGrantSigned = Fact<'grants.sub-grant.signed', { agreement: Agreement }>;
export type SubGrantSuspended = Fact<'grants.sub-grant.suspended', { reason: string }>;
export type SubGrantResumed = Fact<'grants.sub-grant.resumed', { status: SubGrantStatus }>;
export type SubGrantTerminated = Fact<'grants.sub-grant.terminated', { reason: string; on: LocalDate; cancelledTranches: number[]; recovery: Recovery | null }>;
export type SubGrantClosed = Fact<'grants.sub-grant.closed', { awarded: Money; netPaid: Money }>;
export type SubGrantFact = SubGrantAwarded | SubGrantAwardAmended | SubGrantSigned | SubGrantSuspended | SubGrantResumed | SubGrantTerminated | SubGrantClosed;

export const isFinal = (sg: Pick<SubGrant, 'status'>): boolean => sg.status === 'closed' || sg.status === 'terminated';

export function checkNotFinal(sg: SubGrant): void {
  if (isFinal(sg)) throw RuleViolation.conflict('sub-grant.final-status', `the sub-grant is ${sg.status}; nothing about it changes any more`);
}

const text = (value: string, field: string, rule: string): string => {
  const trimmed = value.trim();
  if (!trimmed) throw RuleViolation.invalid(rule, field, 'must not be empty');
  return trimmed;
};

function checkActionPlan(plan: ActionPlan): ActionPlan {
  const objectives = plan.objectives.map((o, i) => text(o, `actionPlan.objectives.${i}`, 'action-plan.objective'));
  if (objectives.length === 0) throw RuleViolation.invalid('action-plan.objectives', 'actionPlan.objectives', 'name at least one objective');
  return {
    title: text(plan.title, 'actionPlan.title', 'action-plan.title'),
    objectives,
    stakeholders: plan.stakeholders.map((s, i) => text(s, `actionPlan.stakeholders.${i}`, 'action-plan.stakeholder')),
    endorsementDocumentRef: text(plan.endorsementDocumentRef, 'actionPlan.endorsementDocumentRef', 'action-plan.endorsement'),
  };
}

/** One line per category, none negative, adding up to the award exactly. */
export function checkBudgetLines(lines: readonly BudgetLine[], awarded: Money): BudgetLine[] {
  const seen = new Set<string>();
  lines.forEach((l, i) => {
    const at = `budgetLines.${i}`;
    if (!(BUDGET_CATEGORIES as readonly string[]).includes(l.category)) {
      throw RuleViolation.invalid('budget.category', `${at}.category`, `must be one of ${BUDGET_CATEGORIES.join(', ')}`);
    }
    if (seen.has(l.category)) throw RuleViolation.invalid('budget.category-duplicate', `${at}.category`, `${l.category} has a line already`);
    seen.add(l.category);
    assertCurrency(l.amount, awarded.currency, `${at}.amount`);
    if (isNegative(l.amount)) throw RuleViolation.invalid('money.negative', `${at}.amount.amountMinor`, 'must not be negative');
  });
  const total = sumMoney(awarded.currency, lines.map((l) => l.amount));
  if (compareMoney(total, awarded) !== 0) {
    throw RuleViolation.unprocessable(
      'budget.sum',
      'budgetLines',
      `budget lines add up to ${formatMoney(total)} ${total.currency}, the award is ${formatMoney(awarded)} ${awarded.currency}`,
    );
  }
  return lines.map((l) => ({ category: l.category, amount: l.amount }));
}

/**
 * The programme's two money limits on an award: this city's awards stay within the per-recipient
 * maximum, and all awards within the envelope. `others` are the programme's other sub-grants.
 */
function checkLimits(programme: GrantProgramme, others: readonly AwardShare[], memberId: string, awarded: Money): void {
  const max = programme.rules.maxPerRecipient;
  const cityBefore = sumMoney(programme.currency, others.filter((o) => o.memberId === memberId).map((o) => o.awarded));
  const city = sumMoney(programme.currency, [cityBefore, awarded]);
  if (compareMoney(city, max) > 0) {
    const message = isPositive(cityBefore)
      ? `the city already holds ${formatMoney(cityBefore)} ${max.currency}; with this award it would hold ${formatMoney(city)}, above the maximum of ${formatMoney(max)} per recipient`
      : `${formatMoney(awarded)} ${max.currency} is above the maximum of ${formatMoney(max)} per recipient`;
    throw new RuleViolation('sub-grant.max-per-recipient', message, isPositive(cityBefore) ? 'conflict' : 'unprocessable', 'awarded');
  }
  const before = sumMoney(programme.currency, others.map((o) => o.awarded));
  const total = sumMoney(programme.currency, [before, awarded]);
  if (compareMoney(total, programme.envelope) > 0) {
    const left = subtractMoney(programme.envelope, before);
    throw RuleViolation.conflict(
      'programme.envelope-exceeded',
      `${formatMoney(left)} ${left.currency} of the envelope of ${formatMoney(programme.envelope)} is left; ${formatMoney(awarded)} cannot be awarded`,
      'awarded',
    );
  }
}

function checkAmount(awarded: Money, programme: GrantProgramme): void {
  assertCurrency(awarded, programme.currency, 'awarded');
  if (!isPositive(awarded)) throw RuleViolation.invalid('sub-grant.award-positive', 'awarded.amountMinor', 'must be more than zero');
}

/**
 * Awards a sub-grant. `existing` holds every sub-grant of the programme: the service reads them
 * under a lock on the programme, so two awards at once cannot both take the last of the envelope.
 */
export function awardSubGrant(programme: GrantProgramme, existing: readonly AwardShare[], id: string, input: AwardInput, now: Date): Outcome<SubGrant, SubGrantFact> {
  checkAmount(input.awarded, programme);
  const budgetLines = checkBudgetLines(input.budgetLines, input.awarded);
  const actionPlan = checkActionPlan(input.actionPlan);
  checkPeriod(input.period, 'period');
  if (input.period.from < programme.period.from || input.period.to > programme.period.to) {
    throw RuleViolation.unprocessable('sub-grant.period', 'period', `must lie within the programme's ${programme.period.from}..${programme.period.to}`);
  }
  const terms = structuredClone(input.tranches ?? programme.rules.tranchePattern);
  checkTranchePattern(terms, 'tranches');
  const reportingCalendar = structuredClone(input.reportingCalendar ?? programme.rules.reportingCalendar);
  checkReportingCalendar(reportingCalendar, programme.period, terms, 'reportingCalendar');
  checkLimits(
    programme,
    existing.filter((s) => s.id !== id),
    input.memberId,
    input.awarded,
  );
  const subGrant: SubGrant = {
    id,
    programmeId: programme.id,
    memberId: input.memberId,
    actionPlan,
    currency: programme.currency,
    awarded: input.awarded,
    budgetLines,
    period: { ...input.period },
    status: 'awarded',
    agreement: null,
    tranches: planTranches(input.awarded, terms),
    disbursements: [],
    recoveries: [],
    reportingCalendar,
    settlement: null,
    statusReason: null,
    ...firstVersion(now),
  };
  return { state: subGrant, facts: [fact('grants.sub-grant.awarded', 'sub-grant', subGrant, { subGrant })] };
}

export interface AmendAwardInput {
  awarded: Money;
  budgetLines: BudgetLine[];
  reason: string;
}

/**
 * A correction of the award (up or down) with its budget lines. It never goes below what has been
 * paid, and the tranches not yet paid share what is left by their shares.
 */
export function amendAward(
  programme: GrantProgramme,
  existing: readonly AwardShare[],
  sg: SubGrant,
  input: AmendAwardInput,
  now: Date,
): Outcome<SubGrant, SubGrantFact> {
  checkNotFinal(sg);
  if (sg.settlement) throw RuleViolation.conflict('sub-grant.settled', 'the final report has settled the account; the award no longer changes');
  checkAmount(input.awarded, programme);
  const budgetLines = checkBudgetLines(input.budgetLines, input.awarded);
  const reason = text(input.reason, 'reason', 'sub-grant.reason');
  const paid = released(sg);
  if (compareMoney(input.awarded, paid) < 0) {
    throw RuleViolation.conflict('sub-grant.award-below-disbursed', `${formatMoney(paid)} ${paid.currency} has been paid already; the award cannot be less`, 'awarded');
  }
  checkLimits(
    programme,
    existing.filter((s) => s.id !== sg.id),
    sg.memberId,
    input.awarded,
  );
  const tranches = replanOpenTranches(sg.tranches, subtractMoney(input.awarded, paid));
  const state = nextVersion(sg, { awarded: input.awarded, budgetLines, tranches }, now);
  return {
    state,
    facts: [fact('grants.sub-grant.award-amended', 'sub-grant', state, { from: sg.awarded, to: input.awarded, budgetLines, tranches, reason })],
  };
}

/** The grant agreement signed: the first tranche can be paid. */
export function signAgreement(sg: SubGrant, agreement: Agreement, now: Date): Outcome<SubGrant, SubGrantFact> {
  if (!isLocalDate(agreement.signedOn)) throw RuleViolation.invalid('period.date', 'signedOn', 'must be a date (YYYY-MM-DD)');
  const documentRef = text(agreement.documentRef, 'documentRef', 'agreement.document');
  if (sg.agreement) {
    if (sg.agreement.documentRef === documentRef && sg.agreement.signedOn === agreement.signedOn) return unchanged(sg);
    throw RuleViolation.conflict('agreement.already-signed', `the agreement was signed on ${sg.agreement.signedOn}`);
  }
  if (sg.status !== 'awarded') throw RuleViolation.conflict('sub-grant.status', `a ${sg.status} sub-grant cannot be signed`);
  const signed = { signedOn: agreement.signedOn, documentRef };
  const state = nextVersion(sg, { status: 'signed', agreement: signed }, now);
  return { state, facts: [fact('grants.sub-grant.signed', 'sub-grant', state, { agreement: signed })] };
}

/** Payments stop while the officer looks into something; reports still come in. */
export function suspendSubGrant(sg: SubGrant, reason: string, now: Date): Outcome<SubGrant, SubGrantFact> {
  if (sg.status === 'suspended') return unchanged(sg);
  if (sg.status !== 'signed' && sg.status !== 'active') throw RuleViolation.conflict('sub-grant.status', `a ${sg.status} sub-grant cannot be suspended`);
  const why = text(reason, 'reason', 'sub-grant.reason');
  const state = nextVersion(sg, { status: 'suspended', statusReason: why }, now);
  return { state, facts: [fact('grants.sub-grant.suspended', 'sub-grant', state, { reason: why })] };
}

export function resumeSubGrant(sg: SubGrant, now: Date): Outcome<SubGrant, SubGrantFact> {
  if (sg.status !== 'suspended') throw RuleViolation.conflict('sub-grant.status', `a ${sg.status} sub-grant is not suspended`);
  const status: SubGrantStatus = sg.disbursements.length > 0 ? 'active' : 'signed';
  const state = nextVersion(sg, { status, statusReason: null }, now);
  return { state, facts: [fact('grants.sub-grant.resumed', 'sub-grant', state, { status })] };
}

export interface TerminateInput {
  reason: string;
  on: LocalDate;
  /** Money paid but not to be kept, asked back from the city. */
  recovery?: Money;
}

/** Ends the sub-grant early: no tranche is paid any more; money paid may be asked back. */
export function terminateSubGrant(sg: SubGrant, input: TerminateInput, now: Date): Outcome<SubGrant, SubGrantFact> {
  checkNotFinal(sg);
  const reason = text(input.reason, 'reason', 'sub-grant.reason');
  if (!isLocalDate(input.on)) throw RuleViolation.invalid('period.date', 'on', 'must be a date (YYYY-MM-DD)');
  let recovery: Recovery | null = null;
  if (input.recovery) {
    assertCurrency(input.recovery, sg.currency, 'recovery');
    if (isNegative(input.recovery)) throw RuleViolation.invalid('money.negative', 'recovery.amountMinor', 'must not be negative');
    const recoverable = subtractMoney(netPaid(sg), outstandingRecoveries(sg));
    if (compareMoney(input.recovery, recoverable) > 0) {
      throw RuleViolation.conflict('recovery.exceeds-paid', `at most ${formatMoney(recoverable)} ${sg.currency} can be asked back`, 'recovery');
    }
    if (isPositive(input.recovery)) {
      recovery = { seq: sg.recoveries.length + 1, amount: input.recovery, reason, requestedOn: input.on, status: 'requested', receivedOn: null, reference: null };
    }
  }
  const cancelled = sg.tranches.filter((t) => t.status === 'planned').map((t) => t.index);
  const state = nextVersion(
    sg,
    {
      status: 'terminated',
      statusReason: reason,
      tranches: sg.tranches.map((t) => (t.status === 'planned' ? { ...t, status: 'cancelled' as const } : t)),
      recoveries: recovery ? [...sg.recoveries, recovery] : sg.recoveries,
    },
    now,
  );
  return { state, facts: [fact('grants.sub-grant.terminated', 'sub-grant', state, { reason, on: input.on, cancelledTranches: cancelled, recovery })] };
}

export const outstandingRecoveries = (sg: SubGrant): Money =>
  sumMoney(
    sg.currency,
    sg.recoveries.filter((r) => r.status === 'requested').map((r) => r.amount),
  );

/** Closed once the final report settled the account, every tranche is paid or cancelled and every recovery is in. */
export function closeSubGrant(sg: SubGrant, now: Date): Outcome<SubGrant, SubGrantFact> {
  if (sg.status === 'closed') return unchanged(sg);
  checkNotFinal(sg);
  if (sg.status === 'suspended') throw RuleViolation.conflict('sub-grant.suspended', 'a suspended sub-grant is resumed before it is closed');
  if (!sg.settlement) throw RuleViolation.conflict('sub-grant.not-settled', 'the final report has not been approved and settled');
  const open = sg.tranches.filter((t) => t.status === 'planned');
  if (open.length) throw RuleViolation.conflict('sub-grant.tranches-open', `tranche ${open.map((t) => t.index + 1).join(', ')} is still to be paid`);
  if (isPositive(outstandingRecoveries(sg))) throw RuleViolation.conflict('sub-grant.recovery-outstanding', 'money asked back has not all come in');
  const state = nextVersion(sg, { status: 'closed' }, now);
  return { state, facts: [fact('grants.sub-grant.closed', 'sub-grant', state, { awarded: sg.awarded, netPaid: netPaid(sg) })] };
}
