import { language, languageList, optionalText, requiredText, webAddress } from './text';

describe('text fields', () => {
  it('trim, require and bound text', () => {
    expect(requiredText('  Gender dimension ', 200, 'x.name', 'name')).toBe('Gender dimension');
    expect(() => requiredText('   ', 200, 'x.name', 'name')).toThrow(expect.objectContaining({ rule: 'x.name', field: 'name', kind: 'invalid' }));
    expect(() => requiredText('abc', 2, 'x.name', 'name')).toThrow(/longer than 2/);
    expect(optionalText('  ', 10, 'x.d', 'd')).toBeNull();
    expect(optionalText(undefined, 10, 'x.d', 'd')).toBeNull();
  });

  it('canonicalise languages, each once', () => {
    expect(languageList(['IT', 'en-gb', 'it'], 'x.languages', 'languages')).toEqual(['it', 'en-GB']);
    expect(() => languageList([], 'x.languages', 'languages')).toThrow(/at least one/);
    expect(() => language('xx', 'x.language', 'language')).toThrow(expect.objectContaining({ rule: 'x.language' }));
  });

  it('accept only web addresses that anyone can open', () => {
    expect(webAddress('https://meet.example.org/room/1', 'x.url', 'url')).toBe('https://meet.example.org/room/1');
    expect(() => webAddress('ftp://example.org', 'x.url', 'url')).toThrow(/http/);
    expect(() => webAddress('meet.example.org', 'x.url', 'url')).toThrow(/absolute/);
  });
});
