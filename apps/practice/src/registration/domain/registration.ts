import {
  EventDefinition,
  RegistrationCancelled,
  RegistrationCancelReason,
  RegistrationConfirmed,
  RegistrationOffered,
  RegistrationOfferExpired,
  RegistrationStateV1,
  RegistrationStatus,
  RegistrationWaitlisted,
} from '@intercity/contracts';
import { firstVersion, nextVersion, present, RuleViolation, Versioned } from '@intercity/domain';
import { Activity, isWithinRegistrationWindow, lastEnd, quotaFor } from '../../activity/domain/activity';
import type { Community } from '../../community/domain/community';
import { Emission, emission, iso, isoOrNull, Outcome } from '../../shared/domain/outcome';

/**
 * Registrations of one activity, as pure functions over the list of them. The database holds the
 * same line (a lock on the activity row, a count under it), so concurrent requests cannot take
 * more seats than these rules give out; these rules say which seat goes to whom.
 */

export interface Registration extends Versioned {
  id: string;
  activityId: string;
  communityId: string;
  networkId: string;
  personId: string;
  /** The person's city. */
  memberId: string;
  registeredBy: string;
  registeredAt: Date;
  /** 1, 2, 3… in the order registrations reached the activity: the waitlist's order. */
  arrival: number;
  status: RegistrationStatus;
  confirmedAt: Date | null;
  offeredAt: Date | null;
  offerExpiresAt: Date | null;
  endedAt: Date | null;
  cancelReason: RegistrationCancelReason | null;
}

/** Who acts: the person themselves, their city's liaison, or a network admin. */
export type Registrar =
  | { role: 'self'; personId: string }
  | { role: 'city-liaison'; personId: string; memberId: string }
  | { role: 'network-admin'; personId: string };

/** The person registered, as this service's copy of people knows them. */
export interface Registrant {
  personId: string;
  memberId: string;
}

export interface OfferPolicy {
  /** How long a waiting person has to take up a freed seat. */
  offerValidForHours: number;
}

export const DEFAULT_OFFER_POLICY: OfferPolicy = { offerValidForHours: 48 };

/** The whole list after the change, the registrations that changed (to store), and the events. */
export interface RegistrationsOutcome extends Outcome<Registration[]> {
  changed: Registration[];
}

const LIVE: readonly RegistrationStatus[] = ['confirmed', 'waitlisted', 'offered'];
/** An offered seat is held for the person it is offered to, so it counts as taken. */
const HOLDS_SEAT: readonly RegistrationStatus[] = ['confirmed', 'offered'];

export const isLive = (r: Pick<Registration, 'status'>): boolean => LIVE.includes(r.status);
export const holdsSeat = (r: Pick<Registration, 'status'>): boolean => HOLDS_SEAT.includes(r.status);
export const seatsTaken = (list: readonly Registration[]): number => list.filter(holdsSeat).length;

export const byArrival = (a: Registration, b: Registration): number => a.arrival - b.arrival;

/** People waiting for a seat, first come first. */
export const waitlist = (list: readonly Registration[]): Registration[] => list.filter((r) => r.status === 'waitlisted').sort(byArrival);

/** 1 for the next person to be offered a seat; undefined for someone not waiting. */
export function waitlistPosition(list: readonly Registration[], registrationId: string): number | undefined {
  const i = waitlist(list).findIndex((r) => r.id === registrationId);
  return i < 0 ? undefined : i + 1;
}

export function registrationState(r: Registration): RegistrationStateV1 {
  return present({
    registrationId: r.id,
    activityId: r.activityId,
    communityId: r.communityId,
    networkId: r.networkId,
    personId: r.personId,
    memberId: r.memberId,
    registeredBy: r.registeredBy,
    registeredAt: iso(r.registeredAt),
    arrival: r.arrival,
    status: r.status,
    confirmedAt: isoOrNull(r.confirmedAt),
    offeredAt: isoOrNull(r.offeredAt),
    offerExpiresAt: isoOrNull(r.offerExpiresAt),
    endedAt: isoOrNull(r.endedAt),
    cancelReason: r.cancelReason,
  });
}

