import fc from 'fast-check';
import { addDays, daysBetween, eachDay, LocalDate, RuleViolation } from '@intercity/domain';
import { Blackout, WorkingCalendar } from '../../calendar/domain/working-calendar';
import { Place } from '../../calendar/domain/public-holidays';
import { Proposal, proposeWindows, ProposalRequest, SkippedRun } from './propose-windows';
import { validateExchange } from './validate-exchange';
import { Visitor } from './visitors';

const places = {
  munich: { countryCode: 'DE', regionCode: 'DE-BY', locality: 'KATH', timeZone: 'Europe/Berlin' },
  dusseldorf: { countryCode: 'DE', regionCode: 'DE-NW', timeZone: 'Europe/Berlin' },
  berlin: { countryCode: 'DE', regionCode: 'DE-BE', timeZone: 'Europe/Berlin' },
  rome: { countryCode: 'IT', regionCode: 'IT-62', locality: 'RM', timeZone: 'Europe/Rome' },
  madrid: { countryCode: 'ES', regionCode: 'ES-MD', timeZone: 'Europe/Madrid' },
  barcelona: { countryCode: 'ES', regionCode: 'ES-CT', timeZone: 'Europe/Madrid' },
  lisbon: { countryCode: 'PT', regionCode: null, timeZone: 'Europe/Lisbon' },
  athens: { countryCode: 'GR', regionCode: null, timeZone: 'Europe/Athens' },
  amsterdam: { countryCode: 'NL', regionCode: 'NL-NH', timeZone: 'Europe/Amsterdam' },
} satisfies Record<string, Place>;
type City = keyof typeof places;
const cal = (c: City, blackouts: Blackout[] = []) => new WorkingCalendar(places[c], blackouts);

/** [visit one start, end, visit two start, end] per candidate. */
const dates = (p: Proposal) => p.candidates.map((c) => [c.visitOne.start, c.visitOne.end, c.visitTwo.start, c.visitTwo.end]);
/** One line per skipped run: "visit from..to reason:detail & reason:detail". */
const why = (p: Proposal) =>
  p.skipped.map((s) => `${s.visit} ${s.from}..${s.to} ${s.reasons.map((r) => Object.values(r).join(':')).join(' & ')}`);

function violation(fn: () => unknown): Pick<RuleViolation, 'rule' | 'field' | 'kind'> {
  try {
    fn();
  } catch (e) {
    if (e instanceof RuleViolation) return { rule: e.rule, field: e.field, kind: e.kind };
    throw e;
  }
  throw new Error('expected a RuleViolation');
}

