import { contains, endsBeforeItStarts, isLocalDate, isWithin } from './local-date';

describe('local dates', () => {
  it.each(['2020-02-29', '2024-12-31', '1999-01-01'])('%s is a calendar day', (d) => expect(isLocalDate(d)).toBe(true));

  it.each(['2021-02-29', '2020-13-01', '2020-04-31', '2020-1-5', '20200105', '2020-01-05T00:00:00Z', '', 20200105, null])(
    '%p is not',
    (d) => expect(isLocalDate(d)).toBe(false),
  );

  it('compares periods day by day, both ends included', () => {
    const project = { from: '2020-01-01', to: '2022-12-31' };
    expect(isWithin({ from: '2020-01-01', to: '2022-12-31' }, project)).toBe(true);
    expect(isWithin({ from: '2019-12-31', to: '2020-06-30' }, project)).toBe(false);
    expect(isWithin({ from: '2021-01-01', to: '2023-01-01' }, project)).toBe(false);
    expect(contains(project, '2022-12-31')).toBe(true);
    expect(contains(project, '2023-01-01')).toBe(false);
  });

  it('lets an open-ended period run as long as the one around it', () => {
    expect(isWithin({ from: '2021-01-01' }, { from: '2020-01-01', to: '2022-12-31' })).toBe(true);
    expect(isWithin({ from: '2023-01-01' }, { from: '2020-01-01', to: '2022-12-31' })).toBe(false);
    expect(isWithin({ from: '2021-01-01', to: '2030-01-01' }, { from: '2020-01-01' })).toBe(true);
  });

  it('knows a period that ends before it starts', () => {
    expect(endsBeforeItStarts({ from: '2021-01-02', to: '2021-01-01' })).toBe(true);
    expect(endsBeforeItStarts({ from: '2021-01-01', to: '2021-01-01' })).toBe(false);
    expect(endsBeforeItStarts({ from: '2021-01-01', to: null })).toBe(false);
  });
});
