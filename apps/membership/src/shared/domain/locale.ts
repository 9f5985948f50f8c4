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

const ZONE_NAME = /^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+)*$/;

/** An IANA time zone name (`Europe/Berlin`, `UTC`); offsets such as `+01:00` are not zones. */
export function isIanaTimeZone(value: string): boolean {
  if (!ZONE_NAME.test(value)) return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

const languages = new Intl.DisplayNames(['en'], { type: 'language', fallback: 'none' });
const regions = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' });
const scripts = new Intl.DisplayNames(['en'], { type: 'script', fallback: 'none' });

/**
 * The canonical form of a BCP 47 language tag (`EN-gb` → `en-GB`), or undefined when the tag is
 * malformed or its language, script or region subtag is not a known one (`xx`, `de-XX`).
 */
export function canonicalLanguageTag(value: string): string | undefined {
  let tag: string;
  try {
    [tag] = Intl.getCanonicalLocales(value);
  } catch {
    return undefined;
  }
  if (!tag) return undefined;
  const locale = new Intl.Locale(tag);
  if (!languages.of(locale.language)) return undefined;
  if (locale.script && !scripts.of(locale.script)) return undefined;
  if (locale.region && !regions.of(locale.region)) return undefined;
  return tag;
}
