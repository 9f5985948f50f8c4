import {
  Emission,
  EventDefinition,
  ExperienceLevel,
  Outcome,
  PairingAccepted,
  PairingAgreed,
  PairingCancelled,
  PairingClosed,
  PairingProposed,
  PairingReported,
  PairingScheduled,
  PairingStateV1,
  PairingStatus,
  VisitChangedV1,
  VisitDone,
  VisitorsChanged,
  VisitProgrammeUpdated,
  VisitReportSubmitted,
  VisitRescheduled,
  VisitScheduled,
  VisitStatus,
  emission,
  unchanged,
} from '@intercity/contracts';
import { addDays, firstVersion, LocalDate, nextVersion, present, RuleViolation, Versioned } from '@intercity/domain';

export interface ProgrammeItem {
  day: LocalDate;
  time: string;
  place: string;
  hostContactId: string | null;
  topic: string;
}

export interface VisitReport {
  submittedAt: Date;
  submittedBy: string;
  learnt: string;
  adaptations: string;
  attachments: string[];
}

export interface Visit {
  id: string;
  number: 1 | 2;
  hostMemberId: string;
  visitingMemberId: string;
  /** The host's time zone: the visit's dates are local dates there. */
  timeZone: string;
  status: VisitStatus;
  startsOn: LocalDate | null;
  endsOn: LocalDate | null;
  /** The host's working days the visit covers (five). */
  days: LocalDate[];
  visitorIds: string[];
  programme: ProgrammeItem[];
  reportDueOn: LocalDate | null;
  report: VisitReport | null;
}

export interface Pairing extends Versioned {
  id: string;
  networkId: string;
  projectId: string;
  communityId: string;
  mentoringMemberId: string;
  implementingMemberId: string;
  rolesReason: string | null;
  status: PairingStatus;
  acceptedBy: string[];
  maxVisitors: number;
  minGapDays: number;
  visitOneReportRequired: boolean;
  reportDueDays: number;
  cancelReason: string | null;
  visits: [Visit, Visit];
}

/** A city as the pairing rules need it: its community and project standing, its time zone. */
export interface CandidateCity {
  memberId: string;
  kind: string;
  timeZone: string;
  inCommunity: boolean;
  /** Its experience level in the project; undefined when it takes no part in the project now. */
  experienceLevel: ExperienceLevel | null | undefined;
}

export interface CommunityOfPairing {
  id: string;
  networkId: string;
  projectId: string;
}

export interface ProposeInput {
  mentoring: CandidateCity;
  implementing: CandidateCity;
  /** An admin's reason for roles other than the cities' experience levels. */
  rolesReason?: string | null;
  maxVisitors?: number;
  minGapDays?: number;
  visitOneReportRequired?: boolean;
  reportDueDays?: number;
}

export const PAIRING_DEFAULTS = { maxVisitors: 4, minGapDays: 14, visitOneReportRequired: false, reportDueDays: 14 } as const;

export interface VisitIds {
  pairingId: string;
  visitOneId: string;
  visitTwoId: string;
}

type PairingOutcome = Outcome<Pairing>;

