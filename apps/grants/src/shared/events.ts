import {
  ActionPlanV1,
  AgreementV1,
  BudgetLineV1,
  DisbursementV1,
  Emission,
  EventDefinition,
  CityReportResubmitted,
  CityReportStateV1,
  CityReportSubmitted,
  ExpenditureLineV1,
  GrantPeriodV1,
  GrantProgrammeCreated,
  GrantProgrammeEnvelopeChanged,
  GrantProgrammeStateV1,
  MilestoneCancelled,
  MilestoneEvidenceAdded,
  MilestoneEvidenceV1,
  MilestoneForecastChanged,
  MilestonePlanned,
  MilestoneReached,
  MilestoneRescheduled,
  MilestoneSlipping,
  MilestoneStateV1,
  MoneyV1,
  RecoveryReceived,
  RecoveryRequested,
  RecoveryV1,
  ReportDecisionV1,
  ReportDueSoon,
  ReportReviewApproved,
  ReportReviewRejected,
  ReportReviewReturned,
  ReportReviewV1,
  ReportingDeadlineV1,
  ReportOverdue,
  SettlementV1,
  SubGrantAwardAmended,
  SubGrantAwarded,
  SubGrantClosed,
  SubGrantFinalSettled,
  SubGrantResumed,
  SubGrantSigned,
  SubGrantStateV1,
  SubGrantSuspended,
  SubGrantTerminated,
  TrancheReleased,
  TrancheTermsV1,
  TrancheV1,
} from '@intercity/contracts';
import { Money, MoneyJson, money, moneyToJson, parseCurrency, present } from '@intercity/domain';
import type { CityReport, Decision, ExpenditureLine, ReportFact, ReportReview } from '../expenditure/domain/expenditure-report';
import type { Evidence, Milestone, MilestoneFact } from '../milestone/domain/milestone';
import type { ClosedPeriod, GrantProgramme, ProgrammeFact, ReportingDeadline, TrancheTerms } from '../programme/domain/programme';
import type { ActionPlan, Agreement, BudgetLine, Disbursement, Recovery, Settlement, SubGrant, SubGrantFact, Tranche } from '../sub-grant/domain/sub-grant';
import type { TrancheFact } from '../tranche/domain/tranche';
import type { WatchFact } from '../watch/domain/watch';
import type { Fact } from './domain/fact';

/**
 * The grants domain's facts as versioned contract events (libs/contracts/src/grants), ready for
 * `UnitOfWork.emitAll`. Every payload carries the aggregate's whole state after the change plus
 * the fact's own details, in wire terms: money as `{amountMinor: string, currency}`, absent
 * optional fields left out (never null), and the `networkId` the service knows from its copy of
 * the programme's project (the domain does not know networks).
 *
 *   const outcome = signAgreement(subGrant, agreement, now);
 *   await uow.emitAll(emissionsOf(outcome.facts, outcome.state, networkId));
 */

/** Every fact a grants rule returns. */
export type GrantFact = ProgrammeFact | SubGrantFact | TrancheFact | ReportFact | MilestoneFact;
/** The aggregates those rules return: the state a fact's payload describes. */
export type GrantsAggregate = GrantProgramme | SubGrant | CityReport | ReportReview | Milestone;

/**
 * Every fact of a rule's outcome, in order, as contract events: `emissionsOf(outcome.facts,
 * outcome.state, networkId)`. A fact whose type has no contract event throws.
 */
export function emissionsOf(facts: readonly Fact[], state: GrantsAggregate, networkId: string): Emission[] {
  return facts.map((f) => emissionOf(f, state, networkId));
}

/**
 * One fact as a contract event. `state` is the aggregate the fact is about, as the rule left it
 * (`outcome.state`; its id must be the fact's aggregate). Facts of one outcome share the state
 * after the last of them (final-settled, then tranche-released), so an earlier one's payload may
 * already show the later change; the envelope's aggregate version is the fact's own.
 */
