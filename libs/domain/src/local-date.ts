/**
 * Local dates ('YYYY-MM-DD'): a day in someone's calendar, with no time and no zone. They stay
 * strings end to end, so no process time zone can shift them by a day; being zero-padded, they
 * compare correctly as strings.
 */
export type LocalDate = string;

const FORMAT = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

/** A real calendar day written as YYYY-MM-DD (so 2021-02-29 is not one). */
export function isLocalDate(value: unknown): value is LocalDate {
  if (typeof value !== 'string') return false;
  const m = FORMAT.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

// Day arithmetic runs on UTC midnights, where every day is 24 hours long: no daylight saving
// change can make a day count twice or vanish.
function toEpochDay(day: LocalDate): number {
  if (!isLocalDate(day)) throw new RangeError(`"${day}" is not a local date (YYYY-MM-DD)`);
  return Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10))) / DAY_MS;
}

function fromEpochDay(epochDay: number): LocalDate {
  return new Date(epochDay * DAY_MS).toISOString().slice(0, 10);
}

export function addDays(day: LocalDate, days: number): LocalDate {
  return fromEpochDay(toEpochDay(day) + days);
}

/** Whole days from `from` to `to` (negative when `to` comes first). */
export function daysBetween(from: LocalDate, to: LocalDate): number {
  return toEpochDay(to) - toEpochDay(from);
}

/** ISO weekday: Monday is 1, Sunday 7. */
export function isoWeekday(day: LocalDate): number {
  // 1970-01-01 was a Thursday.
  return ((((toEpochDay(day) + 3) % 7) + 7) % 7) + 1;
}

/** A span of days, both ends included; an open end runs on indefinitely. */
export interface Period {
  from: LocalDate;
  to?: LocalDate | null;
}

export function endsBeforeItStarts({ from, to }: Period): boolean {
  return to != null && to < from;
}

/**
 * Whether `inner` lies within `outer`. An open-ended inner period lasts as long as the outer one
 * (a participation without an end runs until its project ends).
 */
export function isWithin(inner: Period, outer: Period): boolean {
  if (inner.from < outer.from) return false;
  if (outer.to == null) return true;
  return inner.from <= outer.to && (inner.to == null || inner.to <= outer.to);
}

export function contains(period: Period, day: LocalDate): boolean {
  return day >= period.from && (period.to == null || day <= period.to);
}

/** Every day of a closed period, in order. */
export function eachDay(from: LocalDate, to: LocalDate): LocalDate[] {
  const days: LocalDate[] = [];
  for (let d = toEpochDay(from), end = toEpochDay(to); d <= end; d++) days.push(fromEpochDay(d));
  return days;
}
