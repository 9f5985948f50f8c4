import {
  CityReportResubmitted,
  CityReportSubmitted,
  ExpenditureReportApproved,
  ExpenditureReportRejected,
  ExpenditureReportReturned,
  ExpenditureReportSubmitted,
  GrantProgrammeCreated,
  GrantProgrammeEnvelopeChanged,
  MilestoneCancelled,
  MilestoneEvidenceAdded,
  MilestoneForecastChanged,
  MilestonePlanned,
  MilestoneReached,
  MilestoneRescheduled,
  MilestoneSlipping,
  RecoveryReceived,
  RecoveryRequested,
  ReportDueSoon,
  ReportOverdue,
  ReportReviewApproved,
  ReportReviewRejected,
  ReportReviewReturned,
  SubGrantAwardAmended,
  SubGrantAwarded,
  SubGrantClosed,
  SubGrantFinalSettled,
  SubGrantResumed,
  SubGrantSigned,
  SubGrantSuspended,
  SubGrantTerminated,
  TrancheReleased,
} from '@intercity/contracts';
import type {
  BudgetLineV1,
  CityReportStateV1,
  EventEnvelope,
  ExpenditureLineV1,
  ExpenditureReportStateV1,
  GrantPeriodV1,
  GrantProgrammeStateV1,
  MilestoneStateV1,
  MoneyV1,
  ReportingDeadlineV1,
  ReportReviewApprovedV1,
  ReportReviewV1,
  SubGrantStateV1,
  TrancheTermsV1,
  TrancheV1,
} from '@intercity/contracts';
import { Money, money, newerCopy, parseCurrency, Versioned, versionOfEvent } from '@intercity/domain';
import { splitReport, type CityReport, type ExpenditureLine, type ExpenditureReport, type ReportReview, type Reviewable } from '../../expenditure/domain/expenditure-report';
import type { Milestone } from '../../milestone/domain/milestone';
import type { ClosedPeriod, GrantProgramme, ReportingDeadline, TrancheTerms } from '../../programme/domain/programme';
import type { BudgetLine, SubGrant, Tranche } from '../../sub-grant/domain/sub-grant';

/**
 * A city node's copies of the hub's grant data (ARCHITECTURE §6): every grants event carries its
 * aggregate's whole state, so a copy is that state read back as the domain's aggregate, the very
 * shape the hub answers with. Its version is the event's aggregate version; `updatedAt` is when
 * the hub wrote that version, `createdAt` when it wrote the first one the copy has seen.
 */
export interface Copy<T extends Versioned> {
  /** The network the programme's project belongs to: who may read it. */
  networkId: string;
  state: T;
}

/**
 * What a copy holds after one more event of its aggregate: the newer version's state, whatever the
 * order events arrive in, so a redelivered or stale event changes nothing (ARCHITECTURE §4.4). The
 * repository's upsert does the same in the database (`applyIfNewer`, then the earliest `createdAt`).
 */
export function applyToCopy<T extends Versioned>(held: Copy<T> | undefined, incoming: Copy<T>): Copy<T> {
  const newer = held && held.state.version >= incoming.state.version ? held : incoming;
  return { ...newer, state: newerCopy(held?.state, incoming.state) };
}

/**
 * The events whose payload is their aggregate's whole state, by what they copy. Each payload
 * class extends the aggregate's state class (adding the fact's own details, left out here).
 */
export const STATE_EVENTS = {
  programme: [GrantProgrammeCreated.type, GrantProgrammeEnvelopeChanged.type],
  subGrant: [
    SubGrantAwarded.type,
    SubGrantAwardAmended.type,
    SubGrantSigned.type,
    SubGrantSuspended.type,
    SubGrantResumed.type,
    SubGrantTerminated.type,
    SubGrantClosed.type,
    TrancheReleased.type,
    SubGrantFinalSettled.type,
    RecoveryRequested.type,
    RecoveryReceived.type,
  ],
  cityReport: [CityReportSubmitted.type, CityReportResubmitted.type],
  review: [ReportReviewApproved.type, ReportReviewRejected.type, ReportReviewReturned.type],
  /** The report as one aggregate, before the city's report and the hub's reviews were split. */
  legacyReport: [ExpenditureReportSubmitted.type, ExpenditureReportApproved.type, ExpenditureReportRejected.type, ExpenditureReportReturned.type],
  milestone: [MilestonePlanned.type, MilestoneEvidenceAdded.type, MilestoneReached.type, MilestoneRescheduled.type, MilestoneForecastChanged.type, MilestoneCancelled.type],
} as const;