export function emissionOf(fact: Fact, state: GrantsAggregate, networkId: string): Emission {
  const f = fact as GrantFact;
  if (state.id !== f.aggregateId || state.version < f.aggregateVersion) {
    throw new Error(`${f.type} is about ${f.aggregateType} ${f.aggregateId} v${f.aggregateVersion}, not ${state.id} v${state.version}`);
  }
  const emit = <T extends object>(event: EventDefinition<T>, data: T): Emission => ({
    event: event as EventDefinition,
    aggregateId: f.aggregateId,
    aggregateVersion: f.aggregateVersion,
    data,
  });
  const programme = () => programmeV1(state as GrantProgramme, networkId);
  const subGrant = () => subGrantV1(state as SubGrant, networkId);
  const report = () => cityReportV1(state as CityReport, networkId);
  const milestone = () => milestoneV1(state as Milestone, networkId);
  switch (f.type) {
    case 'grants.programme.created':
      return emit(GrantProgrammeCreated, programme());
    case 'grants.programme.envelope-changed':
      return emit(GrantProgrammeEnvelopeChanged, { ...programme(), from: m(f.data.from), to: m(f.data.to), reason: f.data.reason });
    case 'grants.sub-grant.awarded':
      return emit(SubGrantAwarded, subGrant());
    case 'grants.sub-grant.award-amended':
      return emit(SubGrantAwardAmended, { ...subGrant(), from: m(f.data.from), to: m(f.data.to), reason: f.data.reason });
    case 'grants.sub-grant.signed':
      return emit(SubGrantSigned, subGrant());
    case 'grants.sub-grant.suspended':
      return emit(SubGrantSuspended, subGrant());
    case 'grants.sub-grant.resumed':
      return emit(SubGrantResumed, subGrant());
    case 'grants.sub-grant.terminated':
      return emit(SubGrantTerminated, {
        ...subGrant(),
        terminatedOn: f.data.on,
        cancelledTranches: [...f.data.cancelledTranches],
        ...present({ recovery: f.data.recovery && recoveryV1(f.data.recovery) }),
      });
    case 'grants.sub-grant.closed':
      return emit(SubGrantClosed, { ...subGrant(), netPaid: m(f.data.netPaid) });
    case 'grants.sub-grant.tranche-released':
      return emit(TrancheReleased, { ...subGrant(), trancheIndex: f.data.trancheIndex, disbursement: disbursementV1(f.data.disbursement) });
    case 'grants.sub-grant.final-settled':
      return emit(SubGrantFinalSettled, subGrant());
    case 'grants.sub-grant.recovery-requested':
      return emit(RecoveryRequested, { ...subGrant(), recovery: recoveryV1(f.data.recovery) });
    case 'grants.sub-grant.recovery-received':
      return emit(RecoveryReceived, { ...subGrant(), recovery: recoveryV1(f.data.recovery) });
    case 'grants.city-report.submitted':
      return emit(CityReportSubmitted, report());
    case 'grants.city-report.resubmitted':
      return emit(CityReportResubmitted, report());
    case 'grants.report-review.approved':
      return emit(ReportReviewApproved, {
        ...reviewV1(f.data.report, f.data.review, networkId),
        accepted: (f.data.review.accepted ?? []).map(m),
        approved: m(f.data.approved),
      });
    case 'grants.report-review.rejected':
      return emit(ReportReviewRejected, reviewV1(f.data.report, f.data.review, networkId));
    case 'grants.report-review.returned':
      return emit(ReportReviewReturned, reviewV1(f.data.report, f.data.review, networkId));
    case 'grants.milestone.planned':
      return emit(MilestonePlanned, milestone());
    case 'grants.milestone.evidence-added':
      return emit(MilestoneEvidenceAdded, milestone());
    case 'grants.milestone.reached':
      return emit(MilestoneReached, milestone());
    case 'grants.milestone.rescheduled':
      return emit(MilestoneRescheduled, { ...milestone(), from: f.data.from, to: f.data.to, reason: f.data.reason });
    case 'grants.milestone.forecast-changed':
      return emit(MilestoneForecastChanged, milestone());
    case 'grants.milestone.cancelled':
      return emit(MilestoneCancelled, milestone());
    default: {
      const unmapped: never = f;
      throw new Error(`no contract event for grants fact ${(unmapped as GrantFact).type}`);
    }
  }
}

/**
 * A finding of the daily watch as a contract event, filed under the aggregate it is about at the
 * version the check read: the sub-grant for a report due soon or overdue, the milestone for one
 * slipping.
 */
export function watchEmissionOf(w: WatchFact, aggregate: { id: string; version: number }, networkId: string): Emission {
  const base = { key: w.key, networkId, programmeId: w.programmeId, subGrantId: w.subGrantId, memberId: w.memberId, dueOn: w.dueOn, on: w.on };
  const at = (expected: string | undefined, what: string) => {
    if (aggregate.id !== expected) throw new Error(`${w.type} ${w.key} is filed under its ${what}, not ${aggregate.id}`);
    return { aggregateId: aggregate.id, aggregateVersion: aggregate.version };
  };
  switch (w.type) {
    case 'grants.report.due-soon':
      return { event: ReportDueSoon as EventDefinition, ...at(w.subGrantId, 'sub-grant'), data: { ...base, deadlineKey: w.subject } };
    case 'grants.report.overdue':
      return { event: ReportOverdue as EventDefinition, ...at(w.subGrantId, 'sub-grant'), data: { ...base, deadlineKey: w.subject } };
    case 'grants.milestone.slipping':
      return {
        event: MilestoneSlipping as EventDefinition,
        ...at(w.milestoneId, 'milestone'),
        data: { ...base, milestoneId: w.milestoneId as string, milestoneKey: w.subject, ...present({ forecastOn: w.forecastOn ?? null }) },
      };
  }
}