const told = (event: EventDefinition<RegistrationStateV1>, r: Registration): Emission => emission(event, r, registrationState(r));

/** Applies changed registrations to the list, keeping its order. */
function merge(list: readonly Registration[], changed: readonly Registration[]): Registration[] {
  const byId = new Map(changed.map((r) => [r.id, r]));
  return list.map((r) => byId.get(r.id) ?? r);
}

/** A liaison acts for people of their own city only; a person only for themselves. */
function checkRegistrar(by: Registrar, person: Registrant): void {
  if (by.role === 'city-liaison' && by.memberId !== person.memberId) {
    throw RuleViolation.unprocessable('registration.other-city', 'personId', "a city liaison acts only for their own city's people");
  }
  if (by.role === 'self' && by.personId !== person.personId) {
    throw RuleViolation.unprocessable('registration.other-person', 'personId', 'a person registers only themselves');
  }
}

function checkActivityTakesRegistrations(activity: Activity, now: Date): void {
  if (activity.status === 'cancelled') throw RuleViolation.conflict('activity.cancelled', `the activity was cancelled: ${activity.cancellationReason}`);
  if (activity.status === 'draft') throw RuleViolation.conflict('registration.not-open', 'registration for this activity has not opened yet');
  if (activity.status === 'closed' || activity.status === 'held') throw RuleViolation.conflict('registration.closed', 'registration for this activity is closed');
  if (!isWithinRegistrationWindow(activity, now)) {
    const { opensAt, closesAt } = activity.registrationWindow;
    throw RuleViolation.conflict('registration.window', `registration is open from ${iso(opensAt)} until ${iso(closesAt)}`);
  }
}

function find(list: readonly Registration[], registrationId: string): Registration {
  const r = list.find((x) => x.id === registrationId);
  if (!r) throw RuleViolation.unprocessable('registration.exists', 'registrationId', `no registration ${registrationId} for this activity`);
  return r;
}

/**
 * Gives free seats to the people waiting, first come first: each is offered a seat until the
 * offer expires. Nothing is offered for an activity that will not take place or is over.
 * Exported for the service to call when capacity grows.
 */
export function offerFreeSeats(
  activity: Activity,
  list: readonly Registration[],
  now: Date,
  policy: OfferPolicy = DEFAULT_OFFER_POLICY,
): RegistrationsOutcome {
  if (!(policy.offerValidForHours > 0)) throw new RangeError('an offer must stay open for some time');
  const accepting = activity.status === 'open' || activity.status === 'full' || activity.status === 'closed';
  if (!accepting || now >= lastEnd(activity)) return { state: [...list], changed: [], events: [] };
  const free = activity.capacity - seatsTaken(list);
  const expiresAt = new Date(now.getTime() + policy.offerValidForHours * 3_600_000);
  const offered = waitlist(list)
    .slice(0, Math.max(0, free))
    .map((r) => nextVersion(r, { status: 'offered', offeredAt: now, offerExpiresAt: expiresAt }, now));
  return { state: merge(list, offered), changed: offered, events: offered.map((r) => told(RegistrationOffered, r)) };
}

function combine(first: RegistrationsOutcome, second: RegistrationsOutcome): RegistrationsOutcome {
  const changed = new Map(first.changed.map((r) => [r.id, r]));
  for (const r of second.changed) changed.set(r.id, r);
  return { state: second.state, changed: [...changed.values()], events: [...first.events, ...second.events] };
}

export interface RegisterInput {
  id: string;
  person: Registrant;
  by: Registrar;
}

/**
 * What the register rule needs to know about an activity's registrations, for one person: enough
 * to decide without the whole list. The service reads it with one aggregate query under the
 * activity's lock; `summarize` derives it from the list, so both paths share one rule.
 */
export interface RegistrationSummary {
  /** Registrations holding a seat (confirmed or offered). */
  seatsHeld: number;
  /** People on the waitlist. */
  waiting: number;
  /** The highest arrival number so far; 0 for none. */
  lastArrival: number;
  /** Whether the person already holds a live registration. */
  personRegistered: boolean;
  /** Live registrations of the person's city. */
  cityRegistered: number;
}

