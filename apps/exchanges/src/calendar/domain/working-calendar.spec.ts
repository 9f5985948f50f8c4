import fc from 'fast-check';
import { addDays, daysBetween, eachDay, RuleViolation } from '@intercity/domain';
import { Blackout, DayCode, WorkingCalendar } from './working-calendar';

const city = (countryCode: string, regionCode: string | null, timeZone: string, locality?: string, blackouts: Blackout[] = []) =>
  new WorkingCalendar({ countryCode, regionCode, locality, timeZone }, blackouts);

const munich = city('DE', 'DE-BY', 'Europe/Berlin', 'KATH');
const dusseldorf = city('DE', 'DE-NW', 'Europe/Berlin');
const berlin = city('DE', 'DE-BE', 'Europe/Berlin');
const rome = city('IT', 'IT-62', 'Europe/Rome', 'RM');
const madrid = city('ES', 'ES-MD', 'Europe/Madrid');
const barcelona = city('ES', 'ES-CT', 'Europe/Madrid');
const lisbon = city('PT', null, 'Europe/Lisbon');
const athens = city('GR', null, 'Europe/Athens');
const amsterdam = city('NL', 'NL-NH', 'Europe/Amsterdam');

function violation(fn: () => unknown): Pick<RuleViolation, 'rule' | 'field' | 'kind'> {
  try {
    fn();
  } catch (e) {
    if (e instanceof RuleViolation) return { rule: e.rule, field: e.field, kind: e.kind };
    throw e;
  }
  throw new Error('expected a RuleViolation');
}

const visit = (c: WorkingCalendar, start: string) => {
  const { days, end, skipped } = c.workingDaysFrom(start);
  return { days, end, skipped: skipped.map((d) => `${d.date} ${d.name}`) };
};

