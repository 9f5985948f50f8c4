import { addDays, daysBetween, LocalDate, Money, subtractMoney, sumMoney } from '@intercity/domain';
import { answersDeadline, approvedTotal, ReportFigures, reportedTotal } from '../../expenditure/domain/expenditure-report';
import { isSlipping, MilestoneFigures } from '../../milestone/domain/milestone';
import type { ClosedPeriod, GrantProgramme, ReportingDeadline } from '../../programme/domain/programme';
import type { SubGrant, SubGrantStatus } from '../../sub-grant/domain/sub-grant';
import { netPaid, recovered, released } from '../../tranche/domain/tranche';

/**
 * The grant officer's watch: where the money stands, how fast it is spent against the time gone,
 * what reports are due or late, which milestones slip. Shares are whole basis points (1/100 of a
 * percent), so no float enters even a ratio.
 */

export interface WatchPolicy {
  /** A report is "due soon" this many days ahead of its due date. */
  dueSoonDays: number;
  /** Spending may trail time by this many basis points before it is flagged. */
  burnToleranceBp: number;
}

export const DEFAULT_WATCH_POLICY: WatchPolicy = { dueSoonDays: 7, burnToleranceBp: 2000 };

export interface MoneyFigures {
  awarded: Money;
  disbursed: Money;
  recovered: Money;
  /** Disbursed minus recovered: what the cities hold. */
  netPaid: Money;
  /** Reported and standing (submitted or approved). */
  reported: Money;
  approved: Money;
  /** Awarded minus net paid: still to be paid out. */
  remaining: Money;
}

export interface BurnRate {
  /** Approved expenditure as a share of the award, in basis points. */
  spentBp: number;
  /** Days gone as a share of the period, in basis points (0 before it starts, 10000 after it ends). */
  elapsedBp: number;
  /** Spending trails time by more than the tolerance. */
  behind: boolean;
}

export interface SubGrantWatch {
  subGrantId: string;
  memberId: string;
  status: SubGrantStatus;
  figures: MoneyFigures;
  burn: BurnRate;
  reportsDue: ReportingDeadline[];
  reportsOverdue: ReportingDeadline[];
  milestonesSlipping: MilestoneFigures[];
}

export interface ProgrammeWatch {
  programmeId: string;
  envelope: Money;
  /** Envelope minus awards. */
  unawarded: Money;
  figures: MoneyFigures;
  burn: BurnRate;
  subGrants: SubGrantWatch[];
}

const bp = (part: bigint, whole: bigint): number => (whole <= 0n ? 0 : Number((part * 10_000n) / whole));

export function elapsedBp(period: ClosedPeriod, today: LocalDate): number {
  const total = daysBetween(period.from, period.to) + 1;
  const gone = Math.min(Math.max(daysBetween(period.from, today) + 1, 0), total);
  return Math.floor((gone * 10_000) / total);
}

export function burnRate(approved: Money, awarded: Money, period: ClosedPeriod, today: LocalDate, policy: WatchPolicy = DEFAULT_WATCH_POLICY): BurnRate {
  const spent = bp(approved.amountMinor, awarded.amountMinor);
  const elapsed = elapsedBp(period, today);
  return { spentBp: spent, elapsedBp: elapsed, behind: spent + policy.burnToleranceBp < elapsed };
}

export function subGrantFigures(sg: SubGrant, reports: readonly ReportFigures[]): MoneyFigures {
  const own = reports.filter((r) => r.subGrantId === sg.id);
  const paid = netPaid(sg);
  return {
    awarded: sg.awarded,
    disbursed: released(sg),
    recovered: recovered(sg),
    netPaid: paid,
    reported: reportedTotal(own, sg.currency),
    approved: approvedTotal(own, sg.currency),
    remaining: subtractMoney(sg.awarded, paid),
  };
}

/** Only a sub-grant under way owes reports and milestones: not before signature, not once ended. */
const watched = (sg: SubGrant): boolean => sg.status === 'signed' || sg.status === 'active' || sg.status === 'suspended';

const outstanding = (sg: SubGrant, reports: readonly ReportFigures[]): ReportingDeadline[] =>
  sg.reportingCalendar.filter((d) => !reports.some((r) => r.subGrantId === sg.id && r.deadlineKey === d.key && answersDeadline(r)));