describe('proposing exchange windows', () => {
  it('fits visit one in Munich across Easter and visit two in Lisbon across Freedom Day, earliest first', () => {
    const p = proposeWindows({ mentoring: cal('munich'), implementing: cal('lisbon'), range: { from: '2025-04-14', to: '2025-05-31' }, minGapDays: 0, maxCandidates: 2 });
    expect(p.candidates[0]).toEqual({
      visitOne: { start: '2025-04-14', end: '2025-04-22', days: ['2025-04-14', '2025-04-15', '2025-04-16', '2025-04-17', '2025-04-22'] },
      visitTwo: { start: '2025-04-23', end: '2025-04-30', days: ['2025-04-23', '2025-04-24', '2025-04-28', '2025-04-29', '2025-04-30'] },
    });
    expect(dates(p)[1]).toEqual(['2025-04-15', '2025-04-23', '2025-04-24', '2025-05-02']);
    expect(p.skipped).toEqual([]);
  });

  it('keeps the gap, and skips Easter Sunday and Monday in Rome for visit two', () => {
    const p = proposeWindows({ mentoring: cal('munich'), implementing: cal('rome'), range: { from: '2025-04-07', to: '2025-05-31' }, minGapDays: 7, maxCandidates: 1 });
    // Visit one ends on Friday 11 April: seven whole days later visit two may start, on the 19th.
    expect(dates(p)).toEqual([['2025-04-07', '2025-04-11', '2025-04-22', '2025-04-29']]);
    expect(p.candidates[0].visitTwo.days).toEqual(['2025-04-22', '2025-04-23', '2025-04-24', '2025-04-28', '2025-04-29']);
    expect(why(p)).toEqual([
      'two 2025-04-19..2025-04-19 start-not-working-day:weekend:weekend',
      'two 2025-04-20..2025-04-20 start-not-working-day:public-holiday:Domenica di Pasqua',
      'two 2025-04-21..2025-04-21 start-not-working-day:public-holiday:Lunedì dell’Angelo',
    ]);
  });

  it("keeps Greek visitors home over Orthodox Easter, and German visitors over their Whit Monday", () => {
    const p = proposeWindows({ mentoring: cal('munich'), implementing: cal('athens'), range: { from: '2024-04-29', to: '2024-06-30' }, minGapDays: 0, maxCandidates: 1 });
    // Ascension (9 May) is off in Munich; Pentecost Monday is 20 May in Germany, 24 June in Greece.
    expect(dates(p)).toEqual([['2024-05-07', '2024-05-14', '2024-05-21', '2024-05-27']]);
    expect(why(p)).toEqual([
      'one 2024-04-29..2024-04-30 visiting-city-public-holiday:2024-05-03:Μεγάλη Παρασκευή',
      'one 2024-05-01..2024-05-01 start-not-working-day:public-holiday:Maifeiertag',
      'one 2024-05-02..2024-05-03 visiting-city-public-holiday:2024-05-03:Μεγάλη Παρασκευή',
      'one 2024-05-04..2024-05-05 start-not-working-day:weekend:weekend',
      'one 2024-05-06..2024-05-06 visiting-city-public-holiday:2024-05-06:Δευτέρα του Πάσχα',
      'two 2024-05-15..2024-05-17 visiting-city-public-holiday:2024-05-20:Pfingstmontag',
      'two 2024-05-18..2024-05-19 start-not-working-day:weekend:weekend',
      'two 2024-05-20..2024-05-20 visiting-city-public-holiday:2024-05-20:Pfingstmontag',
    ]);
  });

  it("keeps Dutch visitors home on King's Day", () => {
    const p = proposeWindows({ mentoring: cal('munich'), implementing: cal('amsterdam'), range: { from: '2026-04-21', to: '2026-06-30' }, minGapDays: 0, maxCandidates: 1 });
    expect(p.candidates[0].visitOne.start).toBe('2026-04-28');
    expect(why(p).filter((l) => l.startsWith('one'))).toEqual([
      'one 2026-04-21..2026-04-24 visiting-city-public-holiday:2026-04-27:Koningsdag',
      'one 2026-04-25..2026-04-26 start-not-working-day:weekend:weekend',
      'one 2026-04-27..2026-04-27 visiting-city-public-holiday:2026-04-27:Koningsdag',
    ]);
  });

  it('follows the Spanish community: visit two in Madrid steps over 1 and 2 May', () => {
    const p = proposeWindows({ mentoring: cal('barcelona'), implementing: cal('madrid'), range: { from: '2025-04-07', to: '2025-06-30' }, minGapDays: 14, maxCandidates: 1 });
    expect(p.candidates[0].visitTwo).toEqual({ start: '2025-04-28', end: '2025-05-06', days: ['2025-04-28', '2025-04-29', '2025-04-30', '2025-05-05', '2025-05-06'] });
    expect(why(p)).toEqual(['two 2025-04-26..2025-04-27 start-not-working-day:weekend:weekend']);
  });

  it('runs over Christmas and keeps Bavarian visitors home on Epiphany, which Düsseldorf works', () => {
    const p = proposeWindows({ mentoring: cal('munich'), implementing: cal('dusseldorf'), range: { from: '2025-12-22', to: '2026-02-28' }, minGapDays: 0, maxCandidates: 1 });
    expect(dates(p)).toEqual([['2025-12-22', '2025-12-30', '2026-01-07', '2026-01-13']]);
    expect(why(p)).toEqual([
      'two 2025-12-31..2025-12-31 visiting-city-public-holiday:2026-01-06:Heilige Drei Könige',
      'two 2026-01-01..2026-01-01 start-not-working-day:public-holiday:Neujahr',
      'two 2026-01-02..2026-01-02 visiting-city-public-holiday:2026-01-06:Heilige Drei Könige',
      'two 2026-01-03..2026-01-04 start-not-working-day:weekend:weekend',
      'two 2026-01-05..2026-01-06 visiting-city-public-holiday:2026-01-06:Heilige Drei Könige',
    ]);
  });

  it("avoids both cities' blackouts, the visitors' other commitments and the visitors' holidays, saying which", () => {
    const p = proposeWindows({
      mentoring: cal('berlin', [{ from: '2025-09-15', to: '2025-09-19', name: 'Wahlen' }]),
      implementing: cal('rome', [{ from: '2025-09-22', to: '2025-09-26', name: 'elezioni' }]),
      visitors: { visitOne: [{ personId: 'anna', busy: [{ from: '2025-09-01', to: '2025-09-03' }] }] },
      range: { from: '2025-09-01', to: '2025-12-31' },
      minGapDays: 0,
      maxCandidates: 1,
    });
    expect(dates(p)).toEqual([['2025-09-04', '2025-09-10', '2025-10-06', '2025-10-10']]);
    expect(why(p)).toEqual([
      'one 2025-09-01..2025-09-03 visitor-busy:anna:2025-09-01:2025-09-03',
      'two 2025-09-11..2025-09-12 visiting-city-blackout:2025-09-15:2025-09-19:Wahlen',
      'two 2025-09-13..2025-09-14 start-not-working-day:weekend:weekend',
      'two 2025-09-15..2025-09-15 visiting-city-blackout:2025-09-15:2025-09-19:Wahlen',
      'two 2025-09-16..2025-09-19 host-blackout:2025-09-22:2025-09-26:elezioni & visiting-city-blackout:2025-09-15:2025-09-19:Wahlen',
      'two 2025-09-20..2025-09-21 start-not-working-day:weekend:weekend',
      'two 2025-09-22..2025-09-26 host-blackout:2025-09-22:2025-09-26:elezioni',
      'two 2025-09-27..2025-09-28 start-not-working-day:weekend:weekend',
      'two 2025-09-29..2025-10-03 visiting-city-public-holiday:2025-10-03:Tag der Deutschen Einheit',
      'two 2025-10-04..2025-10-05 start-not-working-day:weekend:weekend',
    ]);
  });

  it('checks only the visitors of each visit against their commitments, open-ended ones included', () => {
    const base = { mentoring: cal('berlin'), implementing: cal('dusseldorf'), range: { from: '2025-09-01', to: '2025-12-31' }, minGapDays: 0, maxCandidates: 1 };
    const bruno: Visitor = { personId: 'bruno', busy: [{ from: '2025-09-10', to: null }] };
    // Bruno is mentoring staff: he travels on visit two only, and is taken from 10 September on.
    expect(dates(proposeWindows({ ...base, visitors: { visitOne: [bruno] } }))).toEqual([['2025-09-01', '2025-09-05', '2025-09-08', '2025-09-12']]);
    const p = proposeWindows({ ...base, visitors: { visitTwo: [bruno] } });
    expect(p.candidates).toEqual([]);
    expect(why(p)).toContain('two 2025-09-08..2025-09-12 visitor-busy:bruno:2025-09-10:');
    const twos = p.skipped.filter((s) => s.visit === 'two');
    expect(twos.at(-1)?.to).toBe('2025-12-31');
    expect(twos.flatMap((s) => s.reasons.map((r) => r.code)).every((c) => ['visitor-busy', 'start-not-working-day', 'ends-after-range'].includes(c))).toBe(true);
  });

  it('gives no candidates for a range too short, with a reason for every date in it', () => {
    const p = proposeWindows({ mentoring: cal('munich'), implementing: cal('lisbon'), range: { from: '2025-04-14', to: '2025-04-25' }, minGapDays: 0 });
    expect(p.candidates).toEqual([]);
    expect(why(p)).toEqual([
      'one 2025-04-14..2025-04-16 no-visit-two-fits',
      'one 2025-04-17..2025-04-17 visiting-city-public-holiday:2025-04-25:Dia da Liberdade',
      'one 2025-04-18..2025-04-18 start-not-working-day:public-holiday:Karfreitag',
      'one 2025-04-19..2025-04-20 start-not-working-day:weekend:weekend',
      'one 2025-04-21..2025-04-21 start-not-working-day:public-holiday:Ostermontag',
      'one 2025-04-22..2025-04-25 ends-after-range',
      'two 2025-04-23..2025-04-24 ends-after-range',
      'two 2025-04-25..2025-04-25 start-not-working-day:public-holiday:Dia da Liberdade',
    ]);
  });

  it('answers a two-year range in one short list of runs', () => {
    const p = proposeWindows({
      mentoring: cal('munich', [{ from: '2025-01-01', to: '2026-12-31', name: 'Umbau' }]),
      implementing: cal('rome'),
      range: { from: '2025-01-01', to: '2026-12-31' },
      minGapDays: 0,
    });
    expect(p.candidates).toEqual([]);
    expect(why(p)).toEqual(['one 2025-01-01..2026-12-31 host-blackout:2025-01-01:2026-12-31:Umbau']);
  });

  it.each<[string, Partial<ProposalRequest>, string, string]>([
    ['a range ending before it starts', { range: { from: '2025-05-01', to: '2025-04-30' } }, 'scheduling.range-ends-before-start', 'range.to'],
    ['a range of more than four years', { range: { from: '2025-01-01', to: '2029-01-02' } }, 'scheduling.range-too-long', 'range.to'],
    ['a range from a day that does not exist', { range: { from: '2025-02-29', to: '2025-04-30' } }, 'scheduling.range-date', 'range.from'],
    ['a negative gap', { minGapDays: -1 }, 'scheduling.min-gap-days', 'minGapDays'],
    ['a fractional gap', { minGapDays: 1.5 }, 'scheduling.min-gap-days', 'minGapDays'],
    ['no candidates wanted', { maxCandidates: 0 }, 'scheduling.max-candidates', 'maxCandidates'],
    ['a busy period ending before it starts', { visitors: { visitTwo: [{ personId: 'p', busy: [{ from: '2025-03-02', to: '2025-03-01' }] }] } }, 'scheduling.busy-period', 'visitors.visitTwo[0].busy[0].to'],
    ['a visitor without id', { visitors: { visitOne: [{ personId: '', busy: [] }] } }, 'scheduling.visitor-id', 'visitors.visitOne[0].personId'],
  ])('refuses %s', (_, change, rule, field) => {
    const request: ProposalRequest = { mentoring: cal('munich'), implementing: cal('rome'), range: { from: '2025-01-01', to: '2025-12-31' }, minGapDays: 0, ...change };
    expect(violation(() => proposeWindows(request))).toEqual({ rule, field, kind: 'invalid' });
  });
});