describe('a visit of five working days', () => {
  it('in Munich spans Easter: Good Friday and Easter Monday push it out', () => {
    expect(visit(munich, '2025-04-16')).toEqual({
      days: ['2025-04-16', '2025-04-17', '2025-04-22', '2025-04-23', '2025-04-24'],
      end: '2025-04-24',
      skipped: ['2025-04-18 Karfreitag', '2025-04-19 weekend', '2025-04-20 weekend', '2025-04-21 Ostermontag'],
    });
  });

  it('counts Corpus Christi off in Bavaria and North Rhine-Westphalia, not in Berlin', () => {
    expect(visit(munich, '2025-06-16').end).toBe('2025-06-23');
    expect(visit(dusseldorf, '2025-06-16').end).toBe('2025-06-23');
    expect(visit(berlin, '2025-06-16')).toEqual({ days: eachDay('2025-06-16', '2025-06-20'), end: '2025-06-20', skipped: [] });
  });

  it('keeps 15 August in Munich only when the place names its Catholic locality', () => {
    expect(munich.dayOff('2025-08-15')).toEqual({ date: '2025-08-15', kind: 'public-holiday', name: 'Mariä Himmelfahrt' });
    expect(city('DE', 'DE-BY', 'Europe/Berlin').dayOff('2025-08-15')).toBeNull();
  });

  it('in Rome steps over 25 April and 1 May, and over Rome’s own 29 June', () => {
    expect(visit(rome, '2025-04-22')).toMatchObject({ end: '2025-04-29', skipped: ['2025-04-25 Liberazione dal nazifascismo (1945)', '2025-04-26 weekend', '2025-04-27 weekend'] });
    expect(visit(rome, '2025-04-28')).toMatchObject({ days: ['2025-04-28', '2025-04-29', '2025-04-30', '2025-05-02', '2025-05-05'], end: '2025-05-05' });
    expect(rome.dayOff('2026-06-29')).toMatchObject({ kind: 'public-holiday', name: 'Santi Pietro e Paolo' });
  });

  it('in Spain follows the autonomous community: Maundy Thursday and 2 May in Madrid, Easter Monday in Catalonia', () => {
    expect(visit(madrid, '2025-04-14').days).toEqual(['2025-04-14', '2025-04-15', '2025-04-16', '2025-04-21', '2025-04-22']);
    expect(visit(barcelona, '2025-04-14').days).toEqual(['2025-04-14', '2025-04-15', '2025-04-16', '2025-04-17', '2025-04-22']);
    expect(visit(madrid, '2025-04-28')).toMatchObject({ end: '2025-05-06', skipped: ['2025-05-01 Día del Trabajador', '2025-05-02 Día de la Comunidad de Madrid', '2025-05-03 weekend', '2025-05-04 weekend'] });
    expect(visit(barcelona, '2025-04-28').end).toBe('2025-05-05');
  });

  it('in Lisbon steps over Freedom Day', () => {
    expect(visit(lisbon, '2025-04-21')).toEqual({
      days: ['2025-04-21', '2025-04-22', '2025-04-23', '2025-04-24', '2025-04-28'],
      end: '2025-04-28',
      skipped: ['2025-04-25 Dia da Liberdade', '2025-04-26 weekend', '2025-04-27 weekend'],
    });
  });

  it('in Athens follows Orthodox Easter, not the western one', () => {
    expect(visit(athens, '2024-04-29')).toEqual({
      days: ['2024-04-29', '2024-04-30', '2024-05-02', '2024-05-07', '2024-05-08'],
      end: '2024-05-08',
      skipped: ['2024-05-01 Εργατική Πρωτομαγιά', '2024-05-03 Μεγάλη Παρασκευή', '2024-05-04 weekend', '2024-05-05 Πάσχα', '2024-05-06 Δευτέρα του Πάσχα'],
    });
    expect(athens.dayOff('2024-03-29')).toBeNull();
  });

  it("in Amsterdam steps over King's Day", () => {
    expect(visit(amsterdam, '2026-04-24')).toMatchObject({ days: ['2026-04-24', '2026-04-28', '2026-04-29', '2026-04-30', '2026-05-01'], skipped: ['2026-04-25 weekend', '2026-04-26 weekend', '2026-04-27 Koningsdag'] });
  });

  it('runs across Christmas and into the new year', () => {
    expect(visit(munich, '2025-12-22')).toMatchObject({ days: ['2025-12-22', '2025-12-23', '2025-12-24', '2025-12-29', '2025-12-30'] });
    expect(visit(munich, '2025-12-29')).toMatchObject({ days: ['2025-12-29', '2025-12-30', '2025-12-31', '2026-01-02', '2026-01-05'], skipped: ['2026-01-01 Neujahr', '2026-01-03 weekend', '2026-01-04 weekend'] });
  });

  it("uses the country's own weekend (Friday and Saturday in Israel)", () => {
    const telAviv = city('IL', null, 'Asia/Jerusalem');
    expect(telAviv.dayOff('2025-03-07')).toMatchObject({ kind: 'weekend' });
    expect(telAviv.dayOff('2025-03-08')).toMatchObject({ kind: 'weekend' });
    expect(telAviv.dayOff('2025-03-09')).toBeNull();
  });

  it('starts counting after a day off it is asked to start on', () => {
    expect(visit(munich, '2025-04-19')).toMatchObject({ days: ['2025-04-22', '2025-04-23', '2025-04-24', '2025-04-25', '2025-04-28'], skipped: ['2025-04-19 weekend', '2025-04-20 weekend', '2025-04-21 Ostermontag', '2025-04-26 weekend', '2025-04-27 weekend'] });
  });
});

describe('blackouts', () => {
  const closed = city('IT', 'IT-62', 'Europe/Rome', 'RM', [{ from: '2025-08-04', to: '2025-08-22', name: 'chiusura estiva' }]);

  it('are days off that outweigh holidays and weekends', () => {
    expect(closed.dayOff('2025-08-15')).toEqual({ date: '2025-08-15', kind: 'blackout', name: 'chiusura estiva' });
    expect(closed.dayOff('2025-08-09')).toMatchObject({ kind: 'blackout' });
    expect(closed.dayOff('2025-08-25')).toBeNull();
  });

  it('block a visit that touches them', () => {
    expect(violation(() => closed.validateVisit({ start: '2025-07-29', end: '2025-08-04' }, 'visitOne'))).toEqual({ rule: 'visit.blackout', field: 'visitOne.end', kind: 'conflict' });
    expect(violation(() => closed.validateVisit({ start: '2025-08-18', end: '2025-08-22' }))).toEqual({ rule: 'visit.blackout', field: 'start', kind: 'conflict' });
    expect(closed.validateVisit({ start: '2025-08-25', end: '2025-08-29' }).days).toHaveLength(5);
  });

  it('must be real periods with a name', () => {
    const make = (b: Blackout) => () => city('DE', null, 'Europe/Berlin', undefined, [b]);
    expect(violation(make({ from: '2025-08-22', to: '2025-08-04', name: 'x' }))).toEqual({ rule: 'calendar.blackout-ends-before-start', field: 'place.blackouts[0].to', kind: 'invalid' });
    expect(violation(make({ from: '2025-02-30', to: '2025-03-04', name: 'x' }))).toMatchObject({ rule: 'calendar.blackout-date', field: 'place.blackouts[0].from' });
    expect(violation(make({ from: '2025-03-01', to: '2025-03-04', name: ' ' }))).toMatchObject({ rule: 'calendar.blackout-name' });
  });

  it('that never end leave no working days to find', () => {
    const shut = city('DE', null, 'Europe/Berlin', undefined, [{ from: '2025-01-01', to: '2027-12-31', name: 'closed' }]);
    expect(violation(() => shut.workingDaysFrom('2025-03-03'))).toMatchObject({ rule: 'calendar.no-working-days', kind: 'unprocessable' });
  });
});

