import ical, { ICalCalendarMethod, ICalEventStatus, ICalTZDateStub } from 'ical-generator';
import { tzlib_get_ical_block, tzlib_get_timezones } from 'timezones-ical-library';
import { localDateTimeOf } from '@intercity/domain';
import type { CalendarEntry } from './domain/calendar-entry';

/** `Local time (Europe/Rome): 2024-04-24 09:00–17:00`, with the end's date when it is another day. */
export function localTime({ tzid, start, end }: CalendarEntry): string {
  const hm = (t: string) => t.slice(0, 5);
  const until = end.local.date === start.local.date ? hm(end.local.time) : `${end.local.date} ${hm(end.local.time)}`;
  return `Local time (${tzid}): ${start.local.date} ${hm(start.local.time)}–${until}`;
}

let knownZones: ReadonlySet<string> | undefined;
const vtimezones = new Map<string, string | null>();

/** Zones the VTIMEZONE library has; asked first because it logs to stderr for any other. */
function hasVtimezone(zone: string): boolean {
  knownZones ??= new Set(tzlib_get_timezones() as string[]);
  return knownZones.has(zone);
}

/**
 * The VTIMEZONE for a zone, declared under the zone's own name. The library files an alias under
 * its canonical zone (Europe/Amsterdam as Europe/Brussels, Europe/Kiev as Europe/Kyiv) with the same
 * rules; the TZID is put back to the name the activity uses, so clients show the host's own city.
 * Its rules are the zone's current ones (RRULEs from 1970), which is what sessions ahead need.
 */
export function vtimezone(zone: string): string | null {
  // The library rebuilds its whole zone table on every lookup: one lookup per zone and process.
  let block = vtimezones.get(zone);
  if (block === undefined) {
    const found = hasVtimezone(zone) ? tzlib_get_ical_block(zone) : null;
    block = Array.isArray(found) && found[0] ? found[0].replace(/^TZID:.*$/m, `TZID:${zone}`).replace(/^X-LIC-LOCATION:.*$/m, `X-LIC-LOCATION:${zone}`) : null;
    vtimezones.set(zone, block);
  }
  return block;
}

interface Wall {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

/**
 * An instant that reads as wall-clock time in one zone: the TZDate shape ical-generator accepts for
 * `DTSTART;TZID=…`. A plain Date would be written in the server process's own zone instead.
 */
export class ZonedInstant extends Date implements ICalTZDateStub {
  readonly internal: Date;
  readonly timeZone: string;
  private readonly wall: Wall;

  constructor(instant: Date, timeZone: string) {
    super(instant.getTime());
    this.internal = new Date(instant.getTime());
    this.timeZone = timeZone;
    const { date, time } = localDateTimeOf(instant, timeZone);
    const [year, month, day] = date.split('-').map(Number);
    const [hour, minute, second] = time.split(':').map(Number);
    this.wall = { year, month, day, hour, minute, second };
  }

  withTimeZone(timeZone?: string | null): ZonedInstant {
    return new ZonedInstant(this.internal, timeZone ?? this.timeZone);
  }

  tzComponents(): Wall {
    return { ...this.wall };
  }

  override getFullYear(): number {
    return this.wall.year;
  }
  override getMonth(): number {
    return this.wall.month - 1;
  }
  override getDate(): number {
    return this.wall.day;
  }
  override getHours(): number {
    return this.wall.hour;
  }
  override getMinutes(): number {
    return this.wall.minute;
  }
  override getSeconds(): number {
    return this.wall.second;
  }
}

/**
 * An iCalendar (RFC 5545) feed of the entries, written by ical-generator (CRLF, folding,
 * escaping). Session times are the host's wall-clock time with `TZID` of the activity's zone, and
 * the calendar carries a VTIMEZONE for every zone used, so a client keeps 09:00 in Lisbon at 09:00
 * across a DST change and shows the host's zone beside the reader's. A zone the VTIMEZONE library
 * lacks falls back to UTC (`…Z`), which every client still places right; the description names the
 * host's local time either way.
 */
export function renderCalendar(name: string, entries: readonly CalendarEntry[]): string {
  const calendar = ical({
    name,
    prodId: { company: 'Intercity', product: 'practice', language: 'EN' },
    method: ICalCalendarMethod.PUBLISH,
    // No calendar-wide zone (feeds mix hosts); the generator writes a VTIMEZONE per event zone.
    timezone: { name: null, generator: vtimezone },
  });
  for (const e of entries) {
    const zone = e.tzid !== 'UTC' && vtimezone(e.tzid) ? e.tzid : null;
    calendar.createEvent({
      id: e.uid,
      sequence: e.sequence,
      stamp: e.lastModified,
      lastModified: e.lastModified,
      timezone: zone,
      start: zone ? new ZonedInstant(e.start.utc, zone) : e.start.utc,
      end: zone ? new ZonedInstant(e.end.utc, zone) : e.end.utc,
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