export function proposePairing(ids: VisitIds, community: CommunityOfPairing, input: ProposeInput, now: Date): PairingOutcome {
  const { mentoring, implementing } = input;
  if (mentoring.memberId === implementing.memberId) {
    throw RuleViolation.unprocessable('pairing.same-city', 'implementingMemberId', 'a city cannot be paired with itself');
  }
  for (const [city, field] of [
    [mentoring, 'mentoringMemberId'],
    [implementing, 'implementingMemberId'],
  ] as const) {
    if (city.kind !== 'city' && city.kind !== 'county' && city.kind !== 'city-district') {
      throw RuleViolation.unprocessable('pairing.is-city', field, `member ${city.memberId} is a ${city.kind}, not a city`);
    }
    if (!city.inCommunity) {
      throw RuleViolation.unprocessable('pairing.same-community', field, `member ${city.memberId} is not a city of community ${community.id}`);
    }
    if (city.experienceLevel === undefined) {
      throw RuleViolation.unprocessable('pairing.in-project', field, `member ${city.memberId} takes no part in the community's project now`);
    }
  }
  const rolesReason = input.rolesReason?.trim() || null;
  if (!rolesReason) {
    if (mentoring.experienceLevel !== 'mentoring') {
      throw RuleViolation.unprocessable('pairing.roles-follow-experience', 'mentoringMemberId', `member ${mentoring.memberId} is not a mentoring city in the project; give rolesReason to pair it so anyway`);
    }
    if (implementing.experienceLevel !== 'implementing') {
      throw RuleViolation.unprocessable('pairing.roles-follow-experience', 'implementingMemberId', `member ${implementing.memberId} is not an implementing city in the project; give rolesReason to pair it so anyway`);
    }
  }
  const settings = { ...PAIRING_DEFAULTS, ...defined(input) };
  checkSettings(settings);
  const visit = (id: string, number: 1 | 2, host: CandidateCity, visiting: CandidateCity): Visit => ({
    id,
    number,
    hostMemberId: host.memberId,
    visitingMemberId: visiting.memberId,
    timeZone: host.timeZone,
    status: 'planned',
    startsOn: null,
    endsOn: null,
    days: [],
    visitorIds: [],
    programme: [],
    reportDueOn: null,
    report: null,
  });
  const pairing: Pairing = {
    id: ids.pairingId,
    networkId: community.networkId,
    projectId: community.projectId,
    communityId: community.id,
    mentoringMemberId: mentoring.memberId,
    implementingMemberId: implementing.memberId,
    rolesReason,
    status: 'proposed',
    acceptedBy: [],
    maxVisitors: settings.maxVisitors,
    minGapDays: settings.minGapDays,
    visitOneReportRequired: settings.visitOneReportRequired,
    reportDueDays: settings.reportDueDays,
    cancelReason: null,
    // Visit one: the implementing city's staff learn at the mentoring city; visit two: the
    // mentoring city's staff help adapt it at the implementing city.
    visits: [visit(ids.visitOneId, 1, mentoring, implementing), visit(ids.visitTwoId, 2, implementing, mentoring)],
    ...firstVersion(now),
  };
  return { state: pairing, events: [pairingEvent(PairingProposed, pairing)] };
}

function defined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== null)) as Partial<T>;
}

function checkSettings(s: { maxVisitors: number; minGapDays: number; reportDueDays: number }): void {
  if (!Number.isInteger(s.maxVisitors) || s.maxVisitors < 1 || s.maxVisitors > 50) {
    throw RuleViolation.invalid('pairing.max-visitors', 'maxVisitors', 'a visit takes 1 to 50 visitors');
  }
  if (!Number.isInteger(s.minGapDays) || s.minGapDays < 0 || s.minGapDays > 365) {
    throw RuleViolation.invalid('pairing.min-gap-days', 'minGapDays', 'the gap between the visits is 0 to 365 days');
  }
  if (!Number.isInteger(s.reportDueDays) || s.reportDueDays < 0 || s.reportDueDays > 365) {
    throw RuleViolation.invalid('pairing.report-due-days', 'reportDueDays', 'a report falls due 0 to 365 days after its visit');
  }
}

/** A liaison accepts for their city; once both cities have, the pairing is agreed. */
export function acceptPairing(p: Pairing, memberId: string, now: Date): PairingOutcome {
  if (memberId !== p.mentoringMemberId && memberId !== p.implementingMemberId) {
    throw RuleViolation.unprocessable('pairing.accept-own-city', 'memberId', `member ${memberId} is not one of the pairing's cities`);
  }
  if (p.acceptedBy.includes(memberId)) return unchanged(p);
  requireStatus(p, ['proposed'], 'pairing.accept-when-proposed');
  const acceptedBy = [...p.acceptedBy, memberId];
  const both = acceptedBy.length === 2;
  const state = nextVersion(p, { acceptedBy, status: both ? 'agreed' : 'proposed' }, now);
  const events = [pairingEvent(PairingAccepted, state)];
  if (both) events.push(pairingEvent(PairingAgreed, state));
  return { state, events };
}

