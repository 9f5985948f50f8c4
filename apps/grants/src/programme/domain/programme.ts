import {
  assertCurrency,
  compareMoney,
  CurrencyCode,
  firstVersion,
  formatMoney,
  isLocalDate,
  isPositive,
  LocalDate,
  Money,
  money,
  nextVersion,
  RuleViolation,
  sumMoney,
  Versioned,
} from '@intercity/domain';
import { fact, Fact, Outcome, unchanged } from '../../shared/domain/fact';

/**
 * A grant programme: a funder's envelope in one currency, shared out as sub-grants to member
 * cities under the programme's rules. The programme reports in its own currency only.
 */

export const TRANCHE_KINDS = ['pre-financing', 'interim', 'final'] as const;
export type TrancheKind = (typeof TRANCHE_KINDS)[number];

export const REPORT_KINDS = ['interim', 'final'] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];

/** Both ends included. */
export interface ClosedPeriod {
  from: LocalDate;
  to: LocalDate;
}

/** What must hold before a tranche is paid. */
export interface ReleaseConditions {
  agreementSigned: boolean;
  /** An expenditure report of this kind approved. */
  reportApproved: ReportKind | null;
  /** Approved expenditure must be at least this share (whole percent) of the money received so far. */
  minAccountedPercent: number;
  /** Keys of the sub-grant's milestones that must be reached. */
  milestones: string[];
}

/** One tranche of the pattern: its kind, its share of the award (whole percent) and its conditions. */
export interface TrancheTerms {
  kind: TrancheKind;
  sharePercent: number;
  conditions: ReleaseConditions;
}

/** One report every sub-grant owes: the period it covers and the day it is due. */
export interface ReportingDeadline {
  key: string;
  kind: ReportKind;
  period: ClosedPeriod;
  dueOn: LocalDate;
}

export interface ProgrammeRules {
  maxPerRecipient: Money;
  tranchePattern: TrancheTerms[];
  reportingCalendar: ReportingDeadline[];
}

export interface GrantProgramme extends Versioned {
  id: string;
  projectId: string;
  /** E.g. 'EU AMIF', 'Erasmus+'. */
  funder: string;
  name: string;
  currency: CurrencyCode;
  envelope: Money;
  period: ClosedPeriod;
  rules: ProgrammeRules;
}

/** EU financial support to third parties: at most EUR 60,000 per recipient unless the call says otherwise. */
export const DEFAULT_MAX_PER_RECIPIENT: Money = money(6_000_000n, 'EUR');

/** 40/40/20: pre-financing on signature, interim on an approved report, the balance on the final one. */
export const DEFAULT_TRANCHE_PATTERN: readonly TrancheTerms[] = Object.freeze([
  { kind: 'pre-financing', sharePercent: 40, conditions: { agreementSigned: true, reportApproved: null, minAccountedPercent: 0, milestones: [] } },
  { kind: 'interim', sharePercent: 40, conditions: { agreementSigned: true, reportApproved: 'interim', minAccountedPercent: 70, milestones: [] } },
  { kind: 'final', sharePercent: 20, conditions: { agreementSigned: true, reportApproved: 'final', minAccountedPercent: 0, milestones: [] } },
]);

export interface ProgrammeInput {
  projectId: string;
  funder: string;
  name: string;
  currency: CurrencyCode;
  envelope: Money;
  period: ClosedPeriod;
  /** Defaults to EUR 60,000 for a euro programme; required in any other currency. */
  maxPerRecipient?: Money;
  tranchePattern?: TrancheTerms[];
  reportingCalendar: ReportingDeadline[];
}

/** What the programme needs to know of its sub-grants: who got how much. */
export interface AwardShare {
  id: string;
  memberId: string;
  awarded: Money;
}

export type ProgrammeCreated = Fact<'grants.programme.created', { programme: GrantProgramme }>;
export type ProgrammeEnvelopeChanged = Fact<'grants.programme.envelope-changed', { from: Money; to: Money; reason: string }>;
export type ProgrammeFact = ProgrammeCreated | ProgrammeEnvelopeChanged;

