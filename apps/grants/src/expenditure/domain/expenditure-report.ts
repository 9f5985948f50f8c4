import {
  assertCurrency,
  compareMoney,
  convertMoney,
  CurrencyCode,
  ExchangeRate,
  firstVersion,
  formatMoney,
  isLocalDate,
  isNegative,
  LocalDate,
  Money,
  nextVersion,
  Rounding,
  RuleViolation,
  sumMoney,
  Versioned,
} from '@intercity/domain';
import type { ClosedPeriod, ReportKind } from '../../programme/domain/programme';
import { fact, Fact, Outcome, unchanged } from '../../shared/domain/fact';
import type { BudgetCategory, SubGrant } from '../../sub-grant/domain/sub-grant';

/**
 * Expenditure reports: what a city spent, per budget line, for one period of its reporting
 * calendar. The city's liaison submits; the grant officer approves (all or part of each line),
 * rejects with reasons, or returns it for changes. Only approved expenditure counts.
 */

export const REPORT_STATUSES = ['submitted', 'approved', 'rejected', 'returned'] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];

/**
 * Conversions round half-up (half a cent away from zero): the euro conversion rule (EC 1103/97)
 * and what an auditor's spreadsheet does, so the recorded figure can be re-computed by hand.
 */
export const CONVERSION_ROUNDING: Rounding = 'half-up';

export interface ExpenditureLine {
  category: BudgetCategory;
  /** In the sub-grant's currency: what counts. */
  amount: Money;
  /** When the city spent another currency: what it spent and the rate it was converted at. */
  spent: { amount: Money; rate: ExchangeRate; rounding: Rounding } | null;
}

export interface ExpenditureLineInput {
  category: BudgetCategory;
  spent: Money;
  /** Required when `spent` is not in the sub-grant's currency, refused when it is. */
  rate?: ExchangeRate;
}

export interface Decision {
  decision: 'approved' | 'rejected' | 'returned';
  by: string;
  on: LocalDate;
  reasons: string[];
}

export interface ExpenditureReport extends Versioned {
  id: string;
  subGrantId: string;
  programmeId: string;
  memberId: string;
  /** The reporting-calendar entry it answers. */
  deadlineKey: string;
  kind: ReportKind;
  period: ClosedPeriod;
  lines: ExpenditureLine[];
  /** What the officer accepted of each line (same order), once approved. */
  accepted: Money[] | null;
  status: ReportStatus;
  submittedBy: string;
  submittedOn: LocalDate;
  /** 1 on first submission, +1 on each resubmission after a return. */
  revision: number;
  decisions: Decision[];
}

/** A city liaison submits for their own city only. */
export interface Liaison {
  personId: string;
  memberId: string;
}

export type ReportSubmitted = Fact<'grants.expenditure-report.submitted', { report: ExpenditureReport }>;
export type ReportApproved = Fact<'grants.expenditure-report.approved', { kind: ReportKind; subGrantId: string; approved: Money; decision: Decision }>;
export type ReportRejected = Fact<'grants.expenditure-report.rejected', { subGrantId: string; decision: Decision }>;
export type ReportReturned = Fact<'grants.expenditure-report.returned', { subGrantId: string; decision: Decision }>;
export type ReportFact = ReportSubmitted | ReportApproved | ReportRejected | ReportReturned;

/** Reports that stand for their deadline: a rejected one does not, a returned one waits for changes. */
const IN: readonly ReportStatus[] = ['submitted', 'approved'];
export const answersDeadline = (r: Pick<ExpenditureReport, 'status'>): boolean => IN.includes(r.status);

/** What the watch and the conditions read of a report: its deadline, status and amounts. */
export interface ReportFigures {
  subGrantId: string;
  deadlineKey: string;
  status: ReportStatus;
  lines: readonly { amount: Money }[];
  accepted: readonly Money[] | null;
}

export const reportTotal = (r: Pick<ReportFigures, 'lines'>, currency: CurrencyCode): Money =>
  sumMoney(
    currency,
    r.lines.map((l) => l.amount),
  );

export const approvedAmount = (r: Pick<ReportFigures, 'status' | 'accepted'>, currency: CurrencyCode): Money =>
  r.status === 'approved' && r.accepted ? sumMoney(currency, r.accepted) : sumMoney(currency, []);

/** Approved expenditure of the reports: what counts towards conditions and the final settlement. */
export const approvedTotal = (reports: readonly ReportFigures[], currency: CurrencyCode): Money =>
  sumMoney(
    currency,
    reports.map((r) => approvedAmount(r, currency)),
  );