export interface ScheduledDates {
  start: LocalDate;
  end: LocalDate;
  days: LocalDate[];
}

/**
 * Dates both visits (already checked against the hosts' calendars and the visitors' other
 * commitments) are set to. A visit already done keeps its dates.
 */
export function scheduleVisits(p: Pairing, dates: { visitOne: ScheduledDates; visitTwo: ScheduledDates }, today: LocalDate, now: Date): PairingOutcome {
  requireStatus(p, ['agreed', 'scheduled', 'visit-one-done'], 'pairing.schedule-when-agreed');
  const wanted = [dates.visitOne, dates.visitTwo] as const;
  const changed: (1 | 2)[] = [];
  const visits = p.visits.map((v, i) => {
    const d = wanted[i];
    if (v.startsOn === d.start && v.endsOn === d.end) return v;
    if (v.status !== 'planned' && v.status !== 'scheduled') {
      throw RuleViolation.conflict('visit.done-keeps-dates', `visit ${v.number} has taken place; its dates stay`, `visit${v.number === 1 ? 'One' : 'Two'}.start`);
    }
    if (d.start < today) {
      throw RuleViolation.unprocessable('visit.not-in-past', `visit${v.number === 1 ? 'One' : 'Two'}.start`, `visit ${v.number} cannot start in the past (${d.start})`);
    }
    changed.push(v.number);
    return { ...v, status: 'scheduled' as const, startsOn: d.start, endsOn: d.end, days: [...d.days], reportDueOn: addDays(d.end, p.reportDueDays) };
  }) as [Visit, Visit];
  if (!changed.length) return unchanged(p);
  const status: PairingStatus = p.status === 'agreed' ? 'scheduled' : p.status;
  const state = nextVersion(p, { visits, status }, now);
  const events: Emission[] = changed.map((n) => visitEvent(p.visits[n - 1].startsOn ? VisitRescheduled : VisitScheduled, state, n));
  if (p.status === 'agreed') events.push(pairingEvent(PairingScheduled, state));
  return { state, events };
}

export interface VisitorCandidate {
  personId: string;
  memberId: string;
}

/** Who goes: people of the visiting city, at least one and no more than the pairing allows. */
export function setVisitors(p: Pairing, n: 1 | 2, people: readonly VisitorCandidate[], now: Date): PairingOutcome {
  requireOpen(p);
  const visit = p.visits[n - 1];
  requireVisitStatus(visit, ['planned', 'scheduled'], 'visit.visitors-before-done');
  if (people.length < 1) throw RuleViolation.invalid('visit.visitors-min', 'personIds', 'a visit needs at least one visitor');
  if (people.length > p.maxVisitors) throw RuleViolation.invalid('visit.visitors-max', 'personIds', `this pairing takes at most ${p.maxVisitors} visitors per visit`);
  const ids = new Set<string>();
  people.forEach((person, i) => {
    if (ids.has(person.personId)) throw RuleViolation.invalid('visit.visitors-unique', `personIds[${i}]`, `person ${person.personId} is named twice`);
    ids.add(person.personId);
    if (person.memberId === visit.hostMemberId) {
      throw RuleViolation.unprocessable('visit.visitor-not-from-host', `personIds[${i}]`, `person ${person.personId} works for the host city; visitors come from the visiting city`);
    }
    if (person.memberId !== visit.visitingMemberId) {
      throw RuleViolation.unprocessable('visit.visitor-from-visiting-city', `personIds[${i}]`, `person ${person.personId} is not staff of the visiting city`);
    }
  });
  const visitorIds = people.map((v) => v.personId).sort();
  if (sameMembers(visitorIds, visit.visitorIds)) return unchanged(p);
  const state = withVisit(p, n, { visitorIds }, now);
  return { state, events: [visitEvent(VisitorsChanged, state, n)] };
}

