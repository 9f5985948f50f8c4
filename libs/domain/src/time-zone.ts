import { isLocalDate, LocalDate } from './local-date';

/**
 * Instants and wall-clock times in IANA time zones, on the ICU data Node ships (Intl), so no
 * library and no process time zone is involved. An activity's days and an iCalendar's TZID
 * times are read in the host's zone, never in the server's.
 */

/** A wall-clock time 'HH:MM' or 'HH:MM:SS', 24-hour. */
export type LocalTime = string;

export interface LocalDateTime {
  date: LocalDate;
  /** Always 'HH:MM:SS'. */
  time: LocalTime;
}

const ZONE_NAME = /^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+)*$/;
const TIME = /^([01]\d|2[0-3]):([0-5]\d)(?::([0-5]\d))?$/;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** An IANA time zone name (`Europe/Berlin`, `UTC`); offsets such as `+01:00` are not zones. */
export function isIanaTimeZone(value: unknown): value is string {
  if (typeof value !== 'string' || !ZONE_NAME.test(value)) return false;
  try {
    formatter(value);
    return true;
  } catch {
    return false;
  }
}

export function isLocalTime(value: unknown): value is LocalTime {
  return typeof value === 'string' && TIME.test(value);
}

interface Fields {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

function wallFields(instant: Date, timeZone: string): Fields {
  const out: Record<string, number> = {};
  for (const p of formatter(timeZone).formatToParts(instant)) {
    if (p.type !== 'literal') out[p.type] = Number(p.value);
  }
  return { year: out.year, month: out.month, day: out.day, hour: out.hour, minute: out.minute, second: out.second };
}

function wallAsUtcMs(f: Fields): number {
  // Date.UTC maps years 0-99 to 1900-1999; setUTCFullYear does not.
  const d = new Date(Date.UTC(2000, f.month - 1, f.day, f.hour, f.minute, f.second));
  d.setUTCFullYear(f.year);
  return d.getTime();
}

/** The zone's offset from UTC at an instant, in milliseconds (Europe/Rome in July: +7,200,000). */
export function offsetAt(instant: Date, timeZone: string): number {
  const whole = new Date(Math.floor(instant.getTime() / 1000) * 1000);
  return wallAsUtcMs(wallFields(whole, timeZone)) - whole.getTime();
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

export function localDateTimeOf(instant: Date, timeZone: string): LocalDateTime {
  const f = wallFields(instant, timeZone);
  return {
    date: `${pad(f.year, 4)}-${pad(f.month)}-${pad(f.day)}`,
    time: `${pad(f.hour)}:${pad(f.minute)}:${pad(f.second)}`,
  };
}

/** The day an instant falls on in a zone's calendar. */
export function localDateOf(instant: Date, timeZone: string): LocalDate {
  return localDateTimeOf(instant, timeZone).date;
}

/**
 * How to read a wall time that a daylight-saving change makes ambiguous: `earlier` or `later` of
 * the two instants in a fold; `compatible` (as RFC 5545 and Temporal read it) takes the earlier
 * in a fold and moves a time in a gap forward by the gap's length (02:30 on the spring-forward
 * night in Berlin is 03:30 CEST); `reject` throws for both.
 */
export type Disambiguation = 'compatible' | 'earlier' | 'later' | 'reject';

/** The instant a wall-clock time on a local date names in a zone. */
export function instantAt(date: LocalDate, time: LocalTime, timeZone: string, disambiguation: Disambiguation = 'compatible'): Date {
  if (!isLocalDate(date)) throw new RangeError(`"${date}" is not a local date (YYYY-MM-DD)`);
  const t = TIME.exec(time);
  if (!t) throw new RangeError(`"${time}" is not a local time (HH:MM[:SS])`);
  if (!isIanaTimeZone(timeZone)) throw new RangeError(`"${timeZone}" is not an IANA time zone`);
  const wall = wallAsUtcMs({
    year: Number(date.slice(0, 4)),
    month: Number(date.slice(5, 7)),
    day: Number(date.slice(8, 10)),
    hour: Number(t[1]),
    minute: Number(t[2]),
    second: Number(t[3] ?? 0),
  });
  // Offsets a day either side bracket any transition near this wall time; zones change their
  // offset at most once in two days.
  const before = offsetAt(new Date(wall - 86_400_000), timeZone);
  const after = offsetAt(new Date(wall + 86_400_000), timeZone);
  const candidates = [...new Set([before, after])]
    .map((offset) => wall - offset)
    .filter((ms) => wallAsUtcMs(wallFields(new Date(ms), timeZone)) === wall)
    .sort((a, b) => a - b);
  if (candidates.length === 1) return new Date(candidates[0]);
  if (candidates.length > 1) {
    if (disambiguation === 'reject') throw new RangeError(`${date} ${time} occurs twice in ${timeZone}`);
    return new Date(disambiguation === 'later' ? candidates[candidates.length - 1] : candidates[0]);
  }
  if (disambiguation === 'reject') throw new RangeError(`${date} ${time} does not occur in ${timeZone}`);
  // In a gap: read the wall time with the offset before the change (`compatible`, `later`), or
  // with the one after it (`earlier`), landing either side of the skipped hour.
  return new Date(disambiguation === 'earlier' ? wall - after : wall - before);
}

/** The first instant of a local day in a zone (midnight, or later where a change skips it). */
export function startOfLocalDay(date: LocalDate, timeZone: string): Date {
  return instantAt(date, '00:00:00', timeZone, 'compatible');
}