export function watchSubGrant(
  sg: SubGrant,
  reports: readonly ReportFigures[],
  milestones: readonly MilestoneFigures[],
  today: LocalDate,
  policy: WatchPolicy = DEFAULT_WATCH_POLICY,
): SubGrantWatch {
  const figures = subGrantFigures(sg, reports);
  const open = watched(sg) ? outstanding(sg, reports) : [];
  return {
    subGrantId: sg.id,
    memberId: sg.memberId,
    status: sg.status,
    figures,
    burn: burnRate(figures.approved, sg.awarded, sg.period, today, policy),
    reportsDue: open.filter((d) => today <= d.dueOn && today >= addDays(d.dueOn, -policy.dueSoonDays)),
    reportsOverdue: open.filter((d) => today > d.dueOn),
    milestonesSlipping: watched(sg) ? milestones.filter((m) => m.subGrantId === sg.id && isSlipping(m, today)) : [],
  };
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const list = out.get(key(item));
    if (list) list.push(item);
    else out.set(key(item), [item]);
  }
  return out;
}

export function watchProgramme(
  programme: GrantProgramme,
  subGrants: readonly SubGrant[],
  reports: readonly ReportFigures[],
  milestones: readonly MilestoneFigures[],
  today: LocalDate,
  policy: WatchPolicy = DEFAULT_WATCH_POLICY,
): ProgrammeWatch {
  const own = subGrants.filter((s) => s.programmeId === programme.id);
  // Each sub-grant is watched over its own reports and milestones only: a programme of 50
  // sub-grants with five years of reports would otherwise rescan all of them for every deadline.
  const reportsOf = groupBy(reports, (r) => r.subGrantId);
  const milestonesOf = groupBy(milestones, (m) => m.subGrantId);
  const each = own.map((s) => watchSubGrant(s, reportsOf.get(s.id) ?? [], milestonesOf.get(s.id) ?? [], today, policy));
  const total = (pick: (f: MoneyFigures) => Money): Money =>
    sumMoney(
      programme.currency,
      each.map((w) => pick(w.figures)),
    );
  const figures: MoneyFigures = {
    awarded: total((f) => f.awarded),
    disbursed: total((f) => f.disbursed),
    recovered: total((f) => f.recovered),
    netPaid: total((f) => f.netPaid),
    reported: total((f) => f.reported),
    approved: total((f) => f.approved),
    remaining: total((f) => f.remaining),
  };
  return {
    programmeId: programme.id,
    envelope: programme.envelope,
    unawarded: subtractMoney(programme.envelope, figures.awarded),
    figures,
    burn: burnRate(figures.approved, figures.awarded, programme.period, today, policy),
    subGrants: each,
  };
}

export const WATCH_FACT_TYPES = ['grants.report.due-soon', 'grants.report.overdue', 'grants.milestone.slipping'] as const;
export type WatchFactType = (typeof WATCH_FACT_TYPES)[number];

/**
 * A fact that holds on a day. The scheduled check computes these each day (in the city's local
 * date) and emits each key once: the key names the sub-grant, the deadline or milestone and its due
 * date, so a rescheduled milestone can slip (and be told) again.
 */
export interface WatchFact {
  key: string;
  type: WatchFactType;
  programmeId: string;
  subGrantId: string;
  memberId: string;
  /** The deadline's key or the milestone's key. */
  subject: string;
  dueOn: LocalDate;
  /** The day the check found it. */
  on: LocalDate;
  milestoneId?: string;
  forecastOn?: LocalDate;
}

/** What the scheduled check should tell about one sub-grant on its city's local date `today`. */
export function watchFacts(
  sg: SubGrant,
  reports: readonly ReportFigures[],
  milestones: readonly MilestoneFigures[],
  today: LocalDate,
  policy: WatchPolicy = DEFAULT_WATCH_POLICY,
): WatchFact[] {
  const w = watchSubGrant(sg, reports, milestones, today, policy);
  const base = { programmeId: sg.programmeId, subGrantId: sg.id, memberId: sg.memberId, on: today };
  return [
    ...w.reportsDue.map((d): WatchFact => ({ ...base, key: `report-due-soon:${sg.id}:${d.key}:${d.dueOn}`, type: 'grants.report.due-soon', subject: d.key, dueOn: d.dueOn })),
    ...w.reportsOverdue.map((d): WatchFact => ({ ...base, key: `report-overdue:${sg.id}:${d.key}:${d.dueOn}`, type: 'grants.report.overdue', subject: d.key, dueOn: d.dueOn })),
    ...w.milestonesSlipping.map(
      (m): WatchFact => ({
        ...base,
        key: `milestone-slipping:${m.id}:${m.dueOn}`,
        type: 'grants.milestone.slipping',
        subject: m.key,
        dueOn: m.dueOn,
        milestoneId: m.id,
        ...(m.forecastOn ? { forecastOn: m.forecastOn } : {}),
      }),
    ),
  ];
}