describe('checking chosen visit dates', () => {
  it('accepts exactly five working days from a working day to a working day', () => {
    expect(munich.validateVisit({ start: '2025-04-16', end: '2025-04-24' })).toMatchObject({ days: ['2025-04-16', '2025-04-17', '2025-04-22', '2025-04-23', '2025-04-24'] });
    expect(munich.validateVisit({ start: '2025-04-14', end: '2025-04-22' }).skipped.map((d) => d.name)).toEqual(['Karfreitag', 'weekend', 'weekend', 'Ostermontag']);
  });

  it.each([
    [{ start: '2025-04-16', end: '2025-04-23' }, 'visit.working-days', 'end', 'four working days'],
    [{ start: '2025-04-16', end: '2025-04-25' }, 'visit.working-days', 'end', 'six working days'],
    [{ start: '2025-04-14', end: '2025-04-23' }, 'visit.working-days', 'end', 'six, Easter between'],
    [{ start: '2025-04-18', end: '2025-04-24' }, 'visit.starts-on-day-off', 'start', 'starting on Good Friday'],
    [{ start: '2025-04-15', end: '2025-04-21' }, 'visit.ends-on-day-off', 'end', 'ending on Easter Monday'],
    [{ start: '2025-04-24', end: '2025-04-16' }, 'visit.ends-before-start', 'end', 'backwards'],
    [{ start: '2025-04-31', end: '2025-05-07' }, 'visit.date', 'start', 'a day that does not exist'],
    [{ start: '2025-01-02', end: '2027-01-04' }, 'visit.working-days', 'end', 'two years'],
  ])('refuses %p: %s on %s (%s)', (dates, rule, field) => {
    expect(violation(() => munich.validateVisit(dates))).toMatchObject({ rule, field });
  });
});

describe('for any place and day', () => {
  const places = [munich, dusseldorf, berlin, rome, madrid, barcelona, lisbon, athens, amsterdam, city('IL', null, 'Asia/Jerusalem')];
  const day = fc.integer({ min: 0, max: daysBetween('2020-01-01', '2030-12-31') }).map((i) => addDays('2020-01-01', i));

  it('five working days from a working day make a valid visit, with every day in between accounted for', () => {
    fc.assert(
      fc.property(fc.constantFrom(...places), day, (c, start) => {
        const { days, end, skipped } = c.workingDaysFrom(start);
        expect(days).toHaveLength(5);
        expect(days.every((d) => c.isWorkingDay(d))).toBe(true);
        expect(end).toBe(days[4]);
        expect(skipped.every((s) => c.dayOff(s.date)?.kind === s.kind)).toBe(true);
        expect([...days, ...skipped.map((s) => s.date)].sort()).toEqual(eachDay(start, end));
        expect(c.validateVisit({ start: days[0], end }).days).toEqual(days);
      }),
    );
  });

  it('the day table the scheduler reads says what dayOff says', () => {
    const kinds = { weekend: DayCode.weekend, 'public-holiday': DayCode.publicHoliday, blackout: DayCode.blackout } as const;
    fc.assert(
      fc.property(fc.constantFrom(...places), day, fc.integer({ min: 0, max: 120 }), day, (c, from, length, blackoutFrom) => {
        const withBlackout = new WorkingCalendar(c.place, [{ from: blackoutFrom, to: addDays(blackoutFrom, 9), name: 'closed' }]);
        const to = addDays(from, length);
        const codes = withBlackout.dayCodes(from, to);
        expect(Array.from(codes)).toEqual(eachDay(from, to).map((d) => {
          const off = withBlackout.dayOff(d);
          return off ? kinds[off.kind] : DayCode.working;
        }));
      }),
    );
  });
});
