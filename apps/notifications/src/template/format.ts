/**
 * Dates and instants as the recipient reads them: in their language and their time zone. The
 * formatters are cached, since building an Intl.DateTimeFormat costs far more than using one.
 */

const LOCAL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
/** An ISO 8601 instant: a date, a time and a zone (`Z` or an offset). */
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/i;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(locale: string, timeZone: string, withTime: boolean): Intl.DateTimeFormat {
  const key = `${locale}|${timeZone}|${withTime}`;
  let format = formatters.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, {
      timeZone,
      year: 'numeric',
      month: 'long',
      day: 'numeric',
      ...(withTime ? { hour: '2-digit', minute: '2-digit' } : {}),
    });
    formatters.set(key, format);
  }
  return format;
}

/** A local date (`2025-03-14`) as a UTC midnight, or undefined when it is not one. */
function localDate(value: unknown): Date | undefined {
  const match = typeof value === 'string' ? LOCAL_DATE.exec(value) : null;
  if (!match) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  // 2025-02-30 would roll over to March: not a date.
  return date.getUTCMonth() === month - 1 && date.getUTCDate() === day ? date : undefined;
}

function instant(value: unknown): Date | undefined {
  if (typeof value !== 'string' || !INSTANT.test(value)) return undefined;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/** A local date, or the recipient's local date of an instant: `14 March 2025`, `14. März 2025`. */
export function formatDate(value: unknown, locale: string, timeZone: string): string {
  const day = localDate(value);
  if (day) return formatter(locale, 'UTC', false).format(day);
  const at = instant(value);
  if (at) return formatter(locale, timeZone, false).format(at);
  throw new Error(`${JSON.stringify(value)} is not a date (YYYY-MM-DD) or an ISO instant`);
}

/** Two local dates as one range: `10–14 March 2025`, `28 April – 2 May 2025`. */
export function formatDateRange(from: unknown, to: unknown, locale: string): string {
  const start = localDate(from);
  const end = localDate(to);
  if (!start || !end) throw new Error(`${JSON.stringify(from)}–${JSON.stringify(to)} is not a range of dates (YYYY-MM-DD)`);
  if (end < start) throw new Error(`the range ${String(from)}–${String(to)} ends before it starts`);
  return formatter(locale, 'UTC', false).formatRange(start, end);
}

/** An instant as date and time in the recipient's zone: `1 July 2025 at 17:30`. */
export function formatInstant(value: unknown, locale: string, timeZone: string): string {
  const at = instant(value);
  if (!at) throw new Error(`${JSON.stringify(value)} is not an ISO instant`);
  return formatter(locale, timeZone, true).format(at);
}
