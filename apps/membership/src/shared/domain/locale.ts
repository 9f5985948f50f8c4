import { isISO31661Alpha2 } from 'class-validator';

/**
 * Places, zones and languages, checked against real registries (ISO 3166-1 via validator.js, IANA
 * and CLDR via the ICU data in Node), not just their shape: a member's country and time zone feed
 * holiday calendars and scheduling elsewhere, so a plausible-looking typo must not get in.
 */

/** ISO 3166-1 alpha-2, upper case as the standard writes it (`DE`, not `de`; no `UK`). */
export function isCountryCode(value: string): boolean {
  return /^[A-Z]{2}$/.test(value) && isISO31661Alpha2(value);
}

/** The shape of an ISO 3166-2 subdivision code (`DE-HE`, `IT-45`, `BE-BRU`). */
export function isSubdivisionCode(value: string): boolean {
  return /^[A-Z]{2}-[A-Z0-9]{1,3}$/.test(value);
}

/** A subdivision names its country first: `DE-HE` lies in `DE`. */
export function isSubdivisionOf(region: string, country: string): boolean {
  return region.slice(0, 3) === `${country}-`;
}

// Shared with every service's domain: zones and language tags mean the same everywhere.
export { canonicalLanguageTag, isIanaTimeZone } from '@intercity/domain';