/** Expenditure reported and standing (submitted or approved), as reported. */
export const reportedTotal = (reports: readonly ReportFigures[], currency: CurrencyCode): Money =>
  sumMoney(
    currency,
    reports.filter(answersDeadline).map((r) => reportTotal(r, currency)),
  );

function checkLiaison(sg: SubGrant, by: Liaison): void {
  if (by.memberId !== sg.memberId) throw RuleViolation.unprocessable('report.other-city', 'subGrantId', "a city liaison reports on their own city's sub-grant only");
}

function toLines(sg: SubGrant, input: readonly ExpenditureLineInput[], on: LocalDate): ExpenditureLine[] {
  if (input.length === 0) throw RuleViolation.invalid('report.lines-empty', 'lines', 'report at least one line');
  const categories = new Set(sg.budgetLines.map((b) => b.category));
  const seen = new Set<string>();
  return input.map((l, i) => {
    const at = `lines.${i}`;
    if (!categories.has(l.category)) throw RuleViolation.unprocessable('report.category', `${at}.category`, `the sub-grant has no ${l.category} budget line`);
    if (seen.has(l.category)) throw RuleViolation.invalid('report.category-duplicate', `${at}.category`, `${l.category} is reported twice`);
    seen.add(l.category);
    if (isNegative(l.spent)) throw RuleViolation.invalid('money.negative', `${at}.spent.amountMinor`, 'must not be negative');
    if (l.spent.currency === sg.currency) {
      if (l.rate) throw RuleViolation.invalid('report.rate-unexpected', `${at}.rate`, `spent in ${sg.currency}, the sub-grant's currency: nothing to convert`);
      return { category: l.category, amount: l.spent, spent: null };
    }
    if (!l.rate) throw RuleViolation.unprocessable('report.rate-required', `${at}.rate`, `spent in ${l.spent.currency}: give the rate to ${sg.currency} and its date`);
    if (l.rate.from !== l.spent.currency || l.rate.to !== sg.currency) {
      throw RuleViolation.unprocessable('report.rate-currency', `${at}.rate`, `must convert ${l.spent.currency} to ${sg.currency}`);
    }
    if (!isLocalDate(l.rate.rateDate) || l.rate.rateDate > on) throw RuleViolation.unprocessable('report.rate-date', `${at}.rate.rateDate`, 'must be a date no later than the report');
    const amount = convertMoney(l.spent, l.rate, CONVERSION_ROUNDING);
    return { category: l.category, amount, spent: { amount: l.spent, rate: { ...l.rate }, rounding: CONVERSION_ROUNDING } };
  });
}

export interface SubmitReportInput {
  deadlineKey: string;
  lines: ExpenditureLineInput[];
}

/** A liaison reports for one deadline of the sub-grant's calendar, once (again only after a rejection). */
export function submitReport(
  sg: SubGrant,
  reports: readonly ExpenditureReport[],
  id: string,
  input: SubmitReportInput,
  by: Liaison,
  on: LocalDate,
  now: Date,
): Outcome<ExpenditureReport, ReportFact> {
  checkLiaison(sg, by);
  if (sg.status === 'awarded' || sg.status === 'closed') throw RuleViolation.conflict('report.sub-grant-status', `a ${sg.status} sub-grant takes no reports`);
  if (!isLocalDate(on)) throw RuleViolation.invalid('period.date', 'on', 'must be a date (YYYY-MM-DD)');
  const deadline = sg.reportingCalendar.find((d) => d.key === input.deadlineKey);
  if (!deadline) throw RuleViolation.unprocessable('report.deadline', 'deadlineKey', `the reporting calendar has no "${input.deadlineKey}"`);
  const standing = reports.find((r) => r.subGrantId === sg.id && r.deadlineKey === deadline.key && r.status !== 'rejected');
  if (standing) {
    throw RuleViolation.conflict(
      'report.duplicate',
      standing.status === 'returned' ? 'the report for this period was returned for changes: resubmit it' : `a report for this period is ${standing.status}`,
      'deadlineKey',
    );
  }
  const report: ExpenditureReport = {
    id,
    subGrantId: sg.id,
    programmeId: sg.programmeId,
    memberId: sg.memberId,
    deadlineKey: deadline.key,
    kind: deadline.kind,
    period: { ...deadline.period },
    lines: toLines(sg, input.lines, on),
    accepted: null,
    status: 'submitted',
    submittedBy: by.personId,
    submittedOn: on,
    revision: 1,
    decisions: [],
    ...firstVersion(now),
  };
  return { state: report, facts: [fact('grants.expenditure-report.submitted', 'expenditure-report', report, { report })] };
}