/** A person erased at home leaves every visit not yet held. */
export function dropVisitor(p: Pairing, personId: string, now: Date): PairingOutcome {
  if (!p.visits.some((v) => v.visitorIds.includes(personId) && (v.status === 'planned' || v.status === 'scheduled'))) return unchanged(p);
  const visits = p.visits.map((v) =>
    v.status === 'planned' || v.status === 'scheduled' ? { ...v, visitorIds: v.visitorIds.filter((id) => id !== personId) } : v,
  ) as [Visit, Visit];
  const state = nextVersion(p, { visits }, now);
  const changed = p.visits.filter((v, i) => v.visitorIds.length !== visits[i].visitorIds.length).map((v) => v.number);
  return { state, events: changed.map((n) => visitEvent(VisitorsChanged, state, n)) };
}

/** The host's day-by-day programme: every item on a day of the visit. */
export function setProgramme(p: Pairing, n: 1 | 2, items: readonly ProgrammeItem[], now: Date): PairingOutcome {
  requireOpen(p);
  const visit = p.visits[n - 1];
  requireVisitStatus(visit, ['scheduled'], 'visit.programme-when-scheduled');
  items.forEach((item, i) => {
    if (!visit.startsOn || !visit.endsOn || item.day < visit.startsOn || item.day > visit.endsOn) {
      throw RuleViolation.unprocessable('visit.programme-day', `items[${i}].day`, `${item.day} is not a day of visit ${n} (${visit.startsOn} to ${visit.endsOn})`);
    }
  });
  const programme = [...items].sort((a, b) => (a.day + a.time < b.day + b.time ? -1 : a.day + a.time > b.day + b.time ? 1 : 0));
  const state = withVisit(p, n, { programme }, now);
  return { state, events: [visitEvent(VisitProgrammeUpdated, state, n)] };
}

/** The host says the visit took place: after its last day, in order, with its visitors. */
export function markVisitDone(p: Pairing, n: 1 | 2, today: LocalDate, now: Date): PairingOutcome {
  requireOpen(p);
  const visit = p.visits[n - 1];
  if (visit.status === 'done' || visit.status === 'reported') return unchanged(p);
  requireVisitStatus(visit, ['scheduled'], 'visit.done-when-scheduled');
  if (!visit.endsOn || visit.endsOn > today) throw RuleViolation.conflict('visit.done-after-last-day', `visit ${n} ends on ${visit.endsOn}; it can be marked done from then on`);
  if (!visit.visitorIds.length) throw RuleViolation.conflict('visit.done-with-visitors', `visit ${n} had no visitors named`);
  if (n === 2) {
    const one = p.visits[0];
    if (one.status !== 'done' && one.status !== 'reported') throw RuleViolation.conflict('visit.order', 'visit two takes place after visit one');
    if (p.visitOneReportRequired && !one.report) {
      throw RuleViolation.conflict('visit.report-one-required', "this pairing requires visit one's report before visit two");
    }
  }
  const state = withVisit(p, n, { status: 'done' }, now, n === 1 ? 'visit-one-done' : 'visit-two-done');
  return { state, events: [visitEvent(VisitDone, state, n)] };
}

export interface ReportInput {
  learnt: string;
  adaptations: string;
  attachments: string[];
  submittedBy: string;
}

/** The visitors' report, once the visit is done; both reports in make the pairing reported. */
export function submitReport(p: Pairing, n: 1 | 2, input: ReportInput, now: Date): PairingOutcome {
  requireOpen(p);
  const visit = p.visits[n - 1];
  if (visit.status === 'reported') throw RuleViolation.conflict('visit.report-once', `visit ${n}'s report was submitted on ${visit.report?.submittedAt.toISOString()}`);
  requireVisitStatus(visit, ['done'], 'visit.report-after-visit');
  const report: VisitReport = { ...input, attachments: [...input.attachments], submittedAt: now };
  const bothIn = p.visits.every((v) => v.number === n || v.status === 'reported');
  const state = withVisit(p, n, { status: 'reported', report }, now, bothIn && p.status === 'visit-two-done' ? 'reported' : undefined);
  const events: Emission[] = [visitEvent(VisitReportSubmitted, state, n)];
  if (state.status === 'reported') events.push(pairingEvent(PairingReported, state));
  return { state, events };
}