/**
 * The scheduled check's notices: filed under a sub-grant or milestone at the version it read, they
 * carry no state, and the hub tells them (a city node's check has nothing of its own to look at).
 */
export const NOTICE_EVENTS: readonly string[] = [ReportDueSoon.type, ReportOverdue.type, MilestoneSlipping.type];

type StateEvent<T> = Pick<EventEnvelope<T>, 'aggregate' | 'occurredAt' | 'data'>;

/** Every `grants.programme.*` event: the programme as its state says. */
export function programmeCopy(e: StateEvent<GrantProgrammeStateV1>): Copy<GrantProgramme> {
  const d = e.data;
  return {
    networkId: d.networkId,
    state: {
      id: d.programmeId,
      projectId: d.projectId,
      funder: d.funder,
      name: d.name,
      currency: parseCurrency(d.currency, 'data.currency'),
      envelope: m(d.envelope),
      period: period(d.period),
      rules: {
        maxPerRecipient: m(d.rules.maxPerRecipient),
        tranchePattern: d.rules.tranchePattern.map(terms),
        reportingCalendar: d.rules.reportingCalendar.map(deadline),
      },
      ...versionOfEvent(e),
    },
  };
}

/** Every `grants.sub-grant.*` event: the sub-grant with its tranches, disbursements and recoveries. */
export function subGrantCopy(e: StateEvent<SubGrantStateV1>): Copy<SubGrant> {
  const d = e.data;
  return {
    networkId: d.networkId,
    state: {
      id: d.subGrantId,
      programmeId: d.programmeId,
      memberId: d.memberId,
      actionPlan: { ...d.actionPlan, objectives: [...d.actionPlan.objectives], stakeholders: [...d.actionPlan.stakeholders] },
      currency: parseCurrency(d.currency, 'data.currency'),
      awarded: m(d.awarded),
      budgetLines: d.budgetLines.map(budgetLine),
      period: period(d.period),
      status: d.status,
      agreement: d.agreement ? { signedOn: d.agreement.signedOn, documentRef: d.agreement.documentRef } : null,
      tranches: d.tranches.map(tranche),
      disbursements: d.disbursements.map((x) => ({ id: x.disbursementId, trancheIndex: x.trancheIndex, amount: m(x.amount), paidOn: x.paidOn, paymentReference: x.paymentReference })),
      recoveries: d.recoveries.map((r) => ({
        seq: r.seq,
        amount: m(r.amount),
        reason: r.reason,
        requestedOn: r.requestedOn,
        status: r.status,
        receivedOn: r.receivedOn ?? null,
        reference: r.reference ?? null,
      })),
      reportingCalendar: d.reportingCalendar.map(deadline),
      settlement: d.settlement
        ? {
            settledOn: d.settlement.settledOn,
            eligible: m(d.settlement.eligible),
            finalTranchePlanned: m(d.settlement.finalTranchePlanned),
            finalTrancheSettled: m(d.settlement.finalTrancheSettled),
            recovery: m(d.settlement.recovery),
          }
        : null,
      statusReason: d.statusReason ?? null,
      ...versionOfEvent(e),
    },
  };
}

/** Every `grants.city-report.*` event: the city's report at its latest revision. */
export function cityReportCopy(e: StateEvent<CityReportStateV1>): Copy<CityReport> {
  const d = e.data;
  return {
    networkId: d.networkId,
    state: {
      id: d.reportId,
      subGrantId: d.subGrantId,
      programmeId: d.programmeId,
      memberId: d.memberId,
      deadlineKey: d.deadlineKey,
      kind: d.kind,
      period: period(d.period),
      lines: d.lines.map(line),
      submittedBy: d.submittedBy,
      submittedOn: d.submittedOn,
      revision: d.revision,
      ...versionOfEvent(e),
    },
  };
}