// Domain → wire, one shape at a time (typed against the payload classes, so a field the contract
// lacks or misses fails to compile).

const m = (x: Money): MoneyV1 => moneyToJson(x);

const periodV1 = (p: ClosedPeriod): GrantPeriodV1 => ({ from: p.from, to: p.to });

const termsV1 = (t: TrancheTerms): TrancheTermsV1 => ({
  kind: t.kind,
  sharePercent: t.sharePercent,
  conditions: present({
    agreementSigned: t.conditions.agreementSigned,
    reportApproved: t.conditions.reportApproved,
    minAccountedPercent: t.conditions.minAccountedPercent,
    milestones: [...t.conditions.milestones],
  }),
});

const deadlineV1 = (d: ReportingDeadline): ReportingDeadlineV1 => ({ key: d.key, kind: d.kind, period: periodV1(d.period), dueOn: d.dueOn });

function programmeV1(p: GrantProgramme, networkId: string): GrantProgrammeStateV1 {
  return {
    programmeId: p.id,
    networkId,
    projectId: p.projectId,
    funder: p.funder,
    name: p.name,
    currency: p.currency,
    envelope: m(p.envelope),
    period: periodV1(p.period),
    rules: {
      maxPerRecipient: m(p.rules.maxPerRecipient),
      tranchePattern: p.rules.tranchePattern.map(termsV1),
      reportingCalendar: p.rules.reportingCalendar.map(deadlineV1),
    },
  };
}

const actionPlanV1 = (a: ActionPlan): ActionPlanV1 => ({
  title: a.title,
  objectives: [...a.objectives],
  stakeholders: [...a.stakeholders],
  endorsementDocumentRef: a.endorsementDocumentRef,
});
const budgetLineV1 = (l: BudgetLine): BudgetLineV1 => ({ category: l.category, amount: m(l.amount) });
const trancheV1 = (t: Tranche): TrancheV1 => ({ ...termsV1(t), index: t.index, amount: m(t.amount), status: t.status });
const disbursementV1 = (d: Disbursement): DisbursementV1 => ({
  disbursementId: d.id,
  trancheIndex: d.trancheIndex,
  amount: m(d.amount),
  paidOn: d.paidOn,
  paymentReference: d.paymentReference,
});
const recoveryV1 = (r: Recovery): RecoveryV1 =>
  present({ seq: r.seq, amount: m(r.amount), reason: r.reason, requestedOn: r.requestedOn, status: r.status, receivedOn: r.receivedOn, reference: r.reference });
const settlementV1 = (s: Settlement): SettlementV1 => ({
  settledOn: s.settledOn,
  eligible: m(s.eligible),
  finalTranchePlanned: m(s.finalTranchePlanned),
  finalTrancheSettled: m(s.finalTrancheSettled),
  recovery: m(s.recovery),
});
const agreementV1 = (a: Agreement): AgreementV1 => ({ signedOn: a.signedOn, documentRef: a.documentRef });

function subGrantV1(sg: SubGrant, networkId: string): SubGrantStateV1 {
  return {
    subGrantId: sg.id,
    networkId,
    programmeId: sg.programmeId,
    memberId: sg.memberId,
    actionPlan: actionPlanV1(sg.actionPlan),
    currency: sg.currency,
    awarded: m(sg.awarded),
    budgetLines: sg.budgetLines.map(budgetLineV1),
    period: periodV1(sg.period),
    status: sg.status,
    tranches: sg.tranches.map(trancheV1),
    disbursements: sg.disbursements.map(disbursementV1),
    recoveries: sg.recoveries.map(recoveryV1),
    reportingCalendar: sg.reportingCalendar.map(deadlineV1),
    ...present({
      agreement: sg.agreement && agreementV1(sg.agreement),
      settlement: sg.settlement && settlementV1(sg.settlement),
      statusReason: sg.statusReason,
    }),
  };
}

const lineV1 = (l: ExpenditureLine): ExpenditureLineV1 => ({
  category: l.category,
  amount: m(l.amount),
  ...present({ spent: l.spent && { amount: m(l.spent.amount), rate: { ...l.spent.rate }, rounding: l.spent.rounding } }),
});
const decisionV1 = (d: Decision): ReportDecisionV1 => ({ decision: d.decision, by: d.by, on: d.on, reasons: [...d.reasons] });

