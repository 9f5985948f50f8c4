import type {
  ActivityStateV1,
  CertificateIssuedV1,
  EventEnvelope,
  ExpenditureReportStateV1,
  MilestoneSlippingV1,
  PairingStateV1,
  RegistrationStateV1,
  ReportDueV1,
  VisitChangedV1,
  VisitStateV1,
} from '@intercity/contracts';
import {
  ActivityCancelled,
  ActivityRescheduled,
  ActivityUpdated,
  CertificateIssued,
  EXCHANGES_EVENTS,
  ExpenditureReportSubmitted,
  CityReportResubmitted,
  CityReportStateV1,
  CityReportSubmitted,
  MilestoneSlipping,
  RegistrationCancelled,
  RegistrationConfirmed,
  RegistrationOffered,
  RegistrationOfferExpired,
  RegistrationWaitlisted,
  ReportDueSoon,
  ReportOverdue,
} from '@intercity/contracts';
import { addDays, CurrencyCode, formatMoney, instantAt, isCurrencyCode, money, startOfLocalDay, sumMoney } from '@intercity/domain';
import type { Intent, Recipient, ReminderPlan, TemplateValue } from '../../notification/domain/intent';
import type { NotificationKind } from '../../notification/domain/vocabulary';

/**
 * Who is who, read from the service's copies (people, members, activities, registrations). The
 * rules ask; the service answers from its own tables, so no rule needs another service up.
 */
export interface Audience {
  /** The person, or null when the copy does not know them (or they were erased). */
  person(personId: string): Promise<Recipient | null>;
  /** The people of a city whose functions include 'city-liaison'. */
  liaisons(memberId: string): Promise<Recipient[]>;
  /** The people holding a confirmed, offered or waitlisted registration for the activity. */
  registrants(activityId: string): Promise<Recipient[]>;
  /**
   * The network's grant officers. The directory has no grant-officer function: people are told
   * of submitted reports when their functions include 'coordinator' and their organisation is a
   * member of that network (the coordinating organisation's staff act as grant officers).
   */
  coordinators(networkId: string): Promise<Recipient[]>;
  /** A member's display name, for "your exchange with Kreis Offenbach"; null when unknown. */
  memberName(memberId: string): Promise<string | null>;
  /** An activity's title from the copy; null when unknown. */
  activityTitle(activityId: string): Promise<string | null>;
}

type Facts = Record<string, TemplateValue>;

/** One intent per person and kind for an event: the key makes a redelivery tell nobody twice. */
function intentsTo(
  event: Pick<EventEnvelope<object>, 'id' | 'occurredAt'>,
  kind: NotificationKind,
  recipients: readonly (Recipient | null)[],
  subject: Intent['subject'],
  networkId: string,
  facts: (r: Recipient) => Facts,
): Intent[] {
  const seen = new Set<string>();
  const out: Intent[] = [];
  for (const r of recipients) {
    if (!r || seen.has(r.personId)) continue;
    seen.add(r.personId);
    out.push({
      key: `${event.id}:${kind}:${r.personId}`,
      kind,
      personId: r.personId,
      networkId,
      memberId: r.memberId,
      subject,
      facts: facts(r),
      eventId: event.id,
      occurredAt: event.occurredAt,
    });
  }
  return out;
}

const orNull = <T extends TemplateValue>(v: T | undefined): T | null => v ?? null;

function visitOf(p: PairingStateV1, n: 1 | 2): VisitStateV1 | undefined {
  return p.visits.find((v) => v.number === n);
}

// ---------------------------------------------------------------------------------------------
// exchanges: both cities' liaisons hear of every change to their pairing or its visits
// ---------------------------------------------------------------------------------------------

// Every exchanges event carries the whole pairing: each is a change its cities hear of.
const EXCHANGE_TYPES: ReadonlySet<string> = new Set(EXCHANGES_EVENTS.filter((d) => d.aggregateType === 'pairing').map((d) => d.type));

