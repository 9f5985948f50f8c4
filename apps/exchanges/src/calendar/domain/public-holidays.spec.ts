import fc from 'fast-check';
import Holidays from 'date-holidays';
import { addDays, RuleViolation } from '@intercity/domain';
import { HolidayRegion, Place, publicHolidayOn, publicHolidays, resolvePlace } from './public-holidays';

const place = (countryCode: string, regionCode: string | null, locality?: string): Place => ({ countryCode, regionCode, locality, timeZone: 'Europe/Berlin' });

function violation(fn: () => unknown): RuleViolation {
  try {
    fn();
  } catch (e) {
    if (e instanceof RuleViolation) return e;
    throw e;
  }
  throw new Error('expected a RuleViolation');
}

describe('resolving a place to date-holidays', () => {
  it.each([
    ['DE', 'DE-BY', 'BY'],
    ['DE', 'DE-NW', 'NW'],
    ['ES', 'ES-MD', 'MD'],
    ['ES', 'ES-CT', 'CT'],
    ['IT', 'IT-62', '62'],
    ['AT', 'AT-9', '9'],
    ['CH', 'CH-ZH', 'ZH'],
    ['NL', 'NL-NH', 'NH'],
    ['BE', 'BE-BRU', 'BRU'],
    ['GB', 'GB-SCT', 'SCT'],
  ])('%s %s is state %s', (country, region, state) => {
    expect(resolvePlace(place(country, region))).toEqual({ region: { countryCode: country, state, locality: null }, fellBackFrom: null });
  });

  it('takes a locality date-holidays knows inside the state (Rome, Munich as a Catholic municipality)', () => {
    expect(resolvePlace(place('IT', 'IT-62', 'RM')).region).toEqual({ countryCode: 'IT', state: '62', locality: 'RM' });
    expect(resolvePlace(place('DE', 'DE-BY', 'kath')).region).toEqual({ countryCode: 'DE', state: 'BY', locality: 'KATH' });
  });

  it('falls back to the national calendar for a region date-holidays does not know, and says so', () => {
    // Portugal's districts and Italy's provinces (IT-RM) are not states in date-holidays.
    expect(resolvePlace(place('PT', 'PT-11'))).toEqual({ region: { countryCode: 'PT', state: null, locality: null }, fellBackFrom: 'region' });
    expect(resolvePlace(place('IT', 'IT-RM'))).toEqual({ region: { countryCode: 'IT', state: null, locality: null }, fellBackFrom: 'region' });
    expect(resolvePlace(place('DE', 'DE-BY', 'Nürnberg'))).toEqual({ region: { countryCode: 'DE', state: 'BY', locality: null }, fellBackFrom: 'locality' });
    expect(resolvePlace(place('GR', null))).toEqual({ region: { countryCode: 'GR', state: null, locality: null }, fellBackFrom: null });
  });

  it.each([
    [place('de', null), 'calendar.country-code', 'place.countryCode'],
    [place('XX', null), 'calendar.country-unknown', 'place.countryCode'],
    [place('DE', 'FR-75'), 'calendar.region-code', 'place.regionCode'],
    [place('DE', 'Bavaria'), 'calendar.region-code', 'place.regionCode'],
    [{ ...place('DE', null), timeZone: '+01:00' }, 'calendar.time-zone', 'place.timeZone'],
  ])('refuses %p with %s', (p, rule, field) => {
    const v = violation(() => resolvePlace(p));
    expect({ rule: v.rule, field: v.field, kind: v.kind }).toEqual({ rule, field, kind: rule === 'calendar.country-unknown' ? 'unprocessable' : 'invalid' });
  });
});

describe('public holidays', () => {
  const munich: HolidayRegion = { countryCode: 'DE', state: 'BY', locality: 'KATH' };
  const berlin: HolidayRegion = { countryCode: 'DE', state: 'BE', locality: null };

  it('are the regional ones on top of the national ones', () => {
    // Corpus Christi is a holiday in Bavaria, not in Berlin; Women's Day the other way round.
    expect(publicHolidayOn(munich, '2025-06-19')).toBe('Fronleichnam');
    expect(publicHolidayOn(berlin, '2025-06-19')).toBeNull();
    expect(publicHolidayOn(berlin, '2025-03-08')).toBe('Internationaler Frauentag');
    expect(publicHolidayOn(munich, '2025-03-08')).toBeNull();
    expect(publicHolidayOn({ countryCode: 'IT', state: '62', locality: 'RM' }, '2026-06-29')).toBe('Santi Pietro e Paolo');
    expect(publicHolidayOn({ countryCode: 'IT', state: null, locality: null }, '2026-06-29')).toBeNull();
  });

  it('leave out observances, bank and optional holidays', () => {
    // Christmas Eve and New Year's Eve are bank holidays in Germany, Mother's Day an observance in Italy.
    expect(publicHolidayOn(munich, '2025-12-24')).toBeNull();
    expect(publicHolidayOn(munich, '2025-12-31')).toBeNull();
    expect(publicHolidayOn({ countryCode: 'IT', state: null, locality: null }, '2024-05-12')).toBeNull();
  });

  it('cover every day of a holiday lasting two days, and a half-day holiday', () => {
    const romania: HolidayRegion = { countryCode: 'RO', state: null, locality: null };
    expect(publicHolidayOn(romania, '2025-01-01')).not.toBeNull();
    expect(publicHolidayOn(romania, '2025-01-02')).not.toBeNull();
    expect(publicHolidayOn({ countryCode: 'CH', state: 'VS', locality: null }, '2025-12-24')).toBe('Veille de Noël');
  });

  it('are computed once per region and year', () => {
    expect(publicHolidays(munich, 2031)).toBe(publicHolidays(munich, 2031));
    expect(publicHolidays(munich, 2031)).not.toBe(publicHolidays(berlin, 2031));
  });

  it('agree with date-holidays on any day, for any of these regions and years', () => {
    const regions: HolidayRegion[] = [
      munich,
      berlin,
      { countryCode: 'IT', state: '62', locality: 'RM' },
      { countryCode: 'ES', state: 'CT', locality: null },
      { countryCode: 'PT', state: null, locality: null },
      { countryCode: 'GR', state: null, locality: null },
      { countryCode: 'NL', state: null, locality: null },
      { countryCode: 'AT', state: '9', locality: null },
    ];
    const raw = new Map<HolidayRegion, Holidays>(
      regions.map(({ countryCode, state, locality }, i) => [
        regions[i],
        locality ? new Holidays(countryCode, state ?? '', locality) : state ? new Holidays(countryCode, state) : new Holidays(countryCode),
      ]),
    );
    // date-holidays' isHoliday evaluates every rule of the year on each call (milliseconds), so
    // the days checked are each year's holidays as we see them plus a sample of the others.
    fc.assert(
      fc.property(fc.constantFrom(...regions), fc.integer({ min: 2015, max: 2035 }), fc.array(fc.integer({ min: 0, max: 364 }), { maxLength: 12 }), (region, year, sample) => {
        const ours = publicHolidays(region, year);
        const days = [...ours.keys(), ...sample.map((i) => addDays(`${year}-01-01`, i))];
        for (const day of days) {
          // Local noon: date-holidays without a time zone reads dates in the process's zone.
          const [y, m, d] = day.split('-').map(Number);
          const found = raw.get(region)?.isHoliday(new Date(y, m - 1, d, 12));
          const isPublic = Array.isArray(found) && found.some((h) => h.type === 'public');
          expect({ day, holiday: publicHolidayOn(region, day) !== null }).toEqual({ day, holiday: isPublic });
        }
      }),
      { numRuns: 30 },
    );
  });
});
