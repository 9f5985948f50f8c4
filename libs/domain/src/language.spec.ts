import { canonicalLanguageTag, pickLanguage } from './language';

describe('language tags', () => {
  it('are canonicalised and checked against known languages and regions', () => {
    expect(canonicalLanguageTag('EN-gb')).toBe('en-GB');
    expect(canonicalLanguageTag('de')).toBe('de');
    expect(canonicalLanguageTag('sr-Latn')).toBe('sr-Latn');
    expect(canonicalLanguageTag('xx')).toBeUndefined();
    expect(canonicalLanguageTag('de-XX')).toBeUndefined();
    expect(canonicalLanguageTag('not a tag')).toBeUndefined();
  });

  it('pick the reader’s language, then the same language in another form, then the fallback', () => {
    expect(pickLanguage(['it'], ['en', 'it', 'de'], 'en')).toBe('it');
    expect(pickLanguage(['de-AT'], ['en', 'de'], 'en')).toBe('de');
    expect(pickLanguage(['pt'], ['en', 'pt-PT'], 'en')).toBe('pt-PT');
    expect(pickLanguage(['nl', 'fr'], ['en', 'fr'], 'en')).toBe('fr');
    expect(pickLanguage(['nl'], ['en', 'fr'], 'en')).toBe('en');
    expect(pickLanguage([], ['es'], 'es')).toBe('es');
  });
});
