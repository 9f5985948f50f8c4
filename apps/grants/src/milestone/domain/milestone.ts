import { firstVersion, isLocalDate, LocalDate, nextVersion, RuleViolation, Versioned } from '@intercity/domain';
import { fact, Fact, Outcome, unchanged } from '../../shared/domain/fact';
import type { SubGrant } from '../../sub-grant/domain/sub-grant';

/**
 * Milestones of a sub-grant's action plan: due dates, the evidence that they were reached, and a
 * flag when one slips. Tranches may wait for named milestones (by key).
 */

export const MILESTONE_STATUSES = ['planned', 'reached', 'cancelled'] as const;
export type MilestoneStatus = (typeof MILESTONE_STATUSES)[number];

export interface Evidence {
  documentRef: string;
  description: string;
  addedBy: string;
  addedOn: LocalDate;
}

export interface Milestone extends Versioned {
  id: string;
  subGrantId: string;
  programmeId: string;
  memberId: string;
  /** Stable name a tranche's conditions refer to, e.g. 'stakeholder-workshop'. */
  key: string;
  title: string;
  dueOn: LocalDate;
  /** When the city now expects to reach it, if it told us. */
  forecastOn: LocalDate | null;
  status: MilestoneStatus;
  evidence: Evidence[];
  reachedOn: LocalDate | null;
  note: string | null;
}

export type MilestonePlanned = Fact<'grants.milestone.planned', { milestone: Milestone }>;
export type MilestoneEvidenceAdded = Fact<'grants.milestone.evidence-added', { subGrantId: string; key: string; evidence: Evidence }>;
export type MilestoneReached = Fact<'grants.milestone.reached', { subGrantId: string; key: string; reachedOn: LocalDate; dueOn: LocalDate }>;
export type MilestoneRescheduled = Fact<'grants.milestone.rescheduled', { subGrantId: string; key: string; from: LocalDate; to: LocalDate; reason: string }>;
export type MilestoneForecast = Fact<'grants.milestone.forecast-changed', { subGrantId: string; key: string; forecastOn: LocalDate | null }>;
export type MilestoneCancelled = Fact<'grants.milestone.cancelled', { subGrantId: string; key: string; reason: string }>;
export type MilestoneFact = MilestonePlanned | MilestoneEvidenceAdded | MilestoneReached | MilestoneRescheduled | MilestoneForecast | MilestoneCancelled;

const text = (value: string, field: string, rule: string): string => {
  const trimmed = value.trim();
  if (!trimmed) throw RuleViolation.invalid(rule, field, 'must not be empty');
  return trimmed;
};

function date(value: LocalDate, field: string): LocalDate {
  if (!isLocalDate(value)) throw RuleViolation.invalid('period.date', field, 'must be a date (YYYY-MM-DD)');
  return value;
}

const KEY = /^[a-z0-9][a-z0-9-]*$/;

export function planMilestone(
  sg: SubGrant,
  existing: readonly Milestone[],
  id: string,
  input: { key: string; title: string; dueOn: LocalDate },
  now: Date,
): Outcome<Milestone, MilestoneFact> {
  if (sg.status === 'closed' || sg.status === 'terminated') throw RuleViolation.conflict('sub-grant.final-status', `the sub-grant is ${sg.status}`);
  if (!KEY.test(input.key)) throw RuleViolation.invalid('milestone.key', 'key', 'lower-case letters, digits and hyphens, e.g. "stakeholder-workshop"');
  if (existing.some((m) => m.subGrantId === sg.id && m.key === input.key)) throw RuleViolation.conflict('milestone.key-duplicate', `the sub-grant has a milestone "${input.key}" already`, 'key');
  const dueOn = date(input.dueOn, 'dueOn');
  if (dueOn < sg.period.from || dueOn > sg.period.to) throw RuleViolation.unprocessable('milestone.due-outside-period', 'dueOn', `must lie within ${sg.period.from}..${sg.period.to}`);
  const milestone: Milestone = {
    id,
    subGrantId: sg.id,
    programmeId: sg.programmeId,
    memberId: sg.memberId,
    key: input.key,
    title: text(input.title, 'title', 'milestone.title'),
    dueOn,
    forecastOn: null,
    status: 'planned',
    evidence: [],
    reachedOn: null,
    note: null,
    ...firstVersion(now),
  };
  return { state: milestone, facts: [fact('grants.milestone.planned', 'milestone', milestone, { milestone })] };
}

