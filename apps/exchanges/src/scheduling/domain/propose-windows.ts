import { daysBetween, isLocalDate, LocalDate, RuleViolation } from '@intercity/domain';
import { DayCode, DayOffKind, VISIT_WORKING_DAYS, WorkingCalendar } from '../../calendar/domain/working-calendar';
import { busyDuring, checkVisitors, Visitor } from './visitors';

/**
 * The two cities of a pairing. Visit one: the implementing city's staff go to the mentoring city
 * (host: mentoring). Visit two: the mentoring city's staff go to the implementing city.
 */
export interface PairingCalendars {
  mentoring: WorkingCalendar;
  implementing: WorkingCalendar;
}

export interface ProposalRequest extends PairingCalendars {
  /** Who goes on each visit: visit one's are the implementing city's staff, visit two's the mentoring city's. */
  visitors?: { visitOne?: readonly Visitor[]; visitTwo?: readonly Visitor[] };
  /** Both visits lie within it, both ends included. */
  range: { from: LocalDate; to: LocalDate };
  /** Whole calendar days between visit one's last day and visit two's first; 0 = the next day. */
  minGapDays: number;
  /** How many candidates to return, earliest first; default 5. */
  maxCandidates?: number;
}

export interface ProposedVisit {
  start: LocalDate;
  end: LocalDate;
  /** The five working days of the host city. */
  days: LocalDate[];
}

export interface Candidate {
  visitOne: ProposedVisit;
  visitTwo: ProposedVisit;
}

/** Why a visit could not start on a date. Each names the day or period to blame, so runs of dates share it. */
export type SkipReason =
  | { code: 'start-not-working-day'; kind: Exclude<DayOffKind, 'blackout'>; name: string }
  | { code: 'host-blackout'; from: LocalDate; to: LocalDate; name: string }
  | { code: 'ends-after-range' }
  | { code: 'visiting-city-public-holiday'; date: LocalDate; name: string }
  | { code: 'visiting-city-blackout'; from: LocalDate; to: LocalDate; name: string }
  | { code: 'visitor-busy'; personId: string; from: LocalDate; to: LocalDate | null }
  | { code: 'no-visit-two-fits' };

/** Consecutive dates on which `visit` could not start, all for the same reasons. */
export interface SkippedRun {
  visit: 'one' | 'two';
  from: LocalDate;
  to: LocalDate;
  reasons: SkipReason[];
}

export interface Proposal {
  candidates: Candidate[];
  skipped: SkippedRun[];
}

export const DEFAULT_MAX_CANDIDATES = 5;
/** Four years: a project's whole period, while a request still answers in milliseconds. */
export const MAX_RANGE_DAYS = 1461;
export const MAX_GAP_DAYS = 366;
const DAY_MS = 86_400_000;

/**
 * One visit (a host, the visitors' home city, the visitors) looked at over the whole range at once,
 * so that each start date costs a few array reads instead of a walk over its days.
 */
class VisitWindow {
  private readonly host: Uint8Array;
  private readonly home: Uint8Array;
  /** Index of each host working day, in order, and for each day how many working days precede it. */
  private readonly working: Int32Array;
  private readonly ordinal: Int32Array;
  // Prefix sums over the range of the days that block a visit containing them.
  private readonly hostBlackouts: Int32Array;
  private readonly homeHolidays: Int32Array;
  private readonly homeBlackouts: Int32Array;
  private readonly busy: Int32Array[];
  readonly ok: Uint8Array;
  readonly end: Int32Array;
  private readonly fromMs: number;

  constructor(
    private readonly hostCalendar: WorkingCalendar,
    private readonly homeCalendar: WorkingCalendar,
    private readonly visitors: readonly Visitor[],
    private readonly from: LocalDate,
    to: LocalDate,
  ) {
    const n = daysBetween(from, to) + 1;
    this.fromMs = Date.parse(`${from}T00:00:00Z`);
    this.host = hostCalendar.dayCodes(from, to);
    this.home = homeCalendar.dayCodes(from, to);
    this.ordinal = new Int32Array(n);
    const working: number[] = [];
    this.hostBlackouts = new Int32Array(n + 1);
    this.homeHolidays = new Int32Array(n + 1);
    this.homeBlackouts = new Int32Array(n + 1);
    for (let i = 0; i < n; i++) {
      this.ordinal[i] = working.length;
      if (this.host[i] === DayCode.working) working.push(i);
      this.hostBlackouts[i + 1] = this.hostBlackouts[i] + (this.host[i] === DayCode.blackout ? 1 : 0);
      // The visitors' own public holiday matters on the days they would work abroad.
      this.homeHolidays[i + 1] = this.homeHolidays[i] + (this.host[i] === DayCode.working && this.home[i] === DayCode.publicHoliday ? 1 : 0);
      // Their city's blackout (elections, closure) keeps them home on any day of the trip.
      this.homeBlackouts[i + 1] = this.homeBlackouts[i] + (this.home[i] === DayCode.blackout ? 1 : 0);
    }
    this.working = Int32Array.from(working);
    this.busy = visitors.map((v) => {
      const marks = new Uint8Array(n);
      for (const p of v.busy) {
        if (p.from > to || (p.to != null && p.to < from)) continue;
        const first = p.from < from ? 0 : daysBetween(from, p.from);
        const last = p.to == null || p.to > to ? n - 1 : daysBetween(from, p.to);
        marks.fill(1, first, last + 1);
      }
      const sums = new Int32Array(n + 1);
      for (let i = 0; i < n; i++) sums[i + 1] = sums[i] + marks[i];
      return sums;
    });
    this.ok = new Uint8Array(n);
    this.end = new Int32Array(n).fill(-1);
    for (let i = 0; i < n; i++) {
      if (this.host[i] !== DayCode.working) continue;
      const last = this.ordinal[i] + VISIT_WORKING_DAYS - 1;
      if (last >= this.working.length) continue;
      const e = this.working[last];
      this.end[i] = e;
      this.ok[i] = this.clear(i, e) ? 1 : 0;
    }
  }

