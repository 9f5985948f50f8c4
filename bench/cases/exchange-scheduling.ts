import Holidays from 'date-holidays';
import { addDays, daysBetween } from '@intercity/domain';
import { Place } from '../../apps/exchanges/src/calendar/domain/public-holidays';
import { Blackout, WorkingCalendar } from '../../apps/exchanges/src/calendar/domain/working-calendar';
import { proposeWindows, ProposalRequest } from '../../apps/exchanges/src/scheduling/domain/propose-windows';
import { Visitor } from '../../apps/exchanges/src/scheduling/domain/visitors';
import { Figure, figure } from '../support/report';

/** A 40-city network across 17 countries, with the regions and localities that have holidays of their own. */
const NETWORK: [string, Place][] = [
  ['München', { countryCode: 'DE', regionCode: 'DE-BY', locality: 'KATH', timeZone: 'Europe/Berlin' }],
  ['Berlin', { countryCode: 'DE', regionCode: 'DE-BE', timeZone: 'Europe/Berlin' }],
  ['Düsseldorf', { countryCode: 'DE', regionCode: 'DE-NW', timeZone: 'Europe/Berlin' }],
  ['Hamburg', { countryCode: 'DE', regionCode: 'DE-HH', timeZone: 'Europe/Berlin' }],
  ['Stuttgart', { countryCode: 'DE', regionCode: 'DE-BW', timeZone: 'Europe/Berlin' }],
  ['Leipzig', { countryCode: 'DE', regionCode: 'DE-SN', timeZone: 'Europe/Berlin' }],
  ['Kreis Offenbach', { countryCode: 'DE', regionCode: 'DE-HE', timeZone: 'Europe/Berlin' }],
  ['Wien', { countryCode: 'AT', regionCode: 'AT-9', timeZone: 'Europe/Vienna' }],
  ['Graz', { countryCode: 'AT', regionCode: 'AT-6', timeZone: 'Europe/Vienna' }],
  ['Zürich', { countryCode: 'CH', regionCode: 'CH-ZH', timeZone: 'Europe/Zurich' }],
  ['Genève', { countryCode: 'CH', regionCode: 'CH-GE', timeZone: 'Europe/Zurich' }],
  ['Roma', { countryCode: 'IT', regionCode: 'IT-62', locality: 'RM', timeZone: 'Europe/Rome' }],
  ['Milano', { countryCode: 'IT', regionCode: 'IT-25', locality: 'MI', timeZone: 'Europe/Rome' }],
  ['Torino', { countryCode: 'IT', regionCode: 'IT-21', locality: 'TO', timeZone: 'Europe/Rome' }],
  ['Firenze', { countryCode: 'IT', regionCode: 'IT-52', locality: 'FI', timeZone: 'Europe/Rome' }],
  ['Palermo', { countryCode: 'IT', regionCode: 'IT-82', locality: 'PA', timeZone: 'Europe/Rome' }],
  ['Bologna', { countryCode: 'IT', regionCode: 'IT-45', timeZone: 'Europe/Rome' }],
  ['Madrid', { countryCode: 'ES', regionCode: 'ES-MD', timeZone: 'Europe/Madrid' }],
  ['Barcelona', { countryCode: 'ES', regionCode: 'ES-CT', locality: 'B', timeZone: 'Europe/Madrid' }],
  ['València', { countryCode: 'ES', regionCode: 'ES-VC', timeZone: 'Europe/Madrid' }],
  ['Sevilla', { countryCode: 'ES', regionCode: 'ES-AN', timeZone: 'Europe/Madrid' }],
  ['Bilbao', { countryCode: 'ES', regionCode: 'ES-PV', timeZone: 'Europe/Madrid' }],
  ['Lisboa', { countryCode: 'PT', regionCode: null, timeZone: 'Europe/Lisbon' }],
  ['Porto', { countryCode: 'PT', regionCode: 'PT-13', timeZone: 'Europe/Lisbon' }],
  ['Athína', { countryCode: 'GR', regionCode: null, timeZone: 'Europe/Athens' }],
  ['Thessaloníki', { countryCode: 'GR', regionCode: null, timeZone: 'Europe/Athens' }],
  ['Amsterdam', { countryCode: 'NL', regionCode: 'NL-NH', timeZone: 'Europe/Amsterdam' }],
  ['Rotterdam', { countryCode: 'NL', regionCode: 'NL-ZH', timeZone: 'Europe/Amsterdam' }],
  ['Groningen', { countryCode: 'NL', regionCode: 'NL-GR', timeZone: 'Europe/Amsterdam' }],
  ['Bruxelles', { countryCode: 'BE', regionCode: 'BE-BRU', timeZone: 'Europe/Brussels' }],
  ['Gent', { countryCode: 'BE', regionCode: 'BE-VLG', timeZone: 'Europe/Brussels' }],
  ['Paris', { countryCode: 'FR', regionCode: null, timeZone: 'Europe/Paris' }],
  ['Strasbourg', { countryCode: 'FR', regionCode: 'FR-67', timeZone: 'Europe/Paris' }],
  ['Warszawa', { countryCode: 'PL', regionCode: null, timeZone: 'Europe/Warsaw' }],
  ['Göteborg', { countryCode: 'SE', regionCode: null, timeZone: 'Europe/Stockholm' }],
  ['Helsinki', { countryCode: 'FI', regionCode: null, timeZone: 'Europe/Helsinki' }],
  ['Dublin', { countryCode: 'IE', regionCode: null, timeZone: 'Europe/Dublin' }],
  ['Glasgow', { countryCode: 'GB', regionCode: 'GB-SCT', timeZone: 'Europe/London' }],
  ['Praha', { countryCode: 'CZ', regionCode: null, timeZone: 'Europe/Prague' }],
  ['Zagreb', { countryCode: 'HR', regionCode: null, timeZone: 'Europe/Zagreb' }],
];