export function summarize(list: readonly Registration[], person: Registrant): RegistrationSummary {
  const live = list.filter(isLive);
  return {
    seatsHeld: seatsTaken(list),
    waiting: waitlist(list).length,
    lastArrival: list.reduce((max, r) => Math.max(max, r.arrival), 0),
    personRegistered: live.some((r) => r.personId === person.personId),
    cityRegistered: live.filter((r) => r.memberId === person.memberId).length,
  };
}

/** The new registration, what to tell, its place on the waitlist, and the seats held after it. */
export interface Admission {
  registration: Registration;
  events: Emission[];
  waitlistPosition: number | null;
  seatsHeld: number;
}

/**
 * A person of one of the community's cities takes a seat, or the next place on the waitlist. A
 * seat goes straight to a newcomer only when nobody is waiting, so no one overtakes the queue.
 * Decided from a summary of the registrations, with no lapsed offer left among them.
 */
export function admit(activity: Activity, community: Community, summary: RegistrationSummary, input: RegisterInput, now: Date): Admission {
  if (activity.communityId !== community.id) throw new Error(`activity ${activity.id} is not in community ${community.id}`);
  const { person, by } = input;
  checkRegistrar(by, person);
  if (!community.memberIds.includes(person.memberId)) {
    throw RuleViolation.unprocessable('registration.member-city', 'personId', "the person's city is not a member of the community");
  }
  checkActivityTakesRegistrations(activity, now);
  if (summary.personRegistered) {
    throw RuleViolation.conflict('registration.duplicate', 'the person is already registered for this activity', 'personId');
  }
  const quota = quotaFor(activity, person.memberId);
  if (quota !== undefined && summary.cityRegistered >= quota) {
    throw RuleViolation.conflict('registration.quota', `the organiser allows ${quota} people from this city`, 'personId');
  }
  const seat = summary.seatsHeld < activity.capacity && summary.waiting === 0;
  const registration: Registration = {
    id: input.id,
    activityId: activity.id,
    communityId: activity.communityId,
    networkId: activity.networkId,
    personId: person.personId,
    memberId: person.memberId,
    registeredBy: by.personId,
    registeredAt: now,
    arrival: summary.lastArrival + 1,
    status: seat ? 'confirmed' : 'waitlisted',
    confirmedAt: seat ? now : null,
    offeredAt: null,
    offerExpiresAt: null,
    endedAt: null,
    cancelReason: null,
    ...firstVersion(now),
  };
  return {
    registration,
    events: [told(seat ? RegistrationConfirmed : RegistrationWaitlisted, registration)],
    // Everyone waiting arrived earlier, so a newcomer who waits is last in line.
    waitlistPosition: seat ? null : summary.waiting + 1,
    seatsHeld: summary.seatsHeld + (seat ? 1 : 0),
  };
}

/** `admit` over the whole list of the activity's registrations. */
export function register(activity: Activity, community: Community, list: readonly Registration[], input: RegisterInput, now: Date): RegistrationsOutcome {
  const { registration, events } = admit(activity, community, summarize(list, input.person), input, now);
  return { state: [...list, registration], changed: [registration], events };
}

function end(r: Registration, reason: RegistrationCancelReason, now: Date): Registration {
  return nextVersion(r, { status: 'cancelled', endedAt: now, cancelReason: reason }, now);
}

/**
 * The person, their liaison or an admin cancels; a person cancelling an offer declines it. The
 * seat it held goes to the first person waiting.
 */
export function cancelRegistration(
  activity: Activity,
  list: readonly Registration[],
  registrationId: string,
  by: Registrar,
  now: Date,
  policy: OfferPolicy = DEFAULT_OFFER_POLICY,
): RegistrationsOutcome {
  const current = find(list, registrationId);
  checkRegistrar(by, current);
  if (!isLive(current)) throw RuleViolation.conflict('registration.ended', `the registration is already ${current.status}`);
  if (activity.status === 'held') throw RuleViolation.conflict('activity.held', 'the activity has been held; its registrations are its record');
  const cancelled = end(current, current.status === 'offered' ? 'declined-offer' : 'withdrawn', now);
  const first: RegistrationsOutcome = { state: merge(list, [cancelled]), changed: [cancelled], events: [told(RegistrationCancelled, cancelled)] };
  return holdsSeat(current) ? combine(first, offerFreeSeats(activity, first.state, now, policy)) : first;
}

