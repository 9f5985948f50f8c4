import { RuleViolation } from '@intercity/domain';
import { WorkingCalendar } from '../../calendar/domain/working-calendar';
import { ExchangeSchedule, validateExchange } from './validate-exchange';

const munich = new WorkingCalendar({ countryCode: 'DE', regionCode: 'DE-BY', locality: 'KATH', timeZone: 'Europe/Berlin' }, [
  { from: '2025-08-04', to: '2025-08-08', name: 'Betriebsferien' },
]);
const rome = new WorkingCalendar({ countryCode: 'IT', regionCode: 'IT-62', locality: 'RM', timeZone: 'Europe/Rome' }, [
  { from: '2025-06-09', to: '2025-06-09', name: 'referendum' },
]);

// Visit one in Munich, 7-11 April 2025; visit two in Rome over 25 April, 22-29 April.
const schedule: ExchangeSchedule = {
  mentoring: munich,
  implementing: rome,
  visitOne: { start: '2025-04-07', end: '2025-04-11', visitors: [{ personId: 'giulia', busy: [{ from: '2025-03-01', to: '2025-03-05' }] }] },
  visitTwo: { start: '2025-04-22', end: '2025-04-29', visitors: [{ personId: 'max', busy: [] }] },
  minGapDays: 7,
};

function violation(fn: () => unknown): Pick<RuleViolation, 'rule' | 'field' | 'kind'> {
  try {
    fn();
  } catch (e) {
    if (e instanceof RuleViolation) return { rule: e.rule, field: e.field, kind: e.kind };
    throw e;
  }
  throw new Error('expected a RuleViolation');
}

describe('checking the dates of an exchange', () => {
  it('accepts two visits of five host working days in turn, apart by the gap', () => {
    const checked = validateExchange(schedule);
    expect(checked.visitOne.days).toEqual(['2025-04-07', '2025-04-08', '2025-04-09', '2025-04-10', '2025-04-11']);
    expect(checked.visitTwo.days).toEqual(['2025-04-22', '2025-04-23', '2025-04-24', '2025-04-28', '2025-04-29']);
    expect(checked.notices).toEqual([]);
  });

  it("accepts a visit on the visitors' own public holiday, and says so", () => {
    // Rome staff in Munich over Rome's Santi Pietro e Paolo, Monday 29 June 2026.
    const checked = validateExchange({ ...schedule, visitOne: { start: '2026-06-29', end: '2026-07-03' }, visitTwo: { start: '2026-07-13', end: '2026-07-17' } });
    expect(checked.notices).toEqual([{ visit: 'one', date: '2026-06-29', name: 'Santi Pietro e Paolo' }]);
  });

  it.each<[string, Partial<ExchangeSchedule>, string, string, RuleViolation['kind']]>([
    ['visit two before visit one', { visitTwo: { start: '2025-03-24', end: '2025-03-28' } }, 'exchange.visit-two-before-visit-one', 'visitTwo.start', 'invalid'],
    ['visit two overlapping visit one', { visitTwo: { start: '2025-04-11', end: '2025-04-17' } }, 'exchange.visit-two-before-visit-one', 'visitTwo.start', 'invalid'],
    ['visit two inside the gap', { visitTwo: { start: '2025-04-17', end: '2025-04-24' } }, 'exchange.visit-gap', 'visitTwo.start', 'invalid'],
    ['a negative gap', { minGapDays: -2 }, 'scheduling.min-gap-days', 'minGapDays', 'invalid'],
    ['four working days', { visitOne: { start: '2025-04-07', end: '2025-04-10' } }, 'visit.working-days', 'visitOne.end', 'unprocessable'],
    ['six working days across Easter in Rome', { visitTwo: { start: '2025-04-17', end: '2025-04-28' }, minGapDays: 0 }, 'visit.working-days', 'visitTwo.end', 'unprocessable'],
    ['visit one starting on a Sunday', { visitOne: { start: '2025-04-06', end: '2025-04-11' } }, 'visit.starts-on-day-off', 'visitOne.start', 'unprocessable'],
    ["a visit in the host's blackout", { visitOne: { start: '2025-08-04', end: '2025-08-08' }, visitTwo: { start: '2025-09-01', end: '2025-09-05' } }, 'visit.blackout', 'visitOne.start', 'conflict'],
    ["a visit in the visitors' city's blackout", { visitOne: { start: '2025-06-05', end: '2025-06-12' }, visitTwo: { start: '2025-09-01', end: '2025-09-05' } }, 'exchange.visiting-city-blackout', 'visitOne.start', 'conflict'],
    [
      'a visitor taken elsewhere',
      { visitTwo: { start: '2025-04-22', end: '2025-04-29', visitors: [{ personId: 'max', busy: [] }, { personId: 'lena', busy: [{ from: '2025-04-29', to: '2025-04-30' }] }] } },
      'exchange.visitor-busy',
      'visitTwo.visitors[1]',
      'conflict',
    ],
  ])('refuses %s', (_, change, rule, field, kind) => {
    expect(violation(() => validateExchange({ ...schedule, ...change }))).toEqual({ rule, field, kind });
  });
});