const PAIRING_SAMPLES = 400;
const NETWORK_YEAR = { from: '2026-01-01', to: '2026-12-31' };

/** Deterministic, so every run plans the same network (mulberry32). */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function blackoutsOf(rnd: () => number, from: string, years: number): Blackout[] {
  return Array.from({ length: years }, (_, y) => {
    const summer = addDays(`${Number(from.slice(0, 4)) + y}-07-20`, Math.floor(rnd() * 20));
    const election = addDays(`${Number(from.slice(0, 4)) + y}-03-01`, Math.floor(rnd() * 200));
    return [
      { from: summer, to: addDays(summer, 13), name: 'summer closure' },
      { from: election, to: addDays(election, 2), name: 'local elections' },
    ];
  }).flat();
}

function visitorsOf(rnd: () => number, from: string, days: number, who: string): Visitor[] {
  return [1, 2].map((n) => ({
    personId: `${who}-${n}`,
    busy: Array.from({ length: 6 }, () => {
      const start = addDays(from, Math.floor(rnd() * days));
      return { from: start, to: addDays(start, Math.floor(rnd() * 4)) };
    }),
  }));
}

function ms(from: bigint): number {
  return Number(process.hrtime.bigint() - from) / 1e6;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))];
}

/** Every pairing of the network (first city mentoring), each asked for five candidates in one year. */
function planNetwork(rnd: () => number): { ms: number; candidates: number } {
  const days = daysBetween(NETWORK_YEAR.from, NETWORK_YEAR.to) + 1;
  const blackouts = NETWORK.map(() => blackoutsOf(rnd, NETWORK_YEAR.from, 1));
  const pairings: [number, number, ProposalRequest['visitors']][] = [];
  for (let i = 0; i < NETWORK.length; i++) {
    for (let j = i + 1; j < NETWORK.length; j++) {
      pairings.push([i, j, { visitOne: visitorsOf(rnd, NETWORK_YEAR.from, days, 'i'), visitTwo: visitorsOf(rnd, NETWORK_YEAR.from, days, 'm') }]);
    }
  }
  const t = process.hrtime.bigint();
  const cities = NETWORK.map(([, place], i) => new WorkingCalendar(place, blackouts[i]));
  let candidates = 0;
  for (const [i, j, visitors] of pairings) {
    candidates += proposeWindows({ mentoring: cities[i], implementing: cities[j], visitors, range: NETWORK_YEAR, minGapDays: 14 }).candidates.length;
  }
  return { ms: ms(t), candidates };
}