/** Taking up an offered seat, before the offer expires. */
export function acceptOffer(activity: Activity, list: readonly Registration[], registrationId: string, by: Registrar, now: Date): RegistrationsOutcome {
  const current = find(list, registrationId);
  checkRegistrar(by, current);
  if (activity.status === 'cancelled') throw RuleViolation.conflict('activity.cancelled', `the activity was cancelled: ${activity.cancellationReason}`);
  if (current.status === 'confirmed') return { state: [...list], changed: [], events: [] };
  if (current.status === 'expired' || (current.status === 'offered' && current.offerExpiresAt !== null && now >= current.offerExpiresAt)) {
    throw RuleViolation.conflict('registration.offer-expired', `the offer expired at ${isoOrNull(current.offerExpiresAt)}`);
  }
  if (current.status !== 'offered') throw RuleViolation.conflict('registration.not-offered', `the registration is ${current.status}, not offered a seat`);
  const confirmed = nextVersion(current, { status: 'confirmed', confirmedAt: now }, now);
  return { state: merge(list, [confirmed]), changed: [confirmed], events: [told(RegistrationConfirmed, confirmed)] };
}

/**
 * Offers not taken up in time lapse (the person leaves the waitlist), and each seat passes to the
 * next person waiting. Run by a scheduled job; running it twice changes nothing the second time.
 */
export function expireOffers(activity: Activity, list: readonly Registration[], now: Date, policy: OfferPolicy = DEFAULT_OFFER_POLICY): RegistrationsOutcome {
  const lapsed = list
    .filter((r) => r.status === 'offered' && r.offerExpiresAt !== null && r.offerExpiresAt <= now)
    .sort(byArrival)
    .map((r) => nextVersion(r, { status: 'expired', endedAt: r.offerExpiresAt }, now));
  const first: RegistrationsOutcome = {
    state: merge(list, lapsed),
    changed: lapsed,
    events: lapsed.map((r) => told(RegistrationOfferExpired, r)),
  };
  return lapsed.length ? combine(first, offerFreeSeats(activity, first.state, now, policy)) : first;
}

/** The next instant an offer of this activity lapses: when the expiry job should run next. */
export function nextOfferExpiry(list: readonly Registration[]): Date | undefined {
  const times = list.flatMap((r) => (r.status === 'offered' && r.offerExpiresAt ? [r.offerExpiresAt.getTime()] : []));
  return times.length ? new Date(Math.min(...times)) : undefined;
}

function endWhere(
  activity: Activity,
  list: readonly Registration[],
  which: (r: Registration) => boolean,
  reason: RegistrationCancelReason,
  now: Date,
  policy: OfferPolicy,
): RegistrationsOutcome {
  const ended = list.filter((r) => isLive(r) && which(r)).map((r) => end(r, reason, now));
  const first: RegistrationsOutcome = { state: merge(list, ended), changed: ended, events: ended.map((r) => told(RegistrationCancelled, r)) };
  return ended.length ? combine(first, offerFreeSeats(activity, first.state, now, policy)) : first;
}

/** A person erased upstream no longer holds a place here; their seat passes on. */
export function cancelForErasedPerson(activity: Activity, list: readonly Registration[], personId: string, now: Date, policy: OfferPolicy = DEFAULT_OFFER_POLICY): RegistrationsOutcome {
  return endWhere(activity, list, (r) => r.personId === personId, 'person-erased', now, policy);
}

/** A city that left the community no longer sends people to its activities. */
export function cancelForCityLeaving(activity: Activity, list: readonly Registration[], memberId: string, now: Date, policy: OfferPolicy = DEFAULT_OFFER_POLICY): RegistrationsOutcome {
  return endWhere(activity, list, (r) => r.memberId === memberId, 'city-left', now, policy);
}
