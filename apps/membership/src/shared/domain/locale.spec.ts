import { canonicalLanguageTag, isCountryCode, isIanaTimeZone, isSubdivisionCode, isSubdivisionOf } from './locale';

describe('countries and regions', () => {
  it.each(['DE', 'IT', 'GB', 'BE', 'RO'])('%s is an ISO 3166-1 country', (c) => expect(isCountryCode(c)).toBe(true));
  it.each(['XX', 'UK', 'de', 'DEU', 'D', 'EU'])('%s is not', (c) => expect(isCountryCode(c)).toBe(false));

  it('reads ISO 3166-2 subdivisions and the country they lie in', () => {
    for (const r of ['DE-HE', 'IT-45', 'BE-BRU', 'AT-9']) expect(isSubdivisionCode(r)).toBe(true);
    for (const r of ['DE', 'de-he', 'DE-HESS', 'DE_HE']) expect(isSubdivisionCode(r)).toBe(false);
    expect(isSubdivisionOf('DE-HE', 'DE')).toBe(true);
    expect(isSubdivisionOf('IT-45', 'DE')).toBe(false);
  });
});

describe('time zones', () => {
  it.each(['Europe/Berlin', 'Europe/Rome', 'America/Argentina/Buenos_Aires', 'UTC', 'Etc/GMT+1'])('%s is an IANA zone', (z) =>
    expect(isIanaTimeZone(z)).toBe(true),
  );
  it.each(['Mars/Olympus_Mons', 'Europe/Berlinn', '+01:00', 'CET+1', '', 'Europe/'])('%p is not', (z) => expect(isIanaTimeZone(z)).toBe(false));
});

describe('language tags', () => {
  it('spells a valid tag canonically', () => {
    expect(canonicalLanguageTag('EN-gb')).toBe('en-GB');
    expect(canonicalLanguageTag('de')).toBe('de');
    expect(canonicalLanguageTag('sr-latn-rs')).toBe('sr-Latn-RS');
    expect(canonicalLanguageTag('es-419')).toBe('es-419');
  });

  it.each(['xx', 'de-XX', 'en-Abcd', 'i-klingon', 'english', '', 'en_GB'])('refuses %p', (t) => expect(canonicalLanguageTag(t)).toBeUndefined());
});
