import type { PairingStatus, VisitStatus } from '@intercity/contracts';
import { addDays, LocalDate } from '@intercity/domain';
import type { ProgrammeItem } from '../pairing/domain/pairing';

/** A dated visit as a feed needs it: the visit, its pairing's status and version, the cities' names. */
export interface DatedVisit {
  id: string;
  pairingId: string;
  number: 1 | 2;
  status: VisitStatus;
  startsOn: LocalDate;
  endsOn: LocalDate;
  days: LocalDate[];
  timeZone: string;
  programme: ProgrammeItem[];
  hostName: string;
  visitingName: string;
  communityName: string | null;
  pairingStatus: PairingStatus;
  pairingVersion: number;
  pairingUpdatedAt: Date;
  cancelReason: string | null;
}

/**
 * One all-day VEVENT. What makes a client update rather than duplicate it: the UID is the visit's
 * id (the same on every node that holds a copy, and across reschedules); SEQUENCE is the pairing's
 * version, which every change of the pairing raises (the visit's dates and a cancellation among
 * them) in the same transaction as the change, and never lowers; a cancelled pairing's visits stay
 * in the feed as CANCELLED so clients remove them instead of keeping a stale copy.
 */
export interface VisitEntry {
  uid: string;
  sequence: number;
  status: 'CONFIRMED' | 'CANCELLED';
  /** DTSTART;VALUE=DATE: the first day, a local date at the host, so no zone is needed. */
  start: LocalDate;
  /** DTEND;VALUE=DATE: the day after the last day (DTEND is exclusive). */
  end: LocalDate;
  summary: string;
  description: string;
  location: string;
  /** DTSTAMP and LAST-MODIFIED: when the pairing last changed. */
  lastModified: Date;
}

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const weekday = (day: LocalDate) => WEEKDAYS[new Date(`${day}T00:00:00Z`).getUTCDay()];

function describe(v: DatedVisit): string {
  const programme = v.programme.map((i) => `- ${i.day} ${i.time} ${i.topic} (${i.place})`);
  return [
    v.pairingStatus === 'cancelled' ? `Cancelled: ${v.cancelReason}` : null,
    [
      `Host city: ${v.hostName}`,
      `Visitors from: ${v.visitingName}`,
      v.communityName ? `Community of practice: ${v.communityName}` : null,
      `Working days (${v.timeZone}): ${v.days.map((d) => `${weekday(d)} ${d}`).join(', ')}`,
    ]
      .filter(Boolean)
      .join('\n'),
    programme.length ? ['Programme:', ...programme].join('\n') : 'Programme: not set yet',
  ]
    .filter(Boolean)
    .join('\n\n');
}

export function visitEntry(v: DatedVisit): VisitEntry {
  return {
    uid: v.id,
    sequence: v.pairingVersion,
    status: v.pairingStatus === 'cancelled' ? 'CANCELLED' : 'CONFIRMED',
    start: v.startsOn,
    end: addDays(v.endsOn, 1),
    summary: `Staff exchange: ${v.visitingName} visits ${v.hostName} (visit ${v.number} of 2)`,
    description: describe(v),
    location: v.hostName,
    lastModified: v.pairingUpdatedAt,
  };
}

/** A feed's entries, by first day. */
export const visitFeed = (visits: readonly DatedVisit[]): VisitEntry[] =>
  visits.map(visitEntry).sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : a.uid.localeCompare(b.uid)));