/**
 * The exchanges service's scheduling assistant (pure domain code: no database, no server).
 * - one pairing over a two-year range, warm caches as in a running service, p95 of many requests,
 *   against raw date-holidays `isHoliday` over the same days of both cities (what asking the
 *   library day by day would cost);
 * - all 780 pairings of a 40-city network over a year from a cold start (empty holiday cache,
 *   calendars built inside the timing), against raw `getHolidays` for the same cities and years
 *   (the least date-holidays work the plan could do).
 */
export function exchangeSchedulingCase(): Figure[] {
  const rnd = random(20_260_101);
  const cold = planNetwork(rnd);
  const warm = [0, 1, 2].map(() => planNetwork(rnd).ms).sort((a, b) => a - b)[1];

  const rawYear = process.hrtime.bigint();
  for (const [, p] of NETWORK) {
    const hd = p.regionCode ? new Holidays(p.countryCode, p.regionCode.slice(3), { types: ['public'] }) : new Holidays(p.countryCode, { types: ['public'] });
    hd.getHolidays(2025);
    hd.getHolidays(2026);
  }
  const rawNetwork = ms(rawYear);

  const calendars = NETWORK.map(([, place]) => new WorkingCalendar(place, blackoutsOf(rnd, '2025-01-01', 3)));
  const requests: ProposalRequest[] = Array.from({ length: PAIRING_SAMPLES }, () => {
    const i = Math.floor(rnd() * calendars.length);
    const j = (i + 1 + Math.floor(rnd() * (calendars.length - 1))) % calendars.length;
    const from = addDays('2025-01-01', Math.floor(rnd() * 365));
    const to = addDays(from, 730);
    return {
      mentoring: calendars[i],
      implementing: calendars[j],
      visitors: { visitOne: visitorsOf(rnd, from, 731, 'i'), visitTwo: visitorsOf(rnd, from, 731, 'm') },
      range: { from, to },
      minGapDays: Math.floor(rnd() * 30),
    };
  });
  const times = requests.map((r) => {
    const t = process.hrtime.bigint();
    proposeWindows(r);
    return ms(t);
  });
  times.sort((a, b) => a - b);
  const p95 = percentile(times, 0.95);

  // One pairing's two years, both cities, asked of date-holidays day by day.
  const [first] = requests;
  const raw = [first.mentoring.place, first.implementing.place].map((p) =>
    p.regionCode ? new Holidays(p.countryCode, p.regionCode.slice(3), { types: ['public'] }) : new Holidays(p.countryCode, { types: ['public'] }),
  );
  const rawScan = process.hrtime.bigint();
  for (let d = 0; d <= 730; d++) {
    const [y, m, day] = addDays(first.range.from, d).split('-').map(Number);
    for (const hd of raw) hd.isHoliday(new Date(y, m - 1, day, 12));
  }
  const rawTwoYears = ms(rawScan);

  const info = (name: string, value: number, unit = 'ms') => figure({ name, value, unit, baseline: null, target: null, better: 'low' });
  return [
    figure({ name: 'exchanges.propose.two_years.p95', value: p95, unit: 'ms', baseline: null, target: 50, better: 'low' }),
    info('exchanges.propose.two_years.p50', percentile(times, 0.5)),
    figure({ name: 'exchanges.propose.two_years.p95_vs_raw_isHoliday_scan', value: p95, unit: 'ms', baseline: rawTwoYears, target: null, better: 'low' }),
    figure({ name: 'exchanges.plan_network_40x1y.cold', value: cold.ms, unit: 'ms', baseline: null, target: 2000, better: 'low' }),
    info('exchanges.plan_network_40x1y.warm', warm),
    figure({ name: 'exchanges.plan_network_40x1y.cold_vs_raw_getHolidays', value: cold.ms, unit: 'ms', baseline: rawNetwork, target: null, better: 'low' }),
    info('exchanges.plan_network_40x1y.candidates', cold.candidates, 'windows'),
  ];
}