const text = (value: string, field: string, rule: string): string => {
  const trimmed = value.trim();
  if (!trimmed) throw RuleViolation.invalid(rule, field, 'must not be empty');
  return trimmed;
};

export function checkPeriod(period: ClosedPeriod, field: string): void {
  if (!isLocalDate(period.from)) throw RuleViolation.invalid('period.date', `${field}.from`, 'must be a date (YYYY-MM-DD)');
  if (!isLocalDate(period.to)) throw RuleViolation.invalid('period.date', `${field}.to`, 'must be a date (YYYY-MM-DD)');
  if (period.to < period.from) throw RuleViolation.invalid('period.order', field, 'ends before it starts');
}

/**
 * Shares are whole percents adding up to 100; a pre-financing tranche can only come first and the
 * final tranche only last, once.
 */
export function checkTranchePattern(pattern: readonly TrancheTerms[], field: string): void {
  if (pattern.length === 0) throw RuleViolation.invalid('tranche.pattern-empty', field, 'needs at least the final tranche');
  pattern.forEach((t, i) => {
    const at = `${field}.${i}`;
    if (!(TRANCHE_KINDS as readonly string[]).includes(t.kind)) throw RuleViolation.invalid('tranche.kind', `${at}.kind`, `must be one of ${TRANCHE_KINDS.join(', ')}`);
    if (!Number.isInteger(t.sharePercent) || t.sharePercent < 1 || t.sharePercent > 100) {
      throw RuleViolation.invalid('tranche.share', `${at}.sharePercent`, 'must be a whole percent from 1 to 100');
    }
    if (t.kind === 'pre-financing' && i !== 0) throw RuleViolation.invalid('tranche.order', `${at}.kind`, 'pre-financing can only be the first tranche');
    if (t.kind === 'final' && i !== pattern.length - 1) throw RuleViolation.invalid('tranche.order', `${at}.kind`, 'the final tranche comes last');
    const c = t.conditions;
    if (!Number.isInteger(c.minAccountedPercent) || c.minAccountedPercent < 0 || c.minAccountedPercent > 100) {
      throw RuleViolation.invalid('tranche.accounted-share', `${at}.conditions.minAccountedPercent`, 'must be a whole percent from 0 to 100');
    }
    if (c.reportApproved !== null && !(REPORT_KINDS as readonly string[]).includes(c.reportApproved)) {
      throw RuleViolation.invalid('tranche.report-kind', `${at}.conditions.reportApproved`, `must be one of ${REPORT_KINDS.join(', ')} or null`);
    }
    c.milestones.forEach((m, j) => text(m, `${at}.conditions.milestones.${j}`, 'tranche.milestone-key'));
  });
  if (pattern[pattern.length - 1].kind !== 'final') throw RuleViolation.invalid('tranche.order', field, 'the last tranche must be the final one');
  const total = pattern.reduce((s, t) => s + t.sharePercent, 0);
  if (total !== 100) throw RuleViolation.invalid('tranche.shares-total', field, `shares add up to ${total}%, not 100%`);
}

/** Each deadline covers a period within the programme's and falls due after that period ends. */
export function checkReportingCalendar(calendar: readonly ReportingDeadline[], within: ClosedPeriod, pattern: readonly TrancheTerms[], field: string): void {
  const keys = new Set<string>();
  calendar.forEach((d, i) => {
    const at = `${field}.${i}`;
    text(d.key, `${at}.key`, 'reporting.key');
    if (keys.has(d.key)) throw RuleViolation.invalid('reporting.key-duplicate', `${at}.key`, `"${d.key}" is used twice`);
    keys.add(d.key);
    if (!(REPORT_KINDS as readonly string[]).includes(d.kind)) throw RuleViolation.invalid('reporting.kind', `${at}.kind`, `must be one of ${REPORT_KINDS.join(', ')}`);
    checkPeriod(d.period, `${at}.period`);
    if (!isLocalDate(d.dueOn)) throw RuleViolation.invalid('period.date', `${at}.dueOn`, 'must be a date (YYYY-MM-DD)');
    if (d.dueOn < d.period.to) throw RuleViolation.invalid('reporting.due-before-period-end', `${at}.dueOn`, 'a report falls due after the period it covers');
    if (d.period.from < within.from || d.period.to > within.to) {
      throw RuleViolation.unprocessable('reporting.period', `${at}.period`, `must lie within ${within.from}..${within.to}`);
    }
  });
  for (const kind of new Set(pattern.map((t) => t.conditions.reportApproved))) {
    if (kind && !calendar.some((d) => d.kind === kind)) {
      throw RuleViolation.unprocessable('reporting.missing', field, `a tranche waits for an approved ${kind} report, but no ${kind} report is due`);
    }
  }
}