function visitFacts(prefix: string, v: VisitStateV1 | undefined): Facts {
  return {
    [`${prefix}Status`]: v?.status ?? null,
    [`${prefix}StartsOn`]: orNull(v?.startsOn),
    [`${prefix}EndsOn`]: orNull(v?.endsOn),
    [`${prefix}HostCityId`]: v?.hostMemberId ?? null,
    [`${prefix}Visitors`]: v ? v.visitorIds.length : 0,
  };
}

async function exchangeChanged(event: EventEnvelope<object>, audience: Audience): Promise<Intent[]> {
  const p = event.data as PairingStateV1 | VisitChangedV1;
  const visitNumber = 'visitNumber' in p ? p.visitNumber : null;
  const cities = [
    { id: p.mentoringMemberId, role: 'mentoring', other: p.implementingMemberId },
    { id: p.implementingMemberId, role: 'implementing', other: p.mentoringMemberId },
  ] as const;
  const changed = visitNumber ? visitOf(p, visitNumber) : undefined;
  const common: Facts = {
    // `pairing.agreed`, `visit.rescheduled`…: what the template says happened.
    change: event.type.slice(event.type.indexOf('.') + 1),
    pairingId: p.pairingId,
    pairingStatus: p.status,
    cancelReason: orNull(p.cancelReason),
    visitNumber,
    visitStartsOn: orNull(changed?.startsOn),
    visitEndsOn: orNull(changed?.endsOn),
    ...visitFacts('visitOne', visitOf(p, 1)),
    ...visitFacts('visitTwo', visitOf(p, 2)),
  };
  const out: Intent[] = [];
  for (const city of cities) {
    const [liaisons, otherCityName] = await Promise.all([audience.liaisons(city.id), audience.memberName(city.other)]);
    out.push(
      ...intentsTo(event, 'exchange-changed', liaisons, { type: 'pairing', id: p.pairingId }, p.networkId, () => ({
        ...common,
        cityId: city.id,
        cityRole: city.role,
        otherCityId: city.other,
        otherCityName,
      })),
    );
  }
  // A person liaising for both cities (a consultant, say) is told once.
  const byKey = new Map<string, Intent>();
  for (const i of out) if (!byKey.has(i.key)) byKey.set(i.key, i);
  return [...byKey.values()];
}

// ---------------------------------------------------------------------------------------------
// practice
// ---------------------------------------------------------------------------------------------

async function activityChanged(event: EventEnvelope<object>, audience: Audience): Promise<Intent[]> {
  const a = event.data as ActivityStateV1;
  const sessions = [...a.sessions].sort((x, y) => x.startsAt.localeCompare(y.startsAt));
  const days = [...a.days].sort();
  const facts: Facts = {
    change: event.type.slice(event.type.lastIndexOf('.') + 1),
    activityId: a.activityId,
    title: a.title,
    activityKind: a.kind,
    status: a.status,
    timeZone: a.timeZone,
    firstDay: orNull(days[0]),
    lastDay: orNull(days[days.length - 1]),
    days: days.join(', '),
    startsAt: orNull(sessions[0]?.startsAt),
    endsAt: orNull(sessions[sessions.length - 1]?.endsAt),
    sessions: sessions.length,
    place: orNull(a.place),
    onlineUrl: orNull(a.onlineUrl),
    cancellationReason: orNull(a.cancellationReason),
  };
  return intentsTo(event, 'activity-changed', await audience.registrants(a.activityId), { type: 'activity', id: a.activityId }, a.networkId, () => facts);
}