export function closePairing(p: Pairing, now: Date): PairingOutcome {
  if (p.status === 'closed') return unchanged(p);
  requireStatus(p, ['reported'], 'pairing.close-when-reported');
  const state = nextVersion(p, { status: 'closed' }, now);
  return { state, events: [pairingEvent(PairingClosed, state)] };
}

export function cancelPairing(p: Pairing, reason: string, now: Date): PairingOutcome {
  if (p.status === 'cancelled') return unchanged(p);
  requireStatus(p, ['proposed', 'agreed', 'scheduled', 'visit-one-done', 'visit-two-done'], 'pairing.cancel-before-reported');
  if (!reason.trim()) throw RuleViolation.invalid('pairing.cancel-reason', 'reason', 'a cancellation needs a reason');
  const state = nextVersion(p, { status: 'cancelled', cancelReason: reason.trim() }, now);
  return { state, events: [pairingEvent(PairingCancelled, state)] };
}

/** The visits whose dates still count against their visitors' other commitments. */
export const visitsAhead = (p: Pairing): Visit[] =>
  p.status === 'cancelled' ? [] : p.visits.filter((v) => v.startsOn && (v.status === 'scheduled' || v.status === 'planned'));

function withVisit(p: Pairing, n: 1 | 2, changes: Partial<Visit>, now: Date, status?: PairingStatus): Pairing {
  const visits = p.visits.map((v) => (v.number === n ? { ...v, ...changes } : v)) as [Visit, Visit];
  return nextVersion(p, { visits, ...(status && { status }) }, now);
}

function requireStatus(p: Pairing, allowed: readonly PairingStatus[], rule: string): void {
  if (!allowed.includes(p.status)) throw RuleViolation.conflict(rule, `the pairing is ${p.status}; this needs it ${allowed.join(' or ')}`);
}

function requireOpen(p: Pairing): void {
  if (p.status === 'cancelled' || p.status === 'closed') throw RuleViolation.conflict('pairing.open', `the pairing is ${p.status}`);
  if (p.status === 'proposed') throw RuleViolation.conflict('pairing.agreed-first', 'both cities accept the pairing first');
}

function requireVisitStatus(v: Visit, allowed: readonly VisitStatus[], rule: string): void {
  if (!allowed.includes(v.status)) throw RuleViolation.conflict(rule, `visit ${v.number} is ${v.status}; this needs it ${allowed.join(' or ')}`);
}

const sameMembers = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x, i) => x === b[i]);

export function pairingState(p: Pairing): PairingStateV1 {
  return present({
    pairingId: p.id,
    networkId: p.networkId,
    projectId: p.projectId,
    communityId: p.communityId,
    mentoringMemberId: p.mentoringMemberId,
    implementingMemberId: p.implementingMemberId,
    rolesReason: p.rolesReason,
    status: p.status,
    acceptedBy: [...p.acceptedBy],
    maxVisitors: p.maxVisitors,
    minGapDays: p.minGapDays,
    visitOneReportRequired: p.visitOneReportRequired,
    reportDueDays: p.reportDueDays,
    cancelReason: p.cancelReason,
    visits: p.visits.map((v) =>
      present({
        visitId: v.id,
        number: v.number,
        hostMemberId: v.hostMemberId,
        visitingMemberId: v.visitingMemberId,
        timeZone: v.timeZone,
        status: v.status,
        startsOn: v.startsOn,
        endsOn: v.endsOn,
        days: [...v.days],
        visitorIds: [...v.visitorIds],
        programme: v.programme.map((item) => present({ ...item })),
        reportDueOn: v.reportDueOn,
        report: v.report && { ...v.report, submittedAt: v.report.submittedAt.toISOString(), attachments: [...v.report.attachments] },
      }),
    ),
  }) as PairingStateV1;
}

const pairingEvent = (def: EventDefinition<PairingStateV1>, p: Pairing) => emission(def, p, pairingState(p));
const visitEvent = (def: EventDefinition<VisitChangedV1>, p: Pairing, n: 1 | 2) => emission(def, p, { ...pairingState(p), visitNumber: n });