export function createProgramme(id: string, input: ProgrammeInput, now: Date): Outcome<GrantProgramme, ProgrammeFact> {
  const { currency } = input;
  assertCurrency(input.envelope, currency, 'envelope');
  if (!isPositive(input.envelope)) throw RuleViolation.invalid('programme.envelope-positive', 'envelope.amountMinor', 'must be more than zero');
  checkPeriod(input.period, 'period');
  let maxPerRecipient = input.maxPerRecipient;
  if (!maxPerRecipient) {
    if (currency !== DEFAULT_MAX_PER_RECIPIENT.currency) {
      throw RuleViolation.invalid('programme.max-per-recipient-required', 'maxPerRecipient', `the EUR 60,000 default applies to euro programmes; give the maximum in ${currency}`);
    }
    maxPerRecipient = DEFAULT_MAX_PER_RECIPIENT;
  }
  assertCurrency(maxPerRecipient, currency, 'maxPerRecipient');
  if (!isPositive(maxPerRecipient)) throw RuleViolation.invalid('programme.max-per-recipient-positive', 'maxPerRecipient.amountMinor', 'must be more than zero');
  const tranchePattern = structuredClone(input.tranchePattern ?? [...DEFAULT_TRANCHE_PATTERN]);
  checkTranchePattern(tranchePattern, 'tranchePattern');
  checkReportingCalendar(input.reportingCalendar, input.period, tranchePattern, 'reportingCalendar');
  const programme: GrantProgramme = {
    id,
    projectId: input.projectId,
    funder: text(input.funder, 'funder', 'programme.funder'),
    name: text(input.name, 'name', 'programme.name'),
    currency,
    envelope: input.envelope,
    period: { ...input.period },
    rules: { maxPerRecipient, tranchePattern, reportingCalendar: structuredClone(input.reportingCalendar) },
    ...firstVersion(now),
  };
  return { state: programme, facts: [fact('grants.programme.created', 'programme', programme, { programme })] };
}

/** The sum of every award of the programme, in its currency. */
export function awardedTotal(programme: GrantProgramme, awards: readonly AwardShare[]): Money {
  return sumMoney(programme.currency, awards.map((a) => a.awarded));
}

/** The envelope can change (a funder's amendment), never below what is already awarded. */
export function changeEnvelope(programme: GrantProgramme, awards: readonly AwardShare[], envelope: Money, reason: string, now: Date): Outcome<GrantProgramme, ProgrammeFact> {
  assertCurrency(envelope, programme.currency, 'envelope');
  if (!isPositive(envelope)) throw RuleViolation.invalid('programme.envelope-positive', 'envelope.amountMinor', 'must be more than zero');
  if (compareMoney(envelope, programme.envelope) === 0) return unchanged(programme);
  const awarded = awardedTotal(programme, awards);
  if (compareMoney(envelope, awarded) < 0) {
    throw RuleViolation.conflict(
      'programme.envelope-below-awarded',
      `${formatMoney(awarded)} ${programme.currency} is already awarded; the envelope cannot be ${formatMoney(envelope)}`,
      'envelope',
    );
  }
  const state = nextVersion(programme, { envelope }, now);
  return { state, facts: [fact('grants.programme.envelope-changed', 'programme', state, { from: programme.envelope, to: envelope, reason: text(reason, 'reason', 'programme.reason') })] };
}