async function registrationChanged(event: EventEnvelope<object>, audience: Audience): Promise<Intent[]> {
  const r = event.data as RegistrationStateV1;
  // An erased person is not written to about their erasure.
  if (r.cancelReason === 'person-erased') return [];
  const offered = event.type === RegistrationOffered.type;
  const [person, title] = await Promise.all([audience.person(r.personId), audience.activityTitle(r.activityId)]);
  const facts: Facts = {
    change: event.type.slice(event.type.lastIndexOf('.') + 1),
    registrationId: r.registrationId,
    activityId: r.activityId,
    activityTitle: title,
    status: r.status,
    ...(offered
      ? { offeredAt: orNull(r.offeredAt), offerExpiresAt: orNull(r.offerExpiresAt) }
      : { confirmedAt: orNull(r.confirmedAt), endedAt: orNull(r.endedAt), cancelReason: orNull(r.cancelReason) }),
  };
  return intentsTo(event, offered ? 'seat-offered' : 'registration-changed', [person], { type: 'registration', id: r.registrationId }, r.networkId, () => facts);
}

/** 90 minutes → "1.5": hours as people read them, from whole minutes. */
function hours(minutes: number): string {
  const whole = Math.floor(minutes / 60);
  const rest = minutes % 60;
  if (rest === 0) return String(whole);
  return `${whole}.${String(Math.round((rest * 100) / 60)).padStart(2, '0')}`.replace(/0+$/, '');
}

async function certificateIssued(event: EventEnvelope<object>, audience: Audience): Promise<Intent[]> {
  const c = event.data as CertificateIssuedV1;
  const [person, title] = await Promise.all([
    audience.person(c.personId),
    c.activityIds.length === 1 ? audience.activityTitle(c.activityIds[0]) : Promise.resolve(null),
  ]);
  const facts: Facts = {
    certificateId: c.certificateId,
    activityTitle: title,
    activities: c.activityIds.length,
    attendedHours: hours(c.attendedMinutes),
    attendedMinutes: c.attendedMinutes,
    attendedSessions: c.attendedSessions,
    issuedOn: c.issuedOn,
    language: c.language,
  };
  return intentsTo(event, 'certificate-issued', [person], { type: 'certificate', id: c.certificateId }, c.networkId, () => facts);
}

// ---------------------------------------------------------------------------------------------
// grants
// ---------------------------------------------------------------------------------------------

function totalSpent(r: CityReportStateV1): { total: string | null; currency: string | null } {
  const currency = r.lines[0]?.amount.currency;
  if (!currency || !isCurrencyCode(currency) || r.lines.some((l) => l.amount.currency !== currency)) return { total: null, currency: orNull(currency) };
  const c: CurrencyCode = currency;
  return { total: formatMoney(sumMoney(c, r.lines.map((l) => money(BigInt(l.amount.amountMinor), c)))), currency };
}

async function reportSubmitted(event: EventEnvelope<object>, audience: Audience): Promise<Intent[]> {
  // The city's report (city-report), or the report as one aggregate as it was told before the split.
  const r = event.data as CityReportStateV1 | ExpenditureReportStateV1;
  const [officers, cityName] = await Promise.all([audience.coordinators(r.networkId), audience.memberName(r.memberId)]);
  const facts: Facts = {
    reportId: r.reportId,
    subGrantId: r.subGrantId,
    cityId: r.memberId,
    cityName,
    reportKind: r.kind,
    deadlineKey: r.deadlineKey,
    periodFrom: r.period.from,
    periodTo: r.period.to,
    submittedOn: r.submittedOn,
    revision: r.revision,
    resubmitted: r.revision > 1,
    ...totalSpent(r),
  };
  return intentsTo(event, 'report-submitted', officers, { type: 'expenditure-report', id: r.reportId }, r.networkId, () => facts);
}

async function reportDue(event: EventEnvelope<object>, audience: Audience): Promise<Intent[]> {
  const d = event.data as ReportDueV1;
  const kind: NotificationKind = event.type === ReportOverdue.type ? 'report-overdue' : 'report-due-soon';
  const [liaisons, cityName] = await Promise.all([audience.liaisons(d.memberId), audience.memberName(d.memberId)]);
  const facts: Facts = { subGrantId: d.subGrantId, cityId: d.memberId, cityName, deadlineKey: d.deadlineKey, dueOn: d.dueOn, foundOn: d.on };
  return intentsTo(event, kind, liaisons, { type: 'sub-grant', id: d.subGrantId }, d.networkId, () => facts);
}

