/**
 * Local dates ('YYYY-MM-DD'): a day in someone's calendar, with no time and no zone. They stay
 * strings end to end, so no process time zone can shift them by a day; being zero-padded, they
 * compare correctly as strings.
 */
export type LocalDate = string;

const FORMAT = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A real calendar day written as YYYY-MM-DD (so 2021-02-29 is not one). */
export function isLocalDate(value: unknown): value is LocalDate {
  if (typeof value !== 'string') return false;
  const m = FORMAT.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
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
