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
 *
 * Two aggregates, each with one home (ARCHITECTURE §6): the city's report (`CityReport`: its lines
 * and revision), written on the city's node, and the officer's review of one revision
 * (`ReportReview`), written at the hub against the hub's copy of that revision. Clients see them
 * combined (`ExpenditureReport`): the report with its reviews, its status the current revision's.
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

/** What the city's node writes: the report as submitted, at its latest revision. */
export interface CityReport extends Versioned {
  id: string;
  subGrantId: string;
  programmeId: string;
  memberId: string;
  deadlineKey: string;
  kind: ReportKind;
  period: ClosedPeriod;
  lines: ExpenditureLine[];
  submittedBy: string;
  submittedOn: LocalDate;
  /** 1 on first submission, +1 on each resubmission after a return. */
  revision: number;
}

/** What the hub writes: the officer's decision on one revision of a report, once. */
export interface ReportReview extends Versioned {
  id: string;
  reportId: string;
  subGrantId: string;
  memberId: string;
  revision: number;
  decision: Decision;
  /** What was accepted of each of the revision's lines, when approved. */
  accepted: Money[] | null;
}

/** The report as clients see it: the city's report combined with the hub's reviews of it. */
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

export type ReportSubmitted = Fact<'grants.city-report.submitted', { report: CityReport }>;
export type ReportResubmitted = Fact<'grants.city-report.resubmitted', { report: CityReport }>;
export type ReportApproved = Fact<'grants.report-review.approved', { report: CityReport; review: ReportReview; approved: Money }>;
export type ReportRejected = Fact<'grants.report-review.rejected', { report: CityReport; review: ReportReview }>;
export type ReportReturned = Fact<'grants.report-review.returned', { report: CityReport; review: ReportReview }>;
export type CityReportFact = ReportSubmitted | ReportResubmitted;
export type ReviewFact = ReportApproved | ReportRejected | ReportReturned;
export type ReportFact = CityReportFact | ReviewFact;

/**
 * The report with its reviews, as clients see it: the status is the decision on the current
 * revision (submitted while there is none), the decisions are every revision's in order. Its
 * version counts every change of either (the report's versions and one per review), so it moves
 * as the single aggregate's did; it was last updated by whichever changed last.
 */
export function combineReport(report: CityReport, reviews: readonly ReportReview[]): ExpenditureReport {
  const own = reviews.filter((r) => r.reportId === report.id && r.revision <= report.revision).sort((a, b) => a.revision - b.revision);
  const current = own.find((r) => r.revision === report.revision);
  const updatedAt = own.reduce((at, r) => (r.updatedAt > at ? r.updatedAt : at), report.updatedAt);
  return {
    id: report.id,
    subGrantId: report.subGrantId,
    programmeId: report.programmeId,
    memberId: report.memberId,
    deadlineKey: report.deadlineKey,
    kind: report.kind,
    period: report.period,
    lines: report.lines,
    accepted: current?.decision.decision === 'approved' && current.accepted ? current.accepted : null,
    status: current ? current.decision.decision : 'submitted',
    submittedBy: report.submittedBy,
    submittedOn: report.submittedOn,
    revision: report.revision,
    decisions: own.map((r) => r.decision),
    version: report.version + own.length,
    createdAt: report.createdAt,
    updatedAt,
  };
}

/**
 * A combined report taken apart again: the city's report and one review per decision, the n-th on
 * revision n (every decision but the last returned it, and each return was answered by a
 * resubmission). For reports told as one aggregate before the split.
 */
export function splitReport(r: ExpenditureReport, reviewId: (reportId: string, revision: number) => string): Reviewable {
  const reviews = r.decisions.map(
    (decision, i): ReportReview => ({
      id: reviewId(r.id, i + 1),
      reportId: r.id,
      subGrantId: r.subGrantId,
      memberId: r.memberId,
      revision: i + 1,
      decision,
      accepted: decision.decision === 'approved' && i + 1 === r.revision ? r.accepted : null,
      version: 1,
      createdAt: r.updatedAt,
      updatedAt: r.updatedAt,
    }),
  );
  return { report: cityReportOf(r), reviews };
}

/** The city's report within a combined one: what its home node holds (its version is its revision). */
export function cityReportOf(r: ExpenditureReport): CityReport {
  return {
    id: r.id,
    subGrantId: r.subGrantId,
    programmeId: r.programmeId,
    memberId: r.memberId,
    deadlineKey: r.deadlineKey,
    kind: r.kind,
    period: r.period,
    lines: r.lines,
    submittedBy: r.submittedBy,
    submittedOn: r.submittedOn,
    revision: r.revision,
    version: r.revision,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
  };
}

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
): Outcome<CityReport, CityReportFact> {
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
  const report: CityReport = {
    id,
    subGrantId: sg.id,
    programmeId: sg.programmeId,
    memberId: sg.memberId,
    deadlineKey: deadline.key,
    kind: deadline.kind,
    period: { ...deadline.period },
    lines: toLines(sg, input.lines, on),
    submittedBy: by.personId,
    submittedOn: on,
    revision: 1,
    ...firstVersion(now),
  };
  return { state: report, facts: [fact('grants.city-report.submitted', 'city-report', report, { report })] };
}

/**
 * The liaison's changes to a returned report: the last review of its current revision, as the
 * report's home holds it (on a city's node, its copy of the hub's review), must have returned it.
 */
