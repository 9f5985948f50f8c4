import {
  addDays,
  daysBetween,
  instantAt,
  isIanaTimeZone,
  isoWeekday,
  LocalDate,
  localDateOf,
  localDateTimeOf,
  RuleViolation,
} from '@intercity/domain';
import type { Intent, Recipient } from '../../notification/domain/intent';
import { CADENCES, Cadence, Channel, CHANNELS, NOTIFICATION_KINDS, NotificationKind } from '../../notification/domain/vocabulary';

/**
 * How one kind of notification reaches a person: on which channels, and whether e-mail goes at once
 * or in a daily or weekly digest. The cadence is e-mail's alone: the in-app inbox shows everything
 * as it happens, and a webhook is a machine's call, one per notification.
 */
export interface KindPreference {
  channels: Channel[];
  cadence: Cadence;
}

/** A span of the person's clock in which nothing is sent ('22:00'–'07:00' runs across midnight). */
export interface QuietHours {
  from: string;
  to: string;
}

export interface Preferences {
  kinds: Record<NotificationKind, KindPreference>;
  quietHours: QuietHours | null;
  /** The zone quiet hours and digests are read in; null: the person's (their city's) own. */
  timeZone: string | null;
}

export type DigestCadence = Exclude<Cadence, 'immediate'>;

const both = (cadence: Cadence): KindPreference => ({ channels: ['email', 'in-app'], cadence });

/**
 * What a network's staff would want untouched: anything with a clock running (a seat on offer, an
 * overdue report, a visit next week, an activity moved or cancelled) by e-mail at once; the steady
 * news of an exchange, a submitted report or a report due within a week in a daily digest; all of
 * it in the inbox. Nothing between 22:00 and 07:00 on their own clock.
 */
export const DEFAULT_PREFERENCES: Readonly<Preferences> = Object.freeze({
  kinds: {
    'exchange-changed': both('daily'),
    'visit-next-week': both('immediate'),
    'activity-changed': both('immediate'),
    'seat-offered': both('immediate'),
    'registration-changed': both('immediate'),
    'report-submitted': both('daily'),
    'report-due-soon': both('daily'),
    'report-overdue': both('immediate'),
    'milestone-slipping': both('daily'),
    'certificate-issued': both('immediate'),
  },
  quietHours: { from: '22:00', to: '07:00' },
  timeZone: null,
});

const HH_MM = /^([01]\d|2[0-3]):[0-5]\d$/;
const TOP_LEVEL = ['kinds', 'quietHours', 'timeZone'];

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isOneOf = <T extends string>(list: readonly T[], v: unknown): v is T => typeof v === 'string' && (list as readonly string[]).includes(v);

function parseKind(input: unknown, field: string, base: KindPreference): KindPreference {
  if (!isRecord(input)) throw RuleViolation.invalid('preferences.kind', field, 'must be an object with channels and/or cadence');
  for (const key of Object.keys(input)) {
    if (key !== 'channels' && key !== 'cadence') throw RuleViolation.invalid('preferences.unknown-field', `${field}.${key}`, `unknown field "${key}"`);
  }
  let channels = base.channels;
  if (input.channels !== undefined) {
    if (!Array.isArray(input.channels)) throw RuleViolation.invalid('preferences.channels', `${field}.channels`, 'must be a list of channels (an empty list mutes the kind)');
    const list: unknown[] = input.channels;
    list.forEach((c, i) => {
      if (!isOneOf(CHANNELS, c)) {
        throw RuleViolation.invalid('preferences.unknown-channel', `${field}.channels[${i}]`, `unknown channel ${JSON.stringify(c)}; one of ${CHANNELS.join(', ')}`);
      }
    });
    // In the vocabulary's order, once each: a repeat asks for nothing more.
    channels = CHANNELS.filter((c) => list.includes(c));
  }
  let cadence = base.cadence;
  if (input.cadence !== undefined) {
    if (!isOneOf(CADENCES, input.cadence)) {
      throw RuleViolation.invalid('preferences.unknown-cadence', `${field}.cadence`, `unknown cadence ${JSON.stringify(input.cadence)}; one of ${CADENCES.join(', ')}`);
    }
    cadence = input.cadence;
  }
  return { channels: [...channels], cadence };
}