/** The liaison's changes to a returned report. */
export function resubmitReport(sg: SubGrant, report: ExpenditureReport, lines: ExpenditureLineInput[], by: Liaison, on: LocalDate, now: Date): Outcome<ExpenditureReport, ReportFact> {
  checkLiaison(sg, by);
  if (report.subGrantId !== sg.id) throw new Error(`report ${report.id} is not of sub-grant ${sg.id}`);
  if (report.status !== 'returned') throw RuleViolation.conflict('report.status', `a ${report.status} report cannot be resubmitted`);
  if (sg.status === 'closed') throw RuleViolation.conflict('report.sub-grant-status', 'a closed sub-grant takes no reports');
  const state = nextVersion(report, { lines: toLines(sg, lines, on), status: 'submitted', submittedBy: by.personId, submittedOn: on, revision: report.revision + 1 }, now);
  return { state, facts: [fact('grants.expenditure-report.submitted', 'expenditure-report', state, { report: state })] };
}

function checkDecidable(report: ExpenditureReport, by: string, on: LocalDate): void {
  if (report.status !== 'submitted') throw RuleViolation.conflict('report.status', `the report is ${report.status}, not awaiting a decision`);
  if (!by.trim()) throw RuleViolation.invalid('report.decided-by', 'by', 'must not be empty');
  if (!isLocalDate(on)) throw RuleViolation.invalid('period.date', 'on', 'must be a date (YYYY-MM-DD)');
  if (on < report.submittedOn) throw RuleViolation.unprocessable('report.decided-before-submission', 'on', `the report was submitted on ${report.submittedOn}`);
}

function reasons(list: readonly string[]): string[] {
  const out = list.map((r) => r.trim()).filter(Boolean);
  if (out.length === 0) throw RuleViolation.invalid('report.reasons', 'reasons', 'give at least one reason');
  return out;
}

export interface ApproveInput {
  by: string;
  on: LocalDate;
  /** What is accepted of each line, in order; by default all of it. Ineligible costs are left out. */
  accepted?: Money[];
  /** Why parts were not accepted. */
  reasons?: string[];
}

export function approveReport(report: ExpenditureReport, input: ApproveInput, now: Date): Outcome<ExpenditureReport, ReportFact> {
  if (report.status === 'approved') return unchanged(report);
  checkDecidable(report, input.by, input.on);
  const accepted = input.accepted ?? report.lines.map((l) => l.amount);
  if (accepted.length !== report.lines.length) throw RuleViolation.invalid('report.accepted-lines', 'accepted', `give one amount for each of the ${report.lines.length} lines`);
  accepted.forEach((a, i) => {
    const line = report.lines[i];
    assertCurrency(a, line.amount.currency, `accepted.${i}`);
    if (isNegative(a)) throw RuleViolation.invalid('money.negative', `accepted.${i}.amountMinor`, 'must not be negative');
    if (compareMoney(a, line.amount) > 0) {
      throw RuleViolation.unprocessable('report.accepted-exceeds-reported', `accepted.${i}`, `${formatMoney(line.amount)} was reported for ${line.category}; no more can be accepted`);
    }
  });
  const decision: Decision = { decision: 'approved', by: input.by, on: input.on, reasons: (input.reasons ?? []).map((r) => r.trim()).filter(Boolean) };
  const state = nextVersion(report, { status: 'approved', accepted: [...accepted], decisions: [...report.decisions, decision] }, now);
  const approved = approvedAmount(state, report.lines[0].amount.currency);
  return { state, facts: [fact('grants.expenditure-report.approved', 'expenditure-report', state, { kind: state.kind, subGrantId: state.subGrantId, approved, decision })] };
}

export function rejectReport(report: ExpenditureReport, input: { by: string; on: LocalDate; reasons: string[] }, now: Date): Outcome<ExpenditureReport, ReportFact> {
  checkDecidable(report, input.by, input.on);
  const decision: Decision = { decision: 'rejected', by: input.by, on: input.on, reasons: reasons(input.reasons) };
  const state = nextVersion(report, { status: 'rejected', decisions: [...report.decisions, decision] }, now);
  return { state, facts: [fact('grants.expenditure-report.rejected', 'expenditure-report', state, { subGrantId: state.subGrantId, decision })] };
}

export function returnReport(report: ExpenditureReport, input: { by: string; on: LocalDate; reasons: string[] }, now: Date): Outcome<ExpenditureReport, ReportFact> {
  checkDecidable(report, input.by, input.on);
  const decision: Decision = { decision: 'returned', by: input.by, on: input.on, reasons: reasons(input.reasons) };
  const state = nextVersion(report, { status: 'returned', decisions: [...report.decisions, decision] }, now);
  return { state, facts: [fact('grants.expenditure-report.returned', 'expenditure-report', state, { subGrantId: state.subGrantId, decision })] };
}
