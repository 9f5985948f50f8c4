import ical, { ICalCalendarMethod, ICalEventStatus } from 'ical-generator';
import type { CalendarEntry } from './domain/calendar-entry';

export const ICAL_CONTENT_TYPE = 'text/calendar; charset=utf-8';

/** `Local time (Europe/Rome): 2024-04-24 09:00–17:00`, with the end's date when it is another day. */
export function localTime({ tzid, start, end }: CalendarEntry): string {
  const hm = (t: string) => t.slice(0, 5);
  const until = end.local.date === start.local.date ? hm(end.local.time) : `${end.local.date} ${hm(end.local.time)}`;
  return `Local time (${tzid}): ${start.local.date} ${hm(start.local.time)}–${until}`;
}

/**
 * An iCalendar (RFC 5545) feed of the entries, written by ical-generator (CRLF, folding,
 * escaping). Times are written in UTC (`…Z`): every client places them correctly without a
 * VTIMEZONE block, and shows them in the reader's own zone; the host's zone is named in the
 * description so people see the time as the host reads it.
 */
export function renderCalendar(name: string, entries: readonly CalendarEntry[]): string {
  const calendar = ical({ name, prodId: { company: 'Intercity', product: 'practice', language: 'EN' }, method: ICalCalendarMethod.PUBLISH });
  for (const e of entries) {
    calendar.createEvent({
      id: e.uid,
      sequence: e.sequence,
      stamp: e.lastModified,
      lastModified: e.lastModified,
      start: e.start.utc,
      end: e.end.utc,
      summary: e.summary,
      description: [e.description, localTime(e)].filter(Boolean).join('\n\n'),
      location: e.location,
      url: e.url,
      categories: e.categories.map((c) => ({ name: c })),
      status: e.status === 'CANCELLED' ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    });
  }
  return calendar.toString();
}