function parseQuietHours(input: unknown): QuietHours | null {
  if (input === null) return null;
  if (!isRecord(input)) throw RuleViolation.invalid('preferences.quiet-hours', 'quietHours', 'must be {"from": "HH:MM", "to": "HH:MM"} or null');
  for (const key of Object.keys(input)) {
    if (key !== 'from' && key !== 'to') throw RuleViolation.invalid('preferences.unknown-field', `quietHours.${key}`, `unknown field "${key}"`);
  }
  for (const end of ['from', 'to'] as const) {
    const v = input[end];
    if (typeof v !== 'string' || !HH_MM.test(v)) {
      throw RuleViolation.invalid('preferences.quiet-hours', `quietHours.${end}`, `must be a 24-hour time HH:MM, got ${JSON.stringify(v)}`);
    }
  }
  const { from, to } = input as { from: string; to: string };
  if (from === to) throw RuleViolation.invalid('preferences.quiet-hours', 'quietHours.to', 'quiet hours must end at another time than they start');
  return { from, to };
}

/**
 * A person's preferences from what they sent, over `base` (their current ones, else the
 * defaults): kinds left out keep theirs, and so do the fields of a kind left out; `quietHours:
 * null` turns them off, `timeZone: null` reads them in the person's own zone. Anything it does
 * not know is refused, naming the field: a typo must not silently change nothing.
 */
export function parsePreferences(input: unknown, base: Preferences = DEFAULT_PREFERENCES): Preferences {
  if (!isRecord(input)) throw RuleViolation.invalid('preferences.shape', '', 'preferences must be an object');
  for (const key of Object.keys(input)) {
    if (!TOP_LEVEL.includes(key)) throw RuleViolation.invalid('preferences.unknown-field', key, `unknown field "${key}"; one of ${TOP_LEVEL.join(', ')}`);
  }
  const kinds = Object.fromEntries(NOTIFICATION_KINDS.map((k) => [k, { channels: [...base.kinds[k].channels], cadence: base.kinds[k].cadence }])) as Record<
    NotificationKind,
    KindPreference
  >;
  if (input.kinds !== undefined) {
    if (!isRecord(input.kinds)) throw RuleViolation.invalid('preferences.kinds', 'kinds', 'must be an object keyed by notification kind');
    for (const [kind, value] of Object.entries(input.kinds)) {
      if (!isOneOf(NOTIFICATION_KINDS, kind)) {
        throw RuleViolation.invalid('preferences.unknown-kind', `kinds.${kind}`, `unknown notification kind "${kind}"; one of ${NOTIFICATION_KINDS.join(', ')}`);
      }
      kinds[kind] = parseKind(value, `kinds.${kind}`, kinds[kind]);
    }
  }
  const quietHours = input.quietHours === undefined ? base.quietHours && { ...base.quietHours } : parseQuietHours(input.quietHours);
  let timeZone = base.timeZone;
  if (input.timeZone !== undefined) {
    if (input.timeZone !== null && !isIanaTimeZone(input.timeZone)) {
      throw RuleViolation.invalid('preferences.time-zone', 'timeZone', `${JSON.stringify(input.timeZone)} is not an IANA time zone (e.g. Europe/Lisbon)`);
    }
    timeZone = input.timeZone;
  }
  return { kinds, quietHours, timeZone };
}

/** One kind's new settings: only the fields that changed. */
export interface KindChange {
  kind: NotificationKind;
  channels?: Channel[];
  cadence?: Cadence;
}

/**
 * What a change of preferences changed, and only that (what the audit trail records): a field
 * left out did not change; `quietHours: null` turned them off, `timeZone: null` went back to the
 * person's city's zone.
 */
export interface PreferenceChanges {
  kinds?: KindChange[];
  quietHours?: QuietHours | null;
  timeZone?: string | null;
}

