import fc from 'fast-check';
import { addDays, contains, daysBetween, eachDay, endsBeforeItStarts, isLocalDate, isoWeekday, isWithin } from './local-date';

describe('local dates', () => {
  it.each(['2020-02-29', '2024-12-31', '1999-01-01'])('%s is a calendar day', (d) => expect(isLocalDate(d)).toBe(true));

  it.each(['2021-02-29', '2020-13-01', '2020-04-31', '2020-1-5', '20200105', '2020-01-05T00:00:00Z', '', 20200105, null])(
    '%p is not',
    (d) => expect(isLocalDate(d)).toBe(false),
  );

  it('count days across month, year and leap-day ends', () => {
    expect(addDays('2020-02-28', 1)).toBe('2020-02-29');
    expect(addDays('2021-02-28', 1)).toBe('2021-03-01');
    expect(addDays('2021-12-31', 1)).toBe('2022-01-01');
    expect(addDays('2022-01-01', -1)).toBe('2021-12-31');
    expect(daysBetween('2020-01-01', '2021-01-01')).toBe(366);
    expect(daysBetween('2021-03-28', '2021-03-27')).toBe(-1);
    expect(eachDay('2024-02-27', '2024-03-01')).toEqual(['2024-02-27', '2024-02-28', '2024-02-29', '2024-03-01']);
    expect(eachDay('2024-03-01', '2024-02-29')).toEqual([]);
  });

  it('know the weekday (ISO: Monday 1, Sunday 7)', () => {
    expect(isoWeekday('2024-04-25')).toBe(4);
    expect(isoWeekday('2024-03-31')).toBe(7);
    expect(isoWeekday('1969-12-29')).toBe(1);
  });

  it('refuse to count from something that is not a day', () => {
    expect(() => addDays('2021-02-29', 1)).toThrow(RangeError);
  });

  it('add and subtract days consistently', () => {
    const day = fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2200-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
    fc.assert(
      fc.property(day, fc.integer({ min: -5000, max: 5000 }), (d, n) => {
        const later = addDays(d, n);
        expect(isLocalDate(later)).toBe(true);
        expect(daysBetween(d, later)).toBe(n);
        expect(addDays(later, -n)).toBe(d);
      }),
    );
  });

  it('compare periods day by day, both ends included', () => {
    const project = { from: '2020-01-01', to: '2022-12-31' };
    expect(isWithin({ from: '2020-01-01', to: '2022-12-31' }, project)).toBe(true);
    expect(isWithin({ from: '2019-12-31', to: '2020-06-30' }, project)).toBe(false);
    expect(isWithin({ from: '2021-01-01', to: '2023-01-01' }, project)).toBe(false);
    expect(isWithin({ from: '2021-01-01' }, project)).toBe(true);
    expect(contains(project, '2022-12-31')).toBe(true);
    expect(contains(project, '2023-01-01')).toBe(false);
    expect(endsBeforeItStarts({ from: '2021-01-02', to: '2021-01-01' })).toBe(true);
    expect(endsBeforeItStarts({ from: '2021-01-01', to: null })).toBe(false);
  });
});