async function milestoneSlipping(event: EventEnvelope<object>, audience: Audience): Promise<Intent[]> {
  const m = event.data as MilestoneSlippingV1;
  const [liaisons, cityName] = await Promise.all([audience.liaisons(m.memberId), audience.memberName(m.memberId)]);
  const facts: Facts = {
    milestoneId: m.milestoneId,
    milestoneKey: m.milestoneKey,
    subGrantId: m.subGrantId,
    cityId: m.memberId,
    cityName,
    dueOn: m.dueOn,
    forecastOn: orNull(m.forecastOn),
    foundOn: m.on,
  };
  return intentsTo(event, 'milestone-slipping', liaisons, { type: 'milestone', id: m.milestoneId }, m.networkId, () => facts);
}

type Rule = (event: EventEnvelope<object>, audience: Audience) => Promise<Intent[]>;

const RULES: ReadonlyMap<string, Rule> = new Map<string, Rule>([
  ...[...EXCHANGE_TYPES].map((t): [string, Rule] => [t, exchangeChanged]),
  ...[ActivityRescheduled, ActivityCancelled, ActivityUpdated].map((d): [string, Rule] => [d.type, activityChanged]),
  ...[RegistrationOffered, RegistrationConfirmed, RegistrationWaitlisted, RegistrationOfferExpired, RegistrationCancelled].map(
    (d): [string, Rule] => [d.type, registrationChanged],
  ),
  [CertificateIssued.type, certificateIssued],
  [ExpenditureReportSubmitted.type, reportSubmitted],
  [CityReportSubmitted.type, reportSubmitted],
  [CityReportResubmitted.type, reportSubmitted],
  [ReportDueSoon.type, reportDue],
  [ReportOverdue.type, reportDue],
  [MilestoneSlipping.type, milestoneSlipping],
]);

/** The event types some rule turns into notifications (the consumer may subscribe to just these). */
export const NOTIFYING_EVENT_TYPES: readonly string[] = [...RULES.keys()];

/**
 * Who to tell what of an event, one intent per person and kind. An event no rule speaks of tells
 * nobody. The payload is trusted to match its contract: the consumer validated it.
 */
export async function intentsFor(event: EventEnvelope<object>, audience: Audience): Promise<Intent[]> {
  const rule = RULES.get(event.type);
  return rule ? rule(event, audience) : [];
}

// ---------------------------------------------------------------------------------------------
// reminders
// ---------------------------------------------------------------------------------------------

/** Days before a visit's first day its visitors are reminded, and at what host-local time. */
export const VISIT_REMINDER_DAYS_BEFORE = 7;
export const VISIT_REMINDER_LOCAL_TIME = '09:00';

/** What a visit reminder needs when it fires, stored with it (reminders.payload). */
export interface ReminderPayload {
  type: 'visit-next-week';
  pairingId: string;
  networkId: string;
  visitId: string;
  visitNumber: 1 | 2;
  hostMemberId: string;
  visitingMemberId: string;
  /** The host's zone: the visit's days are local dates in it. */
  timeZone: string;
  startsOn: string;
  endsOn: string | null;
  visitorIds: string[];
  /** The programme's first item, so the reminder can say where to be. */
  firstItem: { day: string; time: string; place: string } | null;
}

export interface VisitReminderPlan extends ReminderPlan {
  kind: 'visit-next-week';
  /** Null when the reminder is cancelled. */
  payload: ReminderPayload | null;
}

export const visitReminderKey = (visitId: string): string => `visit-next-week:${visitId}`;