function cityReportV1(r: CityReport, networkId: string): CityReportStateV1 {
  return {
    reportId: r.id,
    networkId,
    subGrantId: r.subGrantId,
    programmeId: r.programmeId,
    memberId: r.memberId,
    deadlineKey: r.deadlineKey,
    kind: r.kind,
    period: periodV1(r.period),
    lines: r.lines.map(lineV1),
    submittedBy: r.submittedBy,
    submittedOn: r.submittedOn,
    revision: r.revision,
  };
}

function reviewV1(r: CityReport, review: ReportReview, networkId: string): ReportReviewV1 {
  return {
    reviewId: review.id,
    reportId: r.id,
    networkId,
    subGrantId: r.subGrantId,
    programmeId: r.programmeId,
    memberId: r.memberId,
    deadlineKey: r.deadlineKey,
    kind: r.kind,
    revision: review.revision,
    decision: decisionV1(review.decision),
  };
}

const evidenceV1 = (e: Evidence): MilestoneEvidenceV1 => ({ documentRef: e.documentRef, description: e.description, addedBy: e.addedBy, addedOn: e.addedOn });

function milestoneV1(ms: Milestone, networkId: string): MilestoneStateV1 {
  return {
    milestoneId: ms.id,
    networkId,
    subGrantId: ms.subGrantId,
    programmeId: ms.programmeId,
    memberId: ms.memberId,
    key: ms.key,
    title: ms.title,
    dueOn: ms.dueOn,
    status: ms.status,
    evidence: ms.evidence.map(evidenceV1),
    ...present({ forecastOn: ms.forecastOn, reachedOn: ms.reachedOn, note: ms.note }),
  };
}

// Aggregates as jsonb documents.

/** `T` as stored in jsonb: Money as `{amountMinor: string, currency}`, instants as ISO strings, nulls kept. */
export type Stored<T> = T extends Money
  ? MoneyJson
  : T extends Date
    ? string
    : T extends readonly (infer U)[]
      ? Stored<U>[]
      : T extends object
        ? { [K in keyof T]: Stored<T[K]> }
        : T;

/** The instants of an aggregate: `Versioned`'s. Only these keys are read back as Dates. */
const INSTANT_KEYS: ReadonlySet<string> = new Set(['createdAt', 'updatedAt']);
const MINOR_UNITS = /^-?(0|[1-9]\d*)$/;

const isMoney = (v: object): v is Money =>
  typeof (v as Money).amountMinor === 'bigint' && typeof (v as Money).currency === 'string' && Object.keys(v).length === 2;

const isStoredMoney = (v: object): v is MoneyJson =>
  typeof (v as MoneyJson).amountMinor === 'string' && typeof (v as MoneyJson).currency === 'string' && Object.keys(v).length === 2;

/**
 * An aggregate (SubGrant, GrantProgramme, ExpenditureReport, Milestone, or any part of one) as a
 * jsonb document: Money `{amountMinor: "2500000", currency: "EUR"}`, Dates ISO strings, everything
 * else as it is (nulls kept, so `fromJson` gives back the very same value).
 */
export function toJson<T>(value: T): Stored<T> {
  return store(value, '') as Stored<T>;
}

function store(v: unknown, at: string): unknown {
  if (v instanceof Date) return v.toISOString();
  if (typeof v === 'bigint') throw new TypeError(`${at || 'value'}: a bigint outside Money has no stored form`);
  if (Array.isArray(v)) return v.map((x, i) => store(x, `${at}.${i}`));
  if (v !== null && typeof v === 'object') {
    if (isMoney(v)) return moneyToJson(v);
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, store(x, at ? `${at}.${k}` : k)]));
  }
  return v;
}

/**
 * A jsonb document written by `toJson` back as the aggregate: every `{amountMinor, currency}` as
 * Money (checked), `createdAt`/`updatedAt` as Dates. The document is trusted to be of type `T`.
 */
export function fromJson<T>(json: unknown): T {
  return load(json, '') as T;
}

function load(v: unknown, at: string): unknown {
  if (Array.isArray(v)) return v.map((x, i) => load(x, `${at}.${i}`));
  if (v !== null && typeof v === 'object') {
    if (isStoredMoney(v)) {
      if (!MINOR_UNITS.test(v.amountMinor)) throw new TypeError(`${at}.amountMinor: "${v.amountMinor}" is not whole minor units`);
      return money(BigInt(v.amountMinor), parseCurrency(v.currency, `${at}.currency`));
    }
    return Object.fromEntries(
      Object.entries(v).map(([k, x]) => {
        const path = at ? `${at}.${k}` : k;
        if (INSTANT_KEYS.has(k) && typeof x === 'string') {
          const date = new Date(x);
          if (Number.isNaN(date.getTime())) throw new TypeError(`${path}: "${x}" is not an instant`);
          return [k, date];
        }
        return [k, load(x, path)];
      }),
    );
  }
  return v;
}
