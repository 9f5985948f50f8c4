import { LocalDateTime, localDateTimeOf } from '@intercity/domain';
import type { Activity } from '../../activity/domain/activity';
import type { Session } from '../../activity/domain/session';

/**
 * One VEVENT's worth of data for a session, ready for an iCalendar writer. The rules that make
 * a client update rather than duplicate an event live here: the UID is the session's own (it
 * survives reschedules), SEQUENCE is the activity's schedule revision (raised by every visible
 * change), and a cancelled activity or a dropped session stays in the feed as CANCELLED so
 * clients remove it, instead of vanishing and lingering in their calendars.
 */
export interface CalendarEntry {
  uid: string;
  sequence: number;
  status: 'CONFIRMED' | 'CANCELLED';
  /** IANA zone for DTSTART/DTEND;TZID=… (the activity's, so times read as the host reads them). */
  tzid: string;
  start: { utc: Date; local: LocalDateTime };
  end: { utc: Date; local: LocalDateTime };
  summary: string;
  description: string | null;
  location: string | null;
  url: string | null;
  categories: string[];
  /** DTSTAMP and LAST-MODIFIED: when the activity last changed. */
  lastModified: Date;
  activityId: string;
  sessionId: string;
}

export interface CalendarOptions {
  /** The right-hand side of UIDs (`intercity.example.org`), so they are unique across systems. */
  uidDomain: string;
}

export const sessionUid = (sessionId: string, { uidDomain }: CalendarOptions): string => `session-${sessionId}@${uidDomain}`;

function describe(a: Activity): string | null {
  if (a.status === 'cancelled') return [`Cancelled: ${a.cancellationReason}`, a.description].filter(Boolean).join('\n\n');
  return a.description;
}

function entry(a: Activity, s: Session, index: number, cancelled: boolean, options: CalendarOptions): CalendarEntry {
  const count = a.sessions.length;
  return {
    uid: sessionUid(s.id, options),
    sequence: a.sequence,
    status: cancelled ? 'CANCELLED' : 'CONFIRMED',
    tzid: a.timeZone,
    start: { utc: s.startsAt, local: localDateTimeOf(s.startsAt, a.timeZone) },
    end: { utc: s.endsAt, local: localDateTimeOf(s.endsAt, a.timeZone) },
    summary: count > 1 && index >= 0 ? `${a.title} (${index + 1}/${count})` : a.title,
    description: describe(a),
    location: a.place ?? a.onlineUrl,
    url: a.onlineUrl,
    categories: [a.kind],
    lastModified: a.updatedAt,
    activityId: a.id,
    sessionId: s.id,
  };
}

/**
 * The entries of one activity: its sessions, and the sessions a reschedule dropped (cancelled).
 * A draft is not announced yet and has none.
 */
export function calendarEntries(a: Activity, options: CalendarOptions): CalendarEntry[] {
  if (a.status === 'draft') return [];
  const cancelled = a.status === 'cancelled';
  return [
    ...a.sessions.map((s, i) => entry(a, s, i, cancelled, options)),
    ...a.droppedSessions.map((s) => entry(a, s, -1, true, options)),
  ];
}

/** A feed (a community's, a city's, a person's): the entries of the activities given, by start. */
export function calendarFeed(activities: readonly Activity[], options: CalendarOptions): CalendarEntry[] {
  return activities
    .flatMap((a) => calendarEntries(a, options))
    .sort((x, y) => x.start.utc.getTime() - y.start.utc.getTime() || x.uid.localeCompare(y.uid));
}