describe('for any pairing, range, blackouts and commitments', () => {
  const cityArb = fc.constantFrom(...(Object.keys(places) as City[]));
  const dayIn = (from: LocalDate, days: number) => fc.integer({ min: 0, max: days }).map((i) => addDays(from, i));
  const request = (maxDays: number) =>
    fc
      .record({
        from: dayIn('2020-01-01', daysBetween('2020-01-01', '2030-06-30')),
        length: fc.integer({ min: 14, max: maxDays }),
        mentoring: cityArb,
        implementing: cityArb,
        minGapDays: fc.integer({ min: 0, max: 21 }),
        maxCandidates: fc.integer({ min: 1, max: 4 }),
      })
      .chain((r) => {
        const day = dayIn(r.from, r.length);
        const blackout = fc.record({ from: day, length: fc.integer({ min: 0, max: 9 }) }).map((b) => ({ from: b.from, to: addDays(b.from, b.length), name: 'closed' }));
        const visitor = (id: string) =>
          fc.array(fc.record({ from: day, length: fc.integer({ min: 0, max: 5 }) }), { maxLength: 3 }).map((busy) => ({
            personId: id,
            busy: busy.map((b) => ({ from: b.from, to: addDays(b.from, b.length) })),
          }));
        return fc.record({
          mentoringBlackouts: fc.array(blackout, { maxLength: 2 }),
          implementingBlackouts: fc.array(blackout, { maxLength: 2 }),
          visitOne: fc.array(visitor('one'), { maxLength: 2 }),
          visitTwo: fc.array(visitor('two'), { maxLength: 2 }),
        }).map((x): ProposalRequest => ({
          mentoring: cal(r.mentoring, x.mentoringBlackouts),
          implementing: cal(r.implementing, x.implementingBlackouts),
          visitors: { visitOne: x.visitOne, visitTwo: x.visitTwo },
          range: { from: r.from, to: addDays(r.from, r.length) },
          minGapDays: r.minGapDays,
          maxCandidates: r.maxCandidates,
        }));
      });

  /** The same question answered the slow, obvious way: try every pair of dates with validateExchange. */
  function bruteForce(r: ProposalRequest): LocalDate[][] {
    const found: LocalDate[][] = [];
    const { from, to } = r.range;
    for (const s1 of eachDay(from, to)) {
      if (found.length === (r.maxCandidates ?? 5)) break;
      if (!r.mentoring.isWorkingDay(s1)) continue;
      const e1 = r.mentoring.workingDaysFrom(s1).end;
      if (e1 > to) break;
      for (const s2 of eachDay(addDays(e1, r.minGapDays + 1), to)) {
        if (!r.implementing.isWorkingDay(s2)) continue;
        const e2 = r.implementing.workingDaysFrom(s2).end;
        if (e2 > to) break;
        try {
          const checked = validateExchange({
            mentoring: r.mentoring,
            implementing: r.implementing,
            visitOne: { start: s1, end: e1, visitors: r.visitors?.visitOne },
            visitTwo: { start: s2, end: e2, visitors: r.visitors?.visitTwo },
            minGapDays: r.minGapDays,
          });
          if (checked.notices.length > 0) continue;
        } catch (e) {
          if (e instanceof RuleViolation) continue;
          throw e;
        }
        found.push([s1, e1, s2, e2]);
        break;
      }
    }
    return found;
  }

  it('proposes exactly the earliest pairs that validate, with no visitor home on a holiday', () => {
    fc.assert(
      fc.property(request(75), (r) => {
        expect(dates(proposeWindows(r))).toEqual(bruteForce(r));
      }),
      { numRuns: 60 },
    );
  });

  it('proposes visits of five host working days, in order, apart by the gap, within the range, with bounded skip runs', () => {
    fc.assert(
      fc.property(request(730), (r) => {
        const p = proposeWindows(r);
        let previous = '';
        for (const { visitOne, visitTwo } of p.candidates) {
          expect(r.mentoring.validateVisit(visitOne).days).toEqual(visitOne.days);
          expect(r.implementing.validateVisit(visitTwo).days).toEqual(visitTwo.days);
          expect(daysBetween(visitOne.end, visitTwo.start)).toBeGreaterThan(r.minGapDays);
          expect(visitOne.start >= r.range.from && visitTwo.end <= r.range.to).toBe(true);
          expect(visitOne.start > previous).toBe(true);
          previous = visitOne.start;
        }
        const starts = new Set(p.candidates.map((c) => c.visitOne.start));
        const check = (runs: SkippedRun[]) => {
          runs.forEach((run, i) => {
            expect(run.from <= run.to && run.from >= r.range.from && run.to <= r.range.to).toBe(true);
            expect(run.reasons.length).toBeGreaterThan(0);
            if (i > 0) expect(runs[i - 1].to < run.from).toBe(true);
          });
        };
        const one = p.skipped.filter((s) => s.visit === 'one');
        check(one);
        check(p.skipped.filter((s) => s.visit === 'two'));
        expect(one.some((s) => [...starts].some((d) => s.from <= d && d <= s.to))).toBe(false);
        // Every date before the last candidate's visit one is either a candidate or explained.
        if (p.candidates.length === r.maxCandidates) {
          const explained = one.reduce((n, s) => n + daysBetween(s.from, s.to) + 1, 0);
          expect(explained + starts.size).toBe(daysBetween(r.range.from, [...starts].pop() ?? r.range.from) + 1);
        }
      }),
      { numRuns: 60 },
    );
  });
});
