import { addDays, daysBetween, isLocalDate, isoWeekday, LocalDate, RuleViolation } from '@intercity/domain';
import { HolidayRegion, Place, publicHolidayOn, publicHolidays, resolvePlace } from './public-holidays';

/** A span of days (both ends included) on which a city hosts and sends no one: elections, summer closure. */
export interface Blackout {
  from: LocalDate;
  to: LocalDate;
  name: string;
}

export type DayOffKind = 'weekend' | 'public-holiday' | 'blackout';

export interface DayOff {
  date: LocalDate;
  kind: DayOffKind;
  /** The holiday's or blackout's name; `weekend` for a weekend day. */
  name: string;
}

export interface WorkingDays {
  /** The working days, in order. */
  days: LocalDate[];
  /** The last of them. */
  end: LocalDate;
  /** The days off between the start and the end (and the start itself, when it is one). */
  skipped: DayOff[];
}

export interface VisitDates {
  start: LocalDate;
  end: LocalDate;
}

/** A visit lasts five working days of its host's calendar. */
export const VISIT_WORKING_DAYS = 5;

/** What `dayCodes` stores per day; a day that is several things shows the one that weighs most. */
export const DayCode = { working: 0, weekend: 1, publicHoliday: 2, blackout: 3 } as const;
export type DayCode = (typeof DayCode)[keyof typeof DayCode];

// Far enough for any sane count and blackout, short enough that a year-long closure answers at once.
const SEARCH_LIMIT_DAYS = 732;
const DAY_MS = 86_400_000;

interface WeekInfo {
  weekend: number[];
}

/**
 * The country's weekend from CLDR (Node's ICU): Saturday-Sunday in Europe, Friday-Saturday in
 * Israel and most of the Gulf. Maintained data, like the holidays, rather than our own table.
 */
function weekendOf(countryCode: string): ReadonlySet<number> {
  const locale = new Intl.Locale(`und-${countryCode}`) as Intl.Locale & { weekInfo?: WeekInfo; getWeekInfo?: () => WeekInfo };
  const info = locale.getWeekInfo?.() ?? locale.weekInfo;
  return new Set(info?.weekend?.length ? info.weekend : [6, 7]);
}

function field(prefix: string, name: string): string {
  return prefix ? `${prefix}.${name}` : name;
}

/**
 * A city's working days: not its weekend, not a public holiday of its country and region (from
 * date-holidays), not one of its blackouts. Dates are the city's local dates.
 */
export class WorkingCalendar {
  readonly region: HolidayRegion;
  /** See ResolvedPlace: what date-holidays did not know about this place. */
  readonly fellBackFrom: 'region' | 'locality' | null;
  readonly weekend: ReadonlySet<number>;
  readonly blackouts: readonly Blackout[];

  /** Throws a RuleViolation naming `${fieldPrefix}.…` when the place or a blackout is malformed. */
  constructor(
    readonly place: Place,
    blackouts: readonly Blackout[] = [],
    fieldPrefix = 'place',
  ) {
    const resolved = resolvePlace(place, fieldPrefix);
    this.region = resolved.region;
    this.fellBackFrom = resolved.fellBackFrom;
    this.weekend = weekendOf(place.countryCode);
    blackouts.forEach((b, i) => {
      const at = `${fieldPrefix}.blackouts[${i}]`;
      if (!isLocalDate(b.from)) throw RuleViolation.invalid('calendar.blackout-date', `${at}.from`, `"${b.from}" is not a date (YYYY-MM-DD)`);
      if (!isLocalDate(b.to)) throw RuleViolation.invalid('calendar.blackout-date', `${at}.to`, `"${b.to}" is not a date (YYYY-MM-DD)`);
      if (b.to < b.from) throw RuleViolation.invalid('calendar.blackout-ends-before-start', `${at}.to`, `the blackout ends (${b.to}) before it starts (${b.from})`);
      if (typeof b.name !== 'string' || !b.name.trim()) throw RuleViolation.invalid('calendar.blackout-name', `${at}.name`, 'a blackout needs a name');
    });
    this.blackouts = [...blackouts].sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
  }

  blackoutOn(date: LocalDate): Blackout | null {
    return this.blackouts.find((b) => b.from <= date && date <= b.to) ?? null;
  }

  publicHolidayOn(date: LocalDate): string | null {
    return publicHolidayOn(this.region, date);
  }

  /** Why `date` is not a working day, or null when it is one. A blackout outweighs a holiday, a holiday a weekend. */
  dayOff(date: LocalDate): DayOff | null {
    if (!isLocalDate(date)) throw RuleViolation.invalid('calendar.date', 'date', `"${date}" is not a date (YYYY-MM-DD)`);
    const blackout = this.blackoutOn(date);
    if (blackout) return { date, kind: 'blackout', name: blackout.name };
    const holiday = this.publicHolidayOn(date);
    if (holiday) return { date, kind: 'public-holiday', name: holiday };
    if (this.weekend.has(isoWeekday(date))) return { date, kind: 'weekend', name: 'weekend' };
    return null;
  }

  isWorkingDay(date: LocalDate): boolean {
    return this.dayOff(date) === null;
  }