export function resubmitReport(
  sg: SubGrant,
  report: CityReport,
  reviews: readonly ReportReview[],
  lines: ExpenditureLineInput[],
  by: Liaison,
  on: LocalDate,
  now: Date,
): Outcome<CityReport, CityReportFact> {
  checkLiaison(sg, by);
  if (report.subGrantId !== sg.id) throw new Error(`report ${report.id} is not of sub-grant ${sg.id}`);
  const status = combineReport(report, reviews).status;
  if (status !== 'returned') throw RuleViolation.conflict('report.status', `a ${status} report cannot be resubmitted`);
  if (sg.status === 'closed') throw RuleViolation.conflict('report.sub-grant-status', 'a closed sub-grant takes no reports');
  const state = nextVersion(report, { lines: toLines(sg, lines, on), submittedBy: by.personId, submittedOn: on, revision: report.revision + 1 }, now);
  return { state, facts: [fact('grants.city-report.resubmitted', 'city-report', state, { report: state })] };
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

/** A report as the hub holds it, to review its current revision. */
export interface Reviewable {
  report: CityReport;
  reviews: readonly ReportReview[];
}

function review(r: Reviewable, id: string, decision: Decision, accepted: Money[] | null, now: Date): ReportReview {
  return { id, reportId: r.report.id, subGrantId: r.report.subGrantId, memberId: r.report.memberId, revision: r.report.revision, decision, accepted, ...firstVersion(now) };
}

/** Approves the current revision in full or in part; approving an approved one again changes nothing. */
export function approveReport(r: Reviewable, id: string, input: ApproveInput, now: Date): Outcome<ReportReview | null, ReviewFact> {
  const report = combineReport(r.report, r.reviews);
  if (report.status === 'approved') return unchanged(null);
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
  const decision: Decision = { decision: 'approved', by: input.by, on: input.on, reasons: (input.reasons ?? []).map((x) => x.trim()).filter(Boolean) };
  const state = review(r, id, decision, [...accepted], now);
  const approved = sumMoney(report.lines[0].amount.currency, accepted);
  return { state, facts: [fact('grants.report-review.approved', 'report-review', state, { report: r.report, review: state, approved })] };
}

export function rejectReport(r: Reviewable, id: string, input: { by: string; on: LocalDate; reasons: string[] }, now: Date): Outcome<ReportReview, ReviewFact> {
  checkDecidable(combineReport(r.report, r.reviews), input.by, input.on);
  const state = review(r, id, { decision: 'rejected', by: input.by, on: input.on, reasons: reasons(input.reasons) }, null, now);
  return { state, facts: [fact('grants.report-review.rejected', 'report-review', state, { report: r.report, review: state })] };
}

export function returnReport(r: Reviewable, id: string, input: { by: string; on: LocalDate; reasons: string[] }, now: Date): Outcome<ReportReview, ReviewFact> {
  checkDecidable(combineReport(r.report, r.reviews), input.by, input.on);
  const state = review(r, id, { decision: 'returned', by: input.by, on: input.on, reasons: reasons(input.reasons) }, null, now);
  return { state, facts: [fact('grants.report-review.returned', 'report-review', state, { report: r.report, review: state })] };
}

export type CityReportArrival = { verdict: 'keep' } | { verdict: 'stale' } | { verdict: 'refuse'; reason: string };

/**
 * Whether a city's report, as its home node published it, may be kept here beside this node's
 * copy of the sub-grant and the reviews it holds. The gate only knows that the node is home to the
 * member the event names; this also holds the report to its sub-grant and to its life, so a node
 * can neither move another city's report (and the money approved on it) to its own sub-grant, nor
 * change a revision once reviewed, nor file one on a sub-grant that takes no reports any more.
 * Revisions may arrive several at once (an outbox keeps only the newest of each kind): each one
 * skipped must have been returned.
 */
export function cityReportArrival(
  held: CityReport | undefined,
  reviews: readonly ReportReview[],
  incoming: CityReport,
  sg: Pick<SubGrant, 'id' | 'memberId' | 'programmeId' | 'status' | 'reportingCalendar'> | undefined,
): CityReportArrival {
  if (held && held.version >= incoming.version) return { verdict: 'stale' };
  const refuse = (reason: string): CityReportArrival => ({ verdict: 'refuse', reason: `report ${incoming.id}: ${reason}` });
  if (!sg) return refuse(`names sub-grant ${incoming.subGrantId}, which this node does not hold`);
  if (sg.memberId !== incoming.memberId || sg.programmeId !== incoming.programmeId) {
    return refuse(`names sub-grant ${sg.id} of member ${incoming.memberId}, but it is member ${sg.memberId}'s`);
  }
  if (!sg.reportingCalendar.some((d) => d.key === incoming.deadlineKey)) return refuse(`the reporting calendar has no "${incoming.deadlineKey}"`);
  if (held && (held.subGrantId !== incoming.subGrantId || held.memberId !== incoming.memberId || held.deadlineKey !== incoming.deadlineKey)) {
    return refuse(`is sub-grant ${held.subGrantId}'s report for "${held.deadlineKey}"; a later version may not move it`);
  }
  const from = held?.revision ?? 0;
  const decisionOn = (revision: number) => reviews.find((r) => r.revision === revision)?.decision.decision;
  if (incoming.revision === from) {
    if (decisionOn(from)) return refuse(`revision ${from} was ${decisionOn(from)}: it can no longer change`);
  } else if (incoming.revision > from) {
    for (let k = Math.max(from, 1); k < incoming.revision; k++) {
      if (decisionOn(k) !== 'returned') return refuse(`revision ${incoming.revision} follows revision ${k}, which was ${decisionOn(k) ?? 'not decided'}, not returned`);
    }
    if (sg.status === 'closed' || (incoming.revision === 1 && sg.status === 'awarded')) return refuse(`the sub-grant is ${sg.status}: it takes no reports`);
  } else return refuse(`revision ${incoming.revision} comes after revision ${from}`);
  return { verdict: 'keep' };
}