/** Visits whose dates still stand: the pairing goes on, the visit has not happened, it has dates. */
function upcoming(p: PairingStateV1, v: VisitStateV1): v is VisitStateV1 & { startsOn: string } {
  return p.status !== 'cancelled' && p.status !== 'closed' && (v.status === 'planned' || v.status === 'scheduled') && !!v.startsOn;
}

function visitPlan(event: EventEnvelope<object>, p: PairingStateV1, v: VisitStateV1): VisitReminderPlan {
  const base = { key: visitReminderKey(v.visitId), kind: 'visit-next-week' as const, eventId: event.id };
  if (!upcoming(p, v)) return { ...base, at: null, payload: null };
  const first = [...v.programme].sort((a, b) => `${a.day} ${a.time}`.localeCompare(`${b.day} ${b.time}`))[0];
  return {
    ...base,
    // 09:00 on the host's clock a week ahead: the same instant whichever node computes it.
    at: instantAt(addDays(v.startsOn, -VISIT_REMINDER_DAYS_BEFORE), VISIT_REMINDER_LOCAL_TIME, v.timeZone),
    payload: {
      type: 'visit-next-week',
      pairingId: p.pairingId,
      networkId: p.networkId,
      visitId: v.visitId,
      visitNumber: v.number,
      hostMemberId: v.hostMemberId,
      visitingMemberId: v.visitingMemberId,
      timeZone: v.timeZone,
      startsOn: v.startsOn,
      endsOn: v.endsOn ?? null,
      visitorIds: [...v.visitorIds],
      firstItem: first ? { day: first.day, time: first.time, place: first.place } : null,
    },
  };
}

/**
 * The reminders an event schedules, moves or cancels, from the event alone (every exchanges event
 * carries both visits): one plan per visit, keyed by the visit, so the latest event's plan wins.
 * `at` is always the ideal instant even when it has passed; the scheduler runs a past one at once
 * and `intentsForReminder` drops it if the visit has begun by then. A visit without dates, done,
 * or in a cancelled or closed pairing gets `at: null`. Other events plan nothing: activities have
 * no reminders of their own.
 */
export function remindersFor(event: EventEnvelope<object>): VisitReminderPlan[] {
  if (!EXCHANGE_TYPES.has(event.type)) return [];
  const p = event.data as PairingStateV1;
  return [...p.visits].sort((a, b) => a.number - b.number).map((v) => visitPlan(event, p, v));
}

/** A reminder as the scheduler hands it back when it fires. */
export interface FiredReminder {
  key: string;
  /** The event whose plan it carries: intents are keyed by it, so a moved visit reminds again. */
  eventId: string;
  at: Date;
  payload: ReminderPayload;
}

/**
 * The visitors of a visit starting next week, told when its reminder fires. Nothing once the visit
 * has begun in the host's zone (a reminder that was due while the scheduler was down).
 */
export async function intentsForReminder(reminder: FiredReminder, audience: Audience, now: Date): Promise<Intent[]> {
  const v = reminder.payload;
  if (now.getTime() >= startOfLocalDay(v.startsOn, v.timeZone).getTime()) return [];
  const [visitors, hostCityName] = await Promise.all([Promise.all(v.visitorIds.map((id) => audience.person(id))), audience.memberName(v.hostMemberId)]);
  const facts: Facts = {
    pairingId: v.pairingId,
    visitId: v.visitId,
    visitNumber: v.visitNumber,
    hostCityId: v.hostMemberId,
    hostCityName,
    timeZone: v.timeZone,
    startsOn: v.startsOn,
    endsOn: v.endsOn,
    firstDay: v.firstItem?.day ?? null,
    firstTime: v.firstItem?.time ?? null,
    firstPlace: v.firstItem?.place ?? null,
  };
  const source = { id: reminder.eventId, occurredAt: reminder.at.toISOString() };
  return intentsTo(source, 'visit-next-week', visitors, { type: 'pairing', id: v.pairingId }, v.networkId, () => facts);
}
