import Holidays from 'date-holidays';
import { isIanaTimeZone, LocalDate, RuleViolation } from '@intercity/domain';

/**
 * Where a city is, as far as its calendar goes. `regionCode` is the ISO 3166-2 subdivision whose
 * public holidays apply on top of the national ones (`DE-BY`, `ES-MD`, `IT-62`, `AT-9`, `CH-ZH`,
 * `NL-NH`, `GB-SCT`); `locality` is date-holidays' code for a place inside that region with its own
 * holidays, for which ISO 3166-2 has no code: `RM` (Rome, 29 June), `B` (Barcelona), `A`
 * (Augsburg), `KATH` (Bavaria's predominantly Catholic municipalities such as Munich, which keep
 * 15 August). `timeZone` is the IANA zone the city's local dates are read in.
 */
export interface Place {
  countryCode: string;
  regionCode: string | null;
  locality?: string | null;
  timeZone: string;
}

/** The date-holidays calendar a place resolves to; `state`/`locality` null = not used. */
export interface HolidayRegion {
  countryCode: string;
  state: string | null;
  locality: string | null;
}

export interface ResolvedPlace {
  region: HolidayRegion;
  /**
   * What date-holidays has no data for, so a wider calendar stands in: `region` = only the
   * national holidays apply, `locality` = only the region's. The service can show this, since
   * it means local holidays the data does not know about will not be avoided.
   */
  fellBackFrom: 'region' | 'locality' | null;
}

const COUNTRY = /^[A-Z]{2}$/;
const REGION = /^([A-Z]{2})-([A-Z0-9]{1,3})$/;

// One instance serves only to list what date-holidays knows (countries, states, localities).
const catalogue = new Holidays();
let countries: Set<string> | undefined;

function knownCountries(): Set<string> {
  countries ??= new Set(Object.keys(catalogue.getCountries()));
  return countries;
}

/**
 * Checks a place and maps its ISO 3166-2 code to a date-holidays state. date-holidays keys states
 * by the part after the country (DE `BY`, ES `MD`, IT `62`, AT `9`, CH `ZH`, NL `NH`, BE `BRU`,
 * GB `SCT`), so the mapping is that suffix when date-holidays knows it; an unknown one falls back
 * to the national calendar and says so.
 */
export function resolvePlace(place: Place, field = 'place'): ResolvedPlace {
  const countryCode = place.countryCode;
  if (typeof countryCode !== 'string' || !COUNTRY.test(countryCode)) {
    throw RuleViolation.invalid('calendar.country-code', `${field}.countryCode`, `"${countryCode}" is not an ISO 3166-1 alpha-2 code such as DE`);
  }
  if (!knownCountries().has(countryCode)) {
    throw RuleViolation.unprocessable('calendar.country-unknown', `${field}.countryCode`, `no public-holiday data for country ${countryCode}`);
  }
  if (!isIanaTimeZone(place.timeZone)) {
    throw RuleViolation.invalid('calendar.time-zone', `${field}.timeZone`, `"${place.timeZone}" is not an IANA time zone such as Europe/Berlin`);
  }
  if (place.regionCode == null) {
    return { region: { countryCode, state: null, locality: null }, fellBackFrom: place.locality ? 'locality' : null };
  }
  const m = REGION.exec(place.regionCode);
  if (!m || m[1] !== countryCode) {
    throw RuleViolation.invalid(
      'calendar.region-code',
      `${field}.regionCode`,
      `"${place.regionCode}" is not an ISO 3166-2 code of ${countryCode} (such as ${countryCode}-XX)`,
    );
  }
  const states = catalogue.getStates(countryCode) ?? {};
  const state = Object.keys(states).find((s) => s.toUpperCase() === m[2]);
  if (!state) return { region: { countryCode, state: null, locality: null }, fellBackFrom: 'region' };
  if (!place.locality) return { region: { countryCode, state, locality: null }, fellBackFrom: null };
  const localities = catalogue.getRegions(countryCode, state) ?? {};
  const locality = Object.keys(localities).find((l) => l.toUpperCase() === place.locality?.toUpperCase());
  return locality
    ? { region: { countryCode, state, locality }, fellBackFrom: null }
    : { region: { countryCode, state, locality: null }, fellBackFrom: 'locality' };
}

function regionKey({ countryCode, state, locality }: HolidayRegion): string {
  return `${countryCode}/${state ?? ''}/${locality ?? ''}`;
}

const DAY_MS = 86_400_000;
const calendars = new Map<string, Holidays>();
const years = new Map<string, ReadonlyMap<LocalDate, string>>();

function holidaysOf(region: HolidayRegion): Holidays {
  const key = regionKey(region);
  let hd = calendars.get(key);
  if (!hd) {
    // Public holidays only: observances, optional, school and bank holidays are working days.
    const opts = { types: ['public' as const] };
    const { countryCode, state, locality } = region;
    hd = state === null ? new Holidays(countryCode, opts) : locality === null ? new Holidays(countryCode, state, opts) : new Holidays(countryCode, state, locality, opts);
    calendars.set(key, hd);
  }
  return hd;
}

/**
 * The public holidays of one region in one year, by local date, in the country's language.
 * Cached per (country, state, locality, year): date-holidays evaluates its rules (Easter, Orthodox
 * Easter, "Monday after") on every call, which is what a scheduler asking about hundreds of days
 * must not repeat.
 *
 * A holiday's `date` is the local wall time it starts at, which is the day it falls on. A holiday
 * lasting more than a day (Romania's 1-2 January) covers each of its days; a half-day one (Swiss
 * cantons' 1 May afternoon) counts as a day off, since a visit needs whole working days.
 */
export function publicHolidays(region: HolidayRegion, year: number): ReadonlyMap<LocalDate, string> {
  const key = `${regionKey(region)}/${year}`;
  let days = years.get(key);
  if (!days) {
    const found = new Map<LocalDate, string>();
    for (const h of holidaysOf(region).getHolidays(year)) {
      if (h.type !== 'public') continue;
      const first = h.date.slice(0, 10);
      const length = Math.max(1, Math.round((h.end.getTime() - h.start.getTime()) / DAY_MS));
      const start = Date.parse(`${first}T00:00:00Z`);
      for (let i = 0; i < length; i++) {
        const day = new Date(start + i * DAY_MS).toISOString().slice(0, 10);
        const before = found.get(day);
        found.set(day, before && before !== h.name ? `${before} / ${h.name}` : h.name);
      }
    }
    days = found;
    years.set(key, days);
  }
  return days;
}

/** The name of the public holiday on `day`, or null. */
export function publicHolidayOn(region: HolidayRegion, day: LocalDate): string | null {
  const year = Number(day.slice(0, 4));
  const name = publicHolidays(region, year).get(day);
  if (name !== undefined) return name;
  // A holiday of several days starting on 31 December is listed in the year before; none lasts a week.
  return day.slice(5) <= '01-07' ? (publicHolidays(region, year - 1).get(day) ?? null) : null;
}