const sameChannels = (a: readonly Channel[], b: readonly Channel[]) => a.length === b.length && a.every((c, i) => c === b[i]);
const sameQuietHours = (a: QuietHours | null, b: QuietHours | null) => (a === null || b === null ? a === b : a.from === b.from && a.to === b.to);

/** From `before` to `after`: null when nothing changed (then nothing is written, nor recorded). */
export function preferenceChanges(before: Preferences, after: Preferences): PreferenceChanges | null {
  const changes: PreferenceChanges = {};
  const kinds: KindChange[] = [];
  for (const kind of NOTIFICATION_KINDS) {
    const [was, is] = [before.kinds[kind], after.kinds[kind]];
    const change: KindChange = { kind };
    if (!sameChannels(was.channels, is.channels)) change.channels = [...is.channels];
    if (was.cadence !== is.cadence) change.cadence = is.cadence;
    if (change.channels || change.cadence) kinds.push(change);
  }
  if (kinds.length) changes.kinds = kinds;
  if (!sameQuietHours(before.quietHours, after.quietHours)) changes.quietHours = after.quietHours && { ...after.quietHours };
  if (before.timeZone !== after.timeZone) changes.timeZone = after.timeZone;
  return Object.keys(changes).length ? changes : null;
}

// ---------------------------------------------------------------------------------------------
// quiet hours on a person's clock
// ---------------------------------------------------------------------------------------------

const withSeconds = (hhmm: string) => (hhmm.length === 5 ? `${hhmm}:00` : hhmm);

/** Whether a wall-clock time (HH:MM:SS) lies in the window, `from` included, `to` not. */
function wallTimeIsQuiet(time: string, q: QuietHours): boolean {
  const from = withSeconds(q.from);
  const to = withSeconds(q.to);
  return from < to ? time >= from && time < to : time >= from || time < to;
}

export function isQuiet(instant: Date, quiet: QuietHours | null, timeZone: string): boolean {
  return !!quiet && wallTimeIsQuiet(localDateTimeOf(instant, timeZone).time, quiet);
}

/**
 * The first instant whose wall clock reads `time` on `date` or later. Where a daylight-saving gap
 * skips that time (02:30 on the spring-forward night), that is the moment the clock jumps.
 */
function firstInstantFrom(date: LocalDate, time: string, timeZone: string): Date {
  const compatible = instantAt(date, time, timeZone, 'compatible');
  const beforeGap = instantAt(date, time, timeZone, 'earlier');
  if (beforeGap.getTime() >= compatible.getTime()) return compatible;
  const target = `${date}T${withSeconds(time)}`;
  const wall = (ms: number) => {
    const l = localDateTimeOf(new Date(ms), timeZone);
    return `${l.date}T${l.time}`;
  };
  // Wall time only rises across a gap: bisect to the second it reaches the target.
  let lo = beforeGap.getTime();
  let hi = compatible.getTime();
  while (hi - lo > 1000) {
    const mid = lo + Math.floor((hi - lo) / 2000) * 1000;
    if (wall(mid) >= target) hi = mid;
    else lo = mid;
  }
  return new Date(hi);
}

/** The end of the quiet window `instant` is in, or null when it is in none. */
function quietWindowEnd(instant: Date, q: QuietHours, timeZone: string): Date | null {
  const { date, time } = localDateTimeOf(instant, timeZone);
  if (!wallTimeIsQuiet(time, q)) return null;
  const endDate = withSeconds(q.from) > withSeconds(q.to) && time >= withSeconds(q.from) ? addDays(date, 1) : date;
  const end = firstInstantFrom(endDate, q.to, timeZone);
  if (end.getTime() > instant.getTime()) return end;
  // In the second pass through a fall-back hour the end read first has passed: take its repeat.
  const repeat = instantAt(endDate, q.to, timeZone, 'later');
  return repeat.getTime() > instant.getTime() ? repeat : new Date(instant.getTime() + 1000);
}

/** The first instant at or after `instant` outside quiet hours on the zone's clock. */
export function nextAllowedInstant(instant: Date, quiet: QuietHours | null, timeZone: string): Date {
  if (!quiet) return instant;
  let at = instant;
  // A window's end can land in the next window only around a DST change; a few steps settle it.
  for (let step = 0; step < 8; step++) {
    const end = quietWindowEnd(at, quiet, timeZone);
    if (!end) return at;
    at = end;
  }
  return at;
}

