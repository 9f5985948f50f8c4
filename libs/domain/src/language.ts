/**
 * Language tags (BCP 47), checked against the CLDR data in Node's ICU: a typo such as `xx` or
 * `de-XX` is refused, not stored as a language no one can match.
 */

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

/**
 * The language to show someone who prefers `preferred`, from those `available`: an exact match,
 * then the same language in any form (`de-AT` reads `de`, `pt` reads `pt-PT`), else `fallback`.
 * This is RFC 4647 lookup loosened one step, because a reader of Austrian German is better served
 * by German than by the fallback.
 */
export function pickLanguage(preferred: readonly string[], available: readonly string[], fallback: string): string {
  const canonical = (tag: string) => canonicalLanguageTag(tag) ?? tag;
  const offered = available.map(canonical);
  for (const want of preferred.map(canonical)) {
    const exact = offered.indexOf(want);
    if (exact >= 0) return available[exact];
    const base = new Intl.Locale(want).language;
    const sameLanguage = offered.findIndex((o) => new Intl.Locale(o).language === base);
    if (sameLanguage >= 0) return available[sameLanguage];
  }
  return fallback;
}
