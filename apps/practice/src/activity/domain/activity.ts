import {
  ActivityCancelled,
  ActivityClosed,
  ActivityFilled,
  ActivityHeld,
  ActivityKind,
  ActivityOpened,
  ActivityQuotasChanged,
  ActivityRescheduled,
  ActivityScheduled,
  ActivityStateV1,
  ActivityStatus,
  ActivityUpdated,
  EventDefinition,
} from '@intercity/contracts';
import { firstVersion, isIanaTimeZone, LocalDate, nextVersion, present, RuleViolation, Versioned } from '@intercity/domain';
import type { Community } from '../../community/domain/community';
import { emission, iso, Outcome, unchanged } from '../../shared/domain/outcome';
import { languageList, optionalText, requiredText, webAddress } from '../../shared/domain/text';
import { checkSessions, sameSession, Session, sessionDays, sessionMinutes } from './session';

export interface RegistrationWindow {
  opensAt: Date;
  closesAt: Date;
}

/** At most `seats` live registrations (confirmed, offered or waiting) from one city. */
export interface CityQuota {
  memberId: string;
  seats: number;
}

/** What the organiser asks of a person for a certificate; every threshold set must be met. */
export interface CertificateRule {
  minHours: number | null;
  minSessions: number | null;
}

export interface Activity extends Versioned {
  id: string;
  communityId: string;
  networkId: string;
  kind: ActivityKind;
  title: string;
  description: string | null;
  hostMemberId: string;
  place: string | null;
  onlineUrl: string | null;
  /** IANA zone the activity's days are counted in: the host's unless the organiser chose another. */
  timeZone: string;
  /** Sorted by start, none overlapping. */
  sessions: Session[];
  /** Sessions a reschedule dropped; kept so calendars can mark their UIDs cancelled. */
  droppedSessions: Session[];
  capacity: number;
  registrationWindow: RegistrationWindow;
  languages: string[];
  cityQuotas: CityQuota[];
  certificate: CertificateRule | null;
  status: ActivityStatus;
  /** iCalendar SEQUENCE: raised by each change a calendar must show, not by seats filling. */
  sequence: number;
  cancellationReason: string | null;
  cancelledAt: Date | null;
}

/** The host as this service's copy of members knows it. */
export interface HostMember {
  memberId: string;
  timeZone: string;
}

export interface ActivityFields {
  kind: ActivityKind;
  title: string;
  description?: string | null;
  place?: string | null;
  onlineUrl?: string | null;
  /** Defaults to the host's. */
  timeZone?: string;
  sessions: readonly Session[];
  capacity: number;
  registrationWindow: RegistrationWindow;
  languages: readonly string[];
  cityQuotas?: readonly CityQuota[];
  certificate?: CertificateRule | null;
}

export type ActivityChanges = Partial<Omit<ActivityFields, 'sessions'>>;

/** Which status may follow which. `held` and `cancelled` are final. */
export const ACTIVITY_TRANSITIONS: Readonly<Record<ActivityStatus, readonly ActivityStatus[]>> = {
  draft: ['open', 'cancelled'],
  open: ['full', 'closed', 'held', 'cancelled'],
  full: ['open', 'closed', 'held', 'cancelled'],
  closed: ['open', 'held', 'cancelled'],
  held: [],
  cancelled: [],
};

export const canTransition = (from: ActivityStatus, to: ActivityStatus): boolean => ACTIVITY_TRANSITIONS[from].includes(to);

/** Kinds that only make sense in one kind of place. */
const NEEDS_PLACE: readonly ActivityKind[] = ['site-visit', 'study-visit'];
const NEEDS_LINK: readonly ActivityKind[] = ['webinar'];

export const firstStart = (a: Pick<Activity, 'sessions'>): Date => a.sessions[0].startsAt;
export const lastEnd = (a: Pick<Activity, 'sessions'>): Date => a.sessions[a.sessions.length - 1].endsAt;

/** Days of the host's calendar the activity takes place on: a multi-day activity counts each once. */
export const activityDays = (a: Pick<Activity, 'sessions' | 'timeZone'>): LocalDate[] => sessionDays(a.sessions, a.timeZone);