// ---------------------------------------------------------------------------------------------
// digests
// ---------------------------------------------------------------------------------------------

/** The local time a digest goes out: the morning after its day, or the Monday after its week. */
export const DIGEST_LOCAL_TIME = '08:00';

/** ISO 8601 week of a local date: '2026-W48' (the week's Thursday decides its year). */
export function isoWeekOf(day: LocalDate): string {
  const thursday = addDays(day, 4 - isoWeekday(day));
  const year = thursday.slice(0, 4);
  const week = Math.floor(daysBetween(`${year}-01-01`, thursday) / 7) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** Which digest something happening `now` belongs to: 'daily:2026-11-23', 'weekly:2026-W48'. */
export function digestPeriodKey(cadence: DigestCadence, timeZone: string, now: Date): string {
  const today = localDateOf(now, timeZone);
  return cadence === 'daily' ? `daily:${today}` : `weekly:${isoWeekOf(today)}`;
}

/**
 * When the digest of `now`'s period goes out: 08:00 on the person's next day (daily) or next
 * Monday (weekly), later if that falls in their quiet hours. Every instant of one period gives
 * the same answer, so a period's deliveries all wait for one digest.
 */
export function nextDigestAt(cadence: DigestCadence, timeZone: string, now: Date, quiet: QuietHours | null = null): Date {
  const today = localDateOf(now, timeZone);
  const day = cadence === 'daily' ? addDays(today, 1) : addDays(today, 8 - isoWeekday(today));
  return nextAllowedInstant(firstInstantFrom(day, DIGEST_LOCAL_TIME, timeZone), quiet, timeZone);
}

// ---------------------------------------------------------------------------------------------
// delivery plan
// ---------------------------------------------------------------------------------------------

export interface PlannedDelivery {
  channel: Channel;
  cadence: Cadence;
  /** `held`: waits for its digest; `queued`: sent as soon as `notBefore` has come. */
  status: 'queued' | 'held';
  notBefore: Date;
  /** The digest it goes out in (`digests.period_key`), for a held delivery. */
  periodKey: string | null;
}

/** The zone a person's clock reads in: their chosen one, else theirs from the directory, else UTC. */
export function clockOf(prefs: Preferences, recipient: Pick<Recipient, 'timeZone'>): string {
  if (prefs.timeZone) return prefs.timeZone;
  return isIanaTimeZone(recipient.timeZone) ? recipient.timeZone : 'UTC';
}

/**
 * How an intent reaches its person, one entry per channel they chose for its kind. The inbox shows
 * it now; e-mail goes now, or is held for the next digest; an immediate e-mail or webhook that
 * would go in quiet hours waits for their end on the person's clock (never at 3 a.m. in Lisbon).
 * No e-mail address, no e-mail.
 */
export function deliveryPlan(
  intent: Pick<Intent, 'kind'>,
  prefs: Preferences,
  recipient: Pick<Recipient, 'timeZone' | 'email'>,
  now: Date,
): PlannedDelivery[] {
  const { channels, cadence } = prefs.kinds[intent.kind];
  const tz = clockOf(prefs, recipient);
  const out: PlannedDelivery[] = [];
  for (const channel of CHANNELS.filter((c) => channels.includes(c))) {
    if (channel === 'in-app') {
      out.push({ channel, cadence: 'immediate', status: 'queued', notBefore: now, periodKey: null });
    } else if (channel === 'email' && !recipient.email) {
      continue;
    } else if (channel === 'email' && cadence !== 'immediate') {
      out.push({ channel, cadence, status: 'held', notBefore: nextDigestAt(cadence, tz, now, prefs.quietHours), periodKey: digestPeriodKey(cadence, tz, now) });
    } else {
      out.push({ channel, cadence: 'immediate', status: 'queued', notBefore: nextAllowedInstant(now, prefs.quietHours, tz), periodKey: null });
    }
  }
  return out;
}
