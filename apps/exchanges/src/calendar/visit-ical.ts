import ical, { ICalCalendarMethod, ICalEventStatus } from 'ical-generator';
import type { VisitEntry } from './visit-entries';

/**
 * An iCalendar (RFC 5545) feed of visits, written by ical-generator (CRLF, folding, escaping).
 * Visits are all-day events (`DTSTART;VALUE=DATE`): the dates are strings written as they are,
 * so the feed reads the same whatever zone the server runs in, and needs no VTIMEZONE.
 */
export function renderVisitCalendar(name: string, entries: readonly VisitEntry[]): string {
  const calendar = ical({ name, prodId: { company: 'Intercity', product: 'exchanges', language: 'EN' }, method: ICalCalendarMethod.PUBLISH });
  for (const e of entries) {
    calendar.createEvent({
      id: e.uid,
      sequence: e.sequence,
      stamp: e.lastModified,
      lastModified: e.lastModified,
      allDay: true,
      start: e.start,
      end: e.end,
      summary: e.summary,
      description: e.description,
      location: e.location,
      categories: [{ name: 'staff-exchange' }],
      status: e.status === 'CANCELLED' ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    });
  }
  return calendar.toString();
}