export const activityMinutes = (a: Pick<Activity, 'sessions'>): number => a.sessions.reduce((sum, s) => sum + sessionMinutes(s), 0);

/** The window is half-open: a registration at the closing instant is too late. */
export const isWithinRegistrationWindow = (a: Pick<Activity, 'registrationWindow'>, now: Date): boolean =>
  now >= a.registrationWindow.opensAt && now < a.registrationWindow.closesAt;

export const quotaFor = (a: Pick<Activity, 'cityQuotas'>, memberId: string): number | undefined =>
  a.cityQuotas.find((q) => q.memberId === memberId)?.seats;

export function activityState(a: Activity): ActivityStateV1 {
  const session = (s: Session) => ({ sessionId: s.id, startsAt: iso(s.startsAt), endsAt: iso(s.endsAt) });
  return present({
    activityId: a.id,
    communityId: a.communityId,
    networkId: a.networkId,
    kind: a.kind,
    title: a.title,
    description: a.description,
    hostMemberId: a.hostMemberId,
    place: a.place,
    onlineUrl: a.onlineUrl,
    timeZone: a.timeZone,
    sessions: a.sessions.map(session),
    droppedSessions: a.droppedSessions.length ? a.droppedSessions.map(session) : null,
    days: activityDays(a),
    capacity: a.capacity,
    registrationOpensAt: iso(a.registrationWindow.opensAt),
    registrationClosesAt: iso(a.registrationWindow.closesAt),
    languages: [...a.languages],
    cityQuotas: a.cityQuotas.length ? a.cityQuotas.map((q) => ({ ...q })) : null,
    certificate: a.certificate ? present({ ...a.certificate }) : null,
    status: a.status,
    sequence: a.sequence,
    cancellationReason: a.cancellationReason,
    cancelledAt: a.cancelledAt ? iso(a.cancelledAt) : null,
  });
}

const told = (event: EventDefinition<ActivityStateV1>, a: Activity): Outcome<Activity> => ({
  state: a,
  events: [emission(event, a, activityState(a))],
});

function checkCapacity(capacity: number): number {
  if (!Number.isInteger(capacity) || capacity < 1) throw RuleViolation.invalid('activity.capacity', 'capacity', 'capacity is a whole number of seats, at least 1');
  return capacity;
}

function checkQuotas(community: Community, quotas: readonly CityQuota[]): CityQuota[] {
  const out: CityQuota[] = [];
  quotas.forEach((q, i) => {
    if (!community.memberIds.includes(q.memberId)) {
      throw RuleViolation.unprocessable('activity.quota.member-city', `cityQuotas[${i}].memberId`, `member ${q.memberId} is not a city of the community`);
    }
    if (!Number.isInteger(q.seats) || q.seats < 1) {
      throw RuleViolation.invalid('activity.quota.seats', `cityQuotas[${i}].seats`, 'a quota is a whole number of seats, at least 1');
    }
    if (out.some((o) => o.memberId === q.memberId)) {
      throw RuleViolation.invalid('activity.quota.duplicate', `cityQuotas[${i}].memberId`, `city ${q.memberId} has two quotas`);
    }
    out.push({ memberId: q.memberId, seats: q.seats });
  });
  return out;
}

/**
 * People each city has registered or waiting for the activity (its live registrations), as the
 * registrations count them under the activity's lock. A quota bounds exactly this number.
 */
export type RegisteredByCity = ReadonlyMap<string, number>;

/**
 * Quotas as the organiser may set them on an activity that already takes registrations. A quota is
 * a cap on one city's people (registered or waiting), not seats set aside for it: "at most 2 per
 * city" for 14 cities sharing 20 seats is the usual way to spread places, so quotas may add up to
 * more than the capacity, and a city without one is bounded by capacity alone. A quota can never
 * go below the people the city already has: nobody is unregistered to make a quota fit.
 */