function checkPlanned(m: Milestone): void {
  if (m.status !== 'planned') throw RuleViolation.conflict('milestone.status', `the milestone is ${m.status}`);
}

export function addEvidence(m: Milestone, input: { documentRef: string; description: string }, by: string, on: LocalDate, now: Date): Outcome<Milestone, MilestoneFact> {
  if (m.status === 'cancelled') throw RuleViolation.conflict('milestone.status', 'the milestone is cancelled');
  const evidence: Evidence = {
    documentRef: text(input.documentRef, 'documentRef', 'milestone.evidence-document'),
    description: text(input.description, 'description', 'milestone.evidence-description'),
    addedBy: by,
    addedOn: date(on, 'on'),
  };
  if (m.evidence.some((e) => e.documentRef === evidence.documentRef)) return unchanged(m);
  const state = nextVersion(m, { evidence: [...m.evidence, evidence] }, now);
  return { state, facts: [fact('grants.milestone.evidence-added', 'milestone', state, { subGrantId: m.subGrantId, key: m.key, evidence })] };
}

/** Reached, on the strength of its evidence. */
export function markReached(m: Milestone, reachedOn: LocalDate, now: Date): Outcome<Milestone, MilestoneFact> {
  if (m.status === 'reached') return unchanged(m);
  checkPlanned(m);
  date(reachedOn, 'reachedOn');
  if (m.evidence.length === 0) throw RuleViolation.conflict('milestone.evidence-required', 'add evidence before marking the milestone reached');
  const state = nextVersion(m, { status: 'reached', reachedOn, forecastOn: null }, now);
  return { state, facts: [fact('grants.milestone.reached', 'milestone', state, { subGrantId: m.subGrantId, key: m.key, reachedOn, dueOn: m.dueOn })] };
}

/** The city's own expectation; a forecast after the due date flags the milestone as slipping. */
export function forecastMilestone(m: Milestone, forecastOn: LocalDate | null, now: Date): Outcome<Milestone, MilestoneFact> {
  checkPlanned(m);
  if (forecastOn !== null) date(forecastOn, 'forecastOn');
  if (forecastOn === m.forecastOn) return unchanged(m);
  const state = nextVersion(m, { forecastOn }, now);
  return { state, facts: [fact('grants.milestone.forecast-changed', 'milestone', state, { subGrantId: m.subGrantId, key: m.key, forecastOn })] };
}

/** The officer agrees a new due date (the slipping flag then counts from it). */
export function rescheduleMilestone(m: Milestone, sg: SubGrant, dueOn: LocalDate, reason: string, now: Date): Outcome<Milestone, MilestoneFact> {
  checkPlanned(m);
  date(dueOn, 'dueOn');
  if (dueOn === m.dueOn) return unchanged(m);
  if (dueOn < sg.period.from || dueOn > sg.period.to) throw RuleViolation.unprocessable('milestone.due-outside-period', 'dueOn', `must lie within ${sg.period.from}..${sg.period.to}`);
  const why = text(reason, 'reason', 'milestone.reason');
  const state = nextVersion(m, { dueOn, note: why }, now);
  return { state, facts: [fact('grants.milestone.rescheduled', 'milestone', state, { subGrantId: m.subGrantId, key: m.key, from: m.dueOn, to: dueOn, reason: why })] };
}

export function cancelMilestone(m: Milestone, reason: string, now: Date): Outcome<Milestone, MilestoneFact> {
  if (m.status === 'cancelled') return unchanged(m);
  checkPlanned(m);
  const why = text(reason, 'reason', 'milestone.reason');
  const state = nextVersion(m, { status: 'cancelled', note: why }, now);
  return { state, facts: [fact('grants.milestone.cancelled', 'milestone', state, { subGrantId: m.subGrantId, key: m.key, reason: why })] };
}

/** Not reached and either past its due date or forecast to miss it. */
/** What the watch reads of a milestone. */
export type MilestoneFigures = Pick<Milestone, 'id' | 'subGrantId' | 'key' | 'title' | 'dueOn' | 'forecastOn' | 'status'>;

export function isSlipping(m: Pick<Milestone, 'status' | 'dueOn' | 'forecastOn'>, today: LocalDate): boolean {
  return m.status === 'planned' && (today > m.dueOn || (m.forecastOn !== null && m.forecastOn > m.dueOn));
}