  /**
   * The first `count` working days from `start` (itself included when it is one): a holiday or
   * weekend in between pushes the end out, it does not shorten the visit.
   */
  workingDaysFrom(start: LocalDate, count = VISIT_WORKING_DAYS): WorkingDays {
    if (!isLocalDate(start)) throw RuleViolation.invalid('calendar.date', 'start', `"${start}" is not a date (YYYY-MM-DD)`);
    if (!Number.isInteger(count) || count < 1 || count > 366) {
      throw RuleViolation.invalid('calendar.working-day-count', 'count', `count must be a whole number from 1 to 366, not ${count}`);
    }
    const days: LocalDate[] = [];
    const skipped: DayOff[] = [];
    for (let i = 0; days.length < count; i++) {
      if (i > SEARCH_LIMIT_DAYS + count) {
        throw RuleViolation.unprocessable('calendar.no-working-days', 'start', `fewer than ${count} working days in the ${i} days from ${start}`);
      }
      const date = addDays(start, i);
      const off = this.dayOff(date);
      if (off) skipped.push(off);
      else days.push(date);
    }
    return { days, end: days[days.length - 1], skipped };
  }

  /**
   * Checks that a visit starts and ends on working days, holds exactly five working days and
   * touches no blackout. Returns its working days; throws the first RuleViolation, naming
   * `${fieldPrefix}.start` or `.end`.
   */
  validateVisit(visit: VisitDates, fieldPrefix = ''): WorkingDays {
    const startField = field(fieldPrefix, 'start');
    const endField = field(fieldPrefix, 'end');
    if (!isLocalDate(visit.start)) throw RuleViolation.invalid('visit.date', startField, `"${visit.start}" is not a date (YYYY-MM-DD)`);
    if (!isLocalDate(visit.end)) throw RuleViolation.invalid('visit.date', endField, `"${visit.end}" is not a date (YYYY-MM-DD)`);
    if (visit.end < visit.start) throw RuleViolation.invalid('visit.ends-before-start', endField, `the visit ends (${visit.end}) before it starts (${visit.start})`);
    const span = daysBetween(visit.start, visit.end) + 1;
    if (span > SEARCH_LIMIT_DAYS) {
      throw RuleViolation.unprocessable('visit.working-days', endField, `a visit lasts ${VISIT_WORKING_DAYS} working days, not ${span} calendar days`);
    }
    const blackout = this.blackouts.find((b) => b.from <= visit.end && visit.start <= b.to);
    if (blackout) {
      throw RuleViolation.conflict(
        'visit.blackout',
        `the host is closed from ${blackout.from} to ${blackout.to} (${blackout.name}), within the visit ${visit.start}..${visit.end}`,
        visit.start >= blackout.from ? startField : endField,
      );
    }
    const startOff = this.dayOff(visit.start);
    if (startOff) throw RuleViolation.unprocessable('visit.starts-on-day-off', startField, `the visit starts on a day off in the host city: ${visit.start}, ${startOff.name}`);
    const endOff = this.dayOff(visit.end);
    if (endOff) throw RuleViolation.unprocessable('visit.ends-on-day-off', endField, `the visit ends on a day off in the host city: ${visit.end}, ${endOff.name}`);
    const days: LocalDate[] = [];
    const skipped: DayOff[] = [];
    for (let i = 0; i < span; i++) {
      const date = addDays(visit.start, i);
      const off = this.dayOff(date);
      if (off) skipped.push(off);
      else days.push(date);
    }
    if (days.length !== VISIT_WORKING_DAYS) {
      throw RuleViolation.unprocessable(
        'visit.working-days',
        endField,
        `a visit lasts ${VISIT_WORKING_DAYS} working days of the host city; ${visit.start}..${visit.end} holds ${days.length}`,
      );
    }
    return { days, end: visit.end, skipped };
  }

  /**
   * One DayCode per day from `from` to `to` (both included): the fast path for the scheduler, which
   * looks at every day of a range for several cities. Holidays come from the per-year cache, so
   * this touches date-holidays at most once per region and year.
   */
  dayCodes(from: LocalDate, to: LocalDate): Uint8Array {
    const n = daysBetween(from, to) + 1;
    const codes = new Uint8Array(Math.max(0, n));
    if (n <= 0) return codes;
    const firstWeekday = isoWeekday(from);
    for (let i = 0; i < n; i++) {
      if (this.weekend.has(((firstWeekday - 1 + i) % 7) + 1)) codes[i] = DayCode.weekend;
    }
    // A holiday of several days starting on 31 December would run into January: look at the year
    // before only when the range starts in the first week of a year.
    const firstYear = Number(from.slice(0, 4));
    const fromMs = Date.parse(`${from}T00:00:00Z`);
    for (let year = from.slice(5) <= '01-07' ? firstYear - 1 : firstYear, last = Number(to.slice(0, 4)); year <= last; year++) {
      for (const day of publicHolidays(this.region, year).keys()) {
        if (day < from || day > to) continue;
        codes[Math.round((Date.parse(`${day}T00:00:00Z`) - fromMs) / DAY_MS)] = DayCode.publicHoliday;
      }
    }
    for (const b of this.blackouts) {
      if (b.to < from || b.from > to) continue;
      const first = b.from < from ? 0 : daysBetween(from, b.from);
      const last = b.to > to ? n - 1 : daysBetween(from, b.to);
      codes.fill(DayCode.blackout, first, last + 1);
    }
    return codes;
  }
}