  private clear(s: number, e: number): boolean {
    const none = (sums: Int32Array) => sums[e + 1] === sums[s];
    return none(this.hostBlackouts) && none(this.homeHolidays) && none(this.homeBlackouts) && this.busy.every(none);
  }

  date(i: number): LocalDate {
    // `from` is checked and i lies in the range: no need for addDays' parsing and checks.
    return new Date(this.fromMs + i * DAY_MS).toISOString().slice(0, 10);
  }

  visit(s: number): ProposedVisit {
    const first = this.ordinal[s];
    const days = Array.from(this.working.subarray(first, first + VISIT_WORKING_DAYS), (i) => this.date(i));
    return { start: days[0], end: days[days.length - 1], days };
  }

  /** Why no visit starts on day `s` (only asked of days that are not ok, and only for the report). */
  reasons(s: number): SkipReason[] {
    const start = this.date(s);
    const code = this.host[s];
    if (code === DayCode.blackout) return [{ code: 'host-blackout', ...this.blackout(this.hostCalendar, start) }];
    if (code !== DayCode.working) {
      const holiday = code === DayCode.publicHoliday ? this.hostCalendar.publicHolidayOn(start) : null;
      return [holiday ? { code: 'start-not-working-day', kind: 'public-holiday', name: holiday } : { code: 'start-not-working-day', kind: 'weekend', name: 'weekend' }];
    }
    const e = this.end[s];
    if (e < 0) return [{ code: 'ends-after-range' }];
    const reasons: SkipReason[] = [];
    const first = (test: (i: number) => boolean) => {
      for (let i = s; i <= e; i++) if (test(i)) return i;
      return -1;
    };
    const hostBlackout = first((i) => this.host[i] === DayCode.blackout);
    if (hostBlackout >= 0) reasons.push({ code: 'host-blackout', ...this.blackout(this.hostCalendar, this.date(hostBlackout)) });
    const homeHoliday = first((i) => this.host[i] === DayCode.working && this.home[i] === DayCode.publicHoliday);
    if (homeHoliday >= 0) {
      const date = this.date(homeHoliday);
      reasons.push({ code: 'visiting-city-public-holiday', date, name: this.homeCalendar.publicHolidayOn(date) ?? '' });
    }
    const homeBlackout = first((i) => this.home[i] === DayCode.blackout);
    if (homeBlackout >= 0) reasons.push({ code: 'visiting-city-blackout', ...this.blackout(this.homeCalendar, this.date(homeBlackout)) });
    const end = this.date(e);
    for (const v of this.visitors) {
      const p = busyDuring(v, start, end);
      if (p) reasons.push({ code: 'visitor-busy', personId: v.personId, from: p.from, to: p.to ?? null });
    }
    return reasons;
  }

  private blackout(calendar: WorkingCalendar, date: LocalDate): { from: LocalDate; to: LocalDate; name: string } {
    const b = calendar.blackoutOn(date);
    return b ? { from: b.from, to: b.to, name: b.name } : { from: date, to: date, name: '' };
  }
}