function checkQuotaChange(community: Community, quotas: readonly CityQuota[], registered: RegisteredByCity): CityQuota[] {
  const checked = checkQuotas(community, quotas);
  checked.forEach((q, i) => {
    const has = registered.get(q.memberId) ?? 0;
    if (q.seats < has) {
      throw RuleViolation.conflict(
        'activity.quota.below-registered',
        `city ${q.memberId} already has ${has} people registered or waiting; its quota cannot drop below that (cancel registrations first)`,
        `cityQuotas[${i}].seats`,
      );
    }
  });
  return checked;
}

const byMember = (quotas: readonly CityQuota[]) => [...quotas].sort((a, b) => a.memberId.localeCompare(b.memberId));

export function checkCertificate(rule: CertificateRule | null | undefined): CertificateRule | null {
  if (!rule) return null;
  const { minHours, minSessions } = rule;
  if (minHours === null && minSessions === null) {
    throw RuleViolation.invalid('activity.certificate', 'certificate', 'a certificate rule sets hours, sessions or both');
  }
  if (minHours !== null && !(Number.isFinite(minHours) && minHours > 0)) {
    throw RuleViolation.invalid('activity.certificate', 'certificate.minHours', 'hours must be more than zero');
  }
  if (minSessions !== null && !(Number.isInteger(minSessions) && minSessions >= 1)) {
    throw RuleViolation.invalid('activity.certificate', 'certificate.minSessions', 'sessions must be a whole number, at least 1');
  }
  return { minHours, minSessions };
}

function checkLocation(kind: ActivityKind, place: string | null, onlineUrl: string | null): void {
  if (place === null && onlineUrl === null) {
    throw RuleViolation.invalid('activity.location', 'place', 'an activity takes place somewhere: a place, an online link, or both');
  }
  if (NEEDS_PLACE.includes(kind) && place === null) throw RuleViolation.invalid('activity.location', 'place', `a ${kind} needs a place`);
  if (NEEDS_LINK.includes(kind) && onlineUrl === null) throw RuleViolation.invalid('activity.location', 'onlineUrl', `a ${kind} needs an online link`);
}

function checkWindow(window: RegistrationWindow, sessions: readonly Session[]): RegistrationWindow {
  if (!(window.opensAt < window.closesAt)) {
    throw RuleViolation.invalid('activity.registration-window', 'registrationWindow.closesAt', 'registration must close after it opens');
  }
  if (window.closesAt > sessions[sessions.length - 1].endsAt) {
    throw RuleViolation.invalid('activity.registration-window.after-end', 'registrationWindow.closesAt', 'registration must close by the end of the last session');
  }
  return { opensAt: window.opensAt, closesAt: window.closesAt };
}

function checkTimeZone(timeZone: string): string {
  if (!isIanaTimeZone(timeZone)) throw RuleViolation.invalid('activity.time-zone', 'timeZone', `"${timeZone}" is not an IANA time zone`);
  return timeZone;
}

function checkOpenToChange(a: Activity): void {
  if (a.status === 'cancelled') throw RuleViolation.conflict('activity.cancelled', `the activity was cancelled: ${a.cancellationReason}`);
  if (a.status === 'held') throw RuleViolation.conflict('activity.held', 'the activity has been held and no longer changes');
}

/** Moves the status on, or says which rule forbids it. */
function transition(a: Activity, to: ActivityStatus, now: Date, extra: Partial<Activity> = {}): Activity {
  checkOpenToChange(a);
  if (!canTransition(a.status, to)) throw RuleViolation.conflict('activity.status.transition', `an activity that is ${a.status} cannot become ${to}`);
  return nextVersion(a, { ...extra, status: to }, now);
}

/**
 * A new activity, as a draft: organisers prepare it before opening registration. The host is a
 * city of the community or the organisation of one of its experts.
 */