/** Every `grants.report-review.*` event: the officer's decision on one revision. */
export function reviewCopy(e: StateEvent<ReportReviewV1 | ReportReviewApprovedV1>): Copy<ReportReview> {
  const d = e.data;
  return {
    networkId: d.networkId,
    state: {
      id: d.reviewId,
      reportId: d.reportId,
      subGrantId: d.subGrantId,
      memberId: d.memberId,
      revision: d.revision,
      decision: { decision: d.decision.decision, by: d.decision.by, on: d.decision.on, reasons: [...d.decision.reasons] },
      accepted: 'accepted' in d && d.decision.decision === 'approved' ? d.accepted.map(m) : null,
      ...versionOfEvent(e),
    },
  };
}

/**
 * Every `grants.expenditure-report.*` event, still in streams written before the split: the report
 * with its lines and the officer's decisions, as the city's report and one review per decision
 * (`splitReport`, named by `reviewId`). Each review is dated at the event, the only instant it
 * carries.
 */
export function legacyReportCopy(e: StateEvent<ExpenditureReportStateV1>, reviewId: (reportId: string, revision: number) => string): { networkId: string; state: Reviewable } {
  const d = e.data;
  const at = versionOfEvent(e);
  const combined: ExpenditureReport = {
    id: d.reportId,
    subGrantId: d.subGrantId,
    programmeId: d.programmeId,
    memberId: d.memberId,
    deadlineKey: d.deadlineKey,
    kind: d.kind,
    period: period(d.period),
    lines: d.lines.map(line),
    accepted: d.accepted ? d.accepted.map(m) : null,
    status: d.status,
    submittedBy: d.submittedBy,
    submittedOn: d.submittedOn,
    revision: d.revision,
    decisions: d.decisions.map((x) => ({ decision: x.decision, by: x.by, on: x.on, reasons: [...x.reasons] })),
    ...at,
  };
  return { networkId: d.networkId, state: splitReport(combined, reviewId) };
}

/** Every `grants.milestone.*` event but the watch's `slipping` notice, which carries no state. */
export function milestoneCopy(e: StateEvent<MilestoneStateV1>): Copy<Milestone> {
  const d = e.data;
  return {
    networkId: d.networkId,
    state: {
      id: d.milestoneId,
      subGrantId: d.subGrantId,
      programmeId: d.programmeId,
      memberId: d.memberId,
      key: d.key,
      title: d.title,
      dueOn: d.dueOn,
      forecastOn: d.forecastOn ?? null,
      status: d.status,
      evidence: d.evidence.map((x) => ({ documentRef: x.documentRef, description: x.description, addedBy: x.addedBy, addedOn: x.addedOn })),
      reachedOn: d.reachedOn ?? null,
      note: d.note ?? null,
      ...versionOfEvent(e),
    },
  };
}

// Wire → domain, one shape at a time: absent optional fields become the domain's nulls.

const m = (x: MoneyV1): Money => {
  if (!/^-?(0|[1-9]\d*)$/.test(x.amountMinor)) throw new TypeError(`"${x.amountMinor}" is not whole minor units`);
  return money(BigInt(x.amountMinor), parseCurrency(x.currency, 'currency'));
};

const period = (p: GrantPeriodV1): ClosedPeriod => ({ from: p.from, to: p.to });

const terms = (t: TrancheTermsV1): TrancheTerms => ({
  kind: t.kind,
  sharePercent: t.sharePercent,
  conditions: {
    agreementSigned: t.conditions.agreementSigned,
    reportApproved: t.conditions.reportApproved ?? null,
    minAccountedPercent: t.conditions.minAccountedPercent,
    milestones: [...t.conditions.milestones],
  },
});

const tranche = (t: TrancheV1): Tranche => ({ ...terms(t), index: t.index, amount: m(t.amount), status: t.status });

const deadline = (d: ReportingDeadlineV1): ReportingDeadline => ({ key: d.key, kind: d.kind, period: period(d.period), dueOn: d.dueOn });

const budgetLine = (l: BudgetLineV1): BudgetLine => ({ category: l.category, amount: m(l.amount) });

const line = (l: ExpenditureLineV1): ExpenditureLine => ({
  category: l.category,
  amount: m(l.amount),
  spent: l.spent
    ? {
        amount: m(l.spent.amount),
        rate: { from: parseCurrency(l.spent.rate.from, 'rate.from'), to: parseCurrency(l.spent.rate.to, 'rate.to'), rate: l.spent.rate.rate, rateDate: l.spent.rate.rateDate },
        rounding: l.spent.rounding,
      }
    : null,
});