function checkRequest(r: ProposalRequest): number {
  const { from, to } = r.range;
  if (!isLocalDate(from)) throw RuleViolation.invalid('scheduling.range-date', 'range.from', `"${from}" is not a date (YYYY-MM-DD)`);
  if (!isLocalDate(to)) throw RuleViolation.invalid('scheduling.range-date', 'range.to', `"${to}" is not a date (YYYY-MM-DD)`);
  if (to < from) throw RuleViolation.invalid('scheduling.range-ends-before-start', 'range.to', `the range ends (${to}) before it starts (${from})`);
  if (daysBetween(from, to) + 1 > MAX_RANGE_DAYS) {
    throw RuleViolation.invalid('scheduling.range-too-long', 'range.to', `a range spans at most ${MAX_RANGE_DAYS} days`);
  }
  if (!Number.isInteger(r.minGapDays) || r.minGapDays < 0 || r.minGapDays > MAX_GAP_DAYS) {
    throw RuleViolation.invalid('scheduling.min-gap-days', 'minGapDays', `the gap is a whole number of days from 0 to ${MAX_GAP_DAYS}`);
  }
  const max = r.maxCandidates ?? DEFAULT_MAX_CANDIDATES;
  if (!Number.isInteger(max) || max < 1 || max > 100) {
    throw RuleViolation.invalid('scheduling.max-candidates', 'maxCandidates', 'ask for 1 to 100 candidates');
  }
  checkVisitors(r.visitors?.visitOne ?? [], 'visitors.visitOne');
  checkVisitors(r.visitors?.visitTwo ?? [], 'visitors.visitTwo');
  return max;
}

/**
 * The earliest pairs of visits that fit a range, earliest visit one first, each with the earliest
 * visit two that can follow it. A visit:
 * - starts on a working day of its host and lasts five of them (days off in between extend it);
 * - touches no blackout of the host, nor of the visitors' home city (any day of the trip);
 * - puts no visit day (a host working day) on a public holiday of the visitors' home city;
 * - shares no day with a visitor's busy period;
 * and visit two starts at least `minGapDays` whole days after visit one ends.
 *
 * `skipped` says why the dates examined did not give a candidate: for visit one, every date from
 * the range's start to the last candidate's (to the range's end when fewer were found); for visit
 * two, the dates from the earliest it could follow a visit one to the last candidate's visit two.
 * Consecutive dates with the same reasons are one run, so a long range stays a short answer.
 */
export function proposeWindows(request: ProposalRequest): Proposal {
  const max = checkRequest(request);
  const { from, to } = request.range;
  const n = daysBetween(from, to) + 1;
  const one = new VisitWindow(request.mentoring, request.implementing, request.visitors?.visitOne ?? [], from, to);
  const two = new VisitWindow(request.implementing, request.mentoring, request.visitors?.visitTwo ?? [], from, to);

  const nextTwo = new Int32Array(n + 1).fill(-1);
  for (let i = n - 1; i >= 0; i--) nextTwo[i] = two.ok[i] ? i : nextTwo[i + 1];
  const twoAfter = (s1: number) => {
    const earliest = one.end[s1] + request.minGapDays + 1;
    return earliest < n ? nextTwo[earliest] : -1;
  };

  const starts: [number, number][] = [];
  for (let s1 = 0; s1 < n && starts.length < max; s1++) {
    if (!one.ok[s1]) continue;
    const s2 = twoAfter(s1);
    if (s2 >= 0) starts.push([s1, s2]);
  }

  const full = starts.length === max;
  const skipped: SkippedRun[] = [];
  const lastOne = full ? starts[starts.length - 1][0] : n - 1;
  const chosen = new Set(starts.map(([s1]) => s1));
  const runs = new RunCollector('one', one, skipped);
  for (let s = 0; s <= lastOne; s++) {
    if (chosen.has(s)) runs.close();
    else runs.add(s, one.ok[s] ? [{ code: 'no-visit-two-fits' }] : one.reasons(s));
  }
  runs.close();

  let firstOne = 0;
  while (firstOne < n && !one.ok[firstOne]) firstOne++;
  if (firstOne < n) {
    const twoRuns = new RunCollector('two', two, skipped);
    const lastTwo = full ? starts[starts.length - 1][1] : n - 1;
    for (let s = one.end[firstOne] + request.minGapDays + 1; s <= lastTwo; s++) {
      if (two.ok[s]) twoRuns.close();
      else twoRuns.add(s, two.reasons(s));
    }
    twoRuns.close();
  }

  return { candidates: starts.map(([s1, s2]) => ({ visitOne: one.visit(s1), visitTwo: two.visit(s2) })), skipped };
}

class RunCollector {
  private run: { first: number; last: number; key: string; reasons: SkipReason[] } | null = null;

  constructor(
    private readonly visit: 'one' | 'two',
    private readonly window: VisitWindow,
    private readonly out: SkippedRun[],
  ) {}

  add(day: number, reasons: SkipReason[]): void {
    const key = JSON.stringify(reasons);
    if (this.run && this.run.key === key && this.run.last === day - 1) {
      this.run.last = day;
      return;
    }
    this.close();
    this.run = { first: day, last: day, key, reasons };
  }

  close(): void {
    if (!this.run) return;
    const { first, last, reasons } = this.run;
    this.out.push({ visit: this.visit, from: this.window.date(first), to: this.window.date(last), reasons });
    this.run = null;
  }
}