export function scheduleActivity(id: string, community: Community, host: HostMember, input: ActivityFields, now: Date): Outcome<Activity> {
  if (!community.memberIds.includes(host.memberId) && !community.experts.some((e) => e.memberId === host.memberId)) {
    throw RuleViolation.unprocessable('activity.host.in-community', 'hostMemberId', 'the host must be a city of the community or an expert partner of it');
  }
  const sessions = checkSessions(input.sessions);
  const place = optionalText(input.place, 500, 'activity.place', 'place');
  const onlineUrl = input.onlineUrl == null || input.onlineUrl.trim() === '' ? null : webAddress(input.onlineUrl, 'activity.online-url', 'onlineUrl');
  checkLocation(input.kind, place, onlineUrl);
  const activity: Activity = {
    id,
    communityId: community.id,
    networkId: community.networkId,
    kind: input.kind,
    title: requiredText(input.title, 200, 'activity.title', 'title'),
    description: optionalText(input.description, 4000, 'activity.description', 'description'),
    hostMemberId: host.memberId,
    place,
    onlineUrl,
    timeZone: checkTimeZone(input.timeZone ?? host.timeZone),
    sessions,
    droppedSessions: [],
    capacity: checkCapacity(input.capacity),
    registrationWindow: checkWindow(input.registrationWindow, sessions),
    languages: languageList(input.languages, 'activity.languages', 'languages'),
    cityQuotas: checkQuotas(community, input.cityQuotas ?? []),
    certificate: checkCertificate(input.certificate),
    status: 'draft',
    sequence: 0,
    cancellationReason: null,
    cancelledAt: null,
    ...firstVersion(now),
  };
  return told(ActivityScheduled, activity);
}

/** Fields a calendar shows: changing one raises SEQUENCE so clients replace their copy. */
const CALENDAR_FIELDS: readonly (keyof Activity)[] = ['title', 'description', 'place', 'onlineUrl', 'timeZone'];

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * Everything but the sessions (those move by rescheduling). `seatsTaken` is how many seats
 * registrations hold now: capacity cannot drop below it, since seats given are not taken back.
 */
export function changeActivity(
  current: Activity,
  community: Community,
  changes: ActivityChanges,
  seatsTaken: number,
  now: Date,
  registered: RegisteredByCity = new Map(),
): Outcome<Activity> {
  checkOpenToChange(current);
  const next: Partial<Activity> = {};
  if (changes.kind !== undefined) next.kind = changes.kind;
  if (changes.title !== undefined) next.title = requiredText(changes.title, 200, 'activity.title', 'title');
  if (changes.description !== undefined) next.description = optionalText(changes.description, 4000, 'activity.description', 'description');
  if (changes.place !== undefined) next.place = optionalText(changes.place, 500, 'activity.place', 'place');
  if (changes.onlineUrl !== undefined) {
    next.onlineUrl = changes.onlineUrl === null || changes.onlineUrl.trim() === '' ? null : webAddress(changes.onlineUrl, 'activity.online-url', 'onlineUrl');
  }
  if (changes.timeZone !== undefined) next.timeZone = checkTimeZone(changes.timeZone);
  if (changes.capacity !== undefined) {
    next.capacity = checkCapacity(changes.capacity);
    if (next.capacity < seatsTaken) {
      throw RuleViolation.conflict('activity.capacity.below-taken', `${seatsTaken} seats are already taken; capacity cannot drop below that`, 'capacity');
    }
  }
  if (changes.registrationWindow !== undefined) next.registrationWindow = checkWindow(changes.registrationWindow, current.sessions);
  if (changes.languages !== undefined) next.languages = languageList(changes.languages, 'activity.languages', 'languages');
  if (changes.cityQuotas !== undefined) next.cityQuotas = checkQuotaChange(community, changes.cityQuotas, registered);
  if (changes.certificate !== undefined) next.certificate = checkCertificate(changes.certificate);
  const changed = Object.fromEntries(Object.entries(next).filter(([k, v]) => !same(current[k as keyof Activity], v))) as Partial<Activity>;
  if (Object.keys(changed).length === 0) return unchanged(current);
  const merged = { ...current, ...changed };
  checkLocation(merged.kind, merged.place, merged.onlineUrl);
  const visible = CALENDAR_FIELDS.some((f) => f in changed);
  return told(ActivityUpdated, nextVersion(current, { ...changed, sequence: current.sequence + (visible ? 1 : 0) }, now));
}

/**
 * Sets the per-city quotas, replacing the ones before: a city left out has none any more. Quotas
 * are not shown in calendars, so SEQUENCE stays. The same rules hold as when scheduling (a member
 * city of the community, a whole number of at least one), and a quota never drops below the
 * people the city already has (see checkQuotaChange).
 */
export function setCityQuotas(current: Activity, community: Community, quotas: readonly CityQuota[], registered: RegisteredByCity, now: Date): Outcome<Activity> {
  checkOpenToChange(current);
  const cityQuotas = checkQuotaChange(community, quotas, registered);
  if (same(byMember(cityQuotas), byMember(current.cityQuotas))) return unchanged(current);
  const next = nextVersion(current, { cityQuotas }, now);
  const data = { ...activityState(next), previousCityQuotas: current.cityQuotas.map((q) => ({ ...q })) };
  return { state: next, events: [emission(ActivityQuotasChanged, next, data)] };
}

/**
 * New sessions for the activity. A session keeps its id when it moves, so calendars update it in
 * place; one left out is dropped (and shown cancelled). A session that has started is history:
 * it can neither move nor go. Every reschedule raises SEQUENCE.
 */
export function rescheduleActivity(
  current: Activity,
  input: readonly Session[],
  now: Date,
  registrationWindow: RegistrationWindow = current.registrationWindow,
): Outcome<Activity> {
  checkOpenToChange(current);
  const sessions = checkSessions(input);
  for (const s of current.sessions) {
    if (s.startsAt > now) continue;
    const after = sessions.find((n) => n.id === s.id);
    if (!after || !sameSession(after, s)) {
      throw RuleViolation.conflict('session.started', `session ${s.id} started at ${iso(s.startsAt)} and can no longer be moved or dropped`, 'sessions');
    }
  }
  const window = checkWindow(registrationWindow, sessions);
  const sameSessions = sessions.length === current.sessions.length && sessions.every((s, i) => sameSession(s, current.sessions[i]));
  if (sameSessions && same(window, current.registrationWindow)) return unchanged(current);
  const keptIds = new Set(sessions.map((s) => s.id));
  const dropped = [
    ...current.droppedSessions.filter((d) => !keptIds.has(d.id)),
    ...current.sessions.filter((s) => !keptIds.has(s.id)),
  ];
  return told(
    ActivityRescheduled,
    nextVersion(current, { sessions, droppedSessions: dropped, registrationWindow: window, sequence: current.sequence + 1 }, now),
  );
}

/** Opening a full activity changes nothing: it already takes people onto its waitlist. */
export function openRegistration(current: Activity, now: Date): Outcome<Activity> {
  if (current.status === 'open' || current.status === 'full') return unchanged(current);
  return told(ActivityOpened, transition(current, 'open', now));
}

export function closeRegistration(current: Activity, now: Date): Outcome<Activity> {
  if (current.status === 'closed') return unchanged(current);
  return told(ActivityClosed, transition(current, 'closed', now));
}

/**
 * Keeps `full` in step with the seats registrations hold: an open activity whose seats are all
 * taken becomes full, a full one with a seat free opens again. Other statuses stay as they are.
 */
export function reflectSeats(current: Activity, seatsTaken: number, now: Date): Outcome<Activity> {
  if (current.status === 'open' && seatsTaken >= current.capacity) return told(ActivityFilled, transition(current, 'full', now));
  if (current.status === 'full' && seatsTaken < current.capacity) return told(ActivityOpened, transition(current, 'open', now));
  return unchanged(current);
}

/** Held once its last session has ended: attendance is complete and certificates can follow. */
export function markHeld(current: Activity, now: Date): Outcome<Activity> {
  checkOpenToChange(current);
  if (now < lastEnd(current)) {
    throw RuleViolation.conflict('activity.held.before-end', `the last session ends at ${iso(lastEnd(current))}`);
  }
  return told(ActivityHeld, transition(current, 'held', now));
}

/** Cancelling raises SEQUENCE so every calendar holding a session marks it cancelled. */
export function cancelActivity(current: Activity, reason: string, now: Date): Outcome<Activity> {
  const why = requiredText(reason, 1000, 'activity.cancellation-reason', 'reason');
  return told(
    ActivityCancelled,
    transition(current, 'cancelled', now, { cancellationReason: why, cancelledAt: now, sequence: current.sequence + 1 }),
  );
}
