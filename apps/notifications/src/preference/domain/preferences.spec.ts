import fc from 'fast-check';
import { localDateOf, localDateTimeOf, RuleViolation, startOfLocalDay } from '@intercity/domain';
import {
  DEFAULT_PREFERENCES,
  deliveryPlan,
  digestPeriodKey,
  isoWeekOf,
  isQuiet,
  nextAllowedInstant,
  nextDigestAt,
  parsePreferences,
  preferenceChanges,
  Preferences,
  QuietHours,
} from './preferences';

function violation(fn: () => unknown): Pick<RuleViolation, 'rule' | 'field' | 'kind'> {
  try {
    fn();
  } catch (e) {
    if (e instanceof RuleViolation) return { rule: e.rule, field: e.field, kind: e.kind };
    throw e;
  }
  throw new Error('expected a RuleViolation');
}

const lisbon = { timeZone: 'Europe/Lisbon', email: 'ana@lisboa.example' };
const at = (iso: string) => new Date(iso);
const local = (d: Date, tz: string) => {
  const l = localDateTimeOf(d, tz);
  return `${l.date} ${l.time}`;
};

describe('parsing preferences', () => {
  it('gives the defaults for an empty object, and keeps what is left out', () => {
    expect(parsePreferences({})).toEqual(DEFAULT_PREFERENCES);
    const p = parsePreferences({ kinds: { 'exchange-changed': { cadence: 'weekly' }, 'seat-offered': { channels: ['in-app'] } } });
    expect(p.kinds['exchange-changed']).toEqual({ channels: ['email', 'in-app'], cadence: 'weekly' });
    expect(p.kinds['seat-offered']).toEqual({ channels: ['in-app'], cadence: 'immediate' });
    expect(p.kinds['report-overdue']).toEqual(DEFAULT_PREFERENCES.kinds['report-overdue']);
    expect(p.quietHours).toEqual({ from: '22:00', to: '07:00' });
  });

  it('reads over a base: the person keeps their earlier choices', () => {
    const base = parsePreferences({ quietHours: { from: '20:00', to: '09:00' }, timeZone: 'Europe/Rome' });
    const next = parsePreferences({ kinds: { 'certificate-issued': { channels: [] } } }, base);
    expect(next.quietHours).toEqual({ from: '20:00', to: '09:00' });
    expect(next.timeZone).toBe('Europe/Rome');
    expect(next.kinds['certificate-issued'].channels).toEqual([]);
    expect(parsePreferences({ quietHours: null, timeZone: null }, base)).toMatchObject({ quietHours: null, timeZone: null });
  });

  it('orders channels and drops repeats', () => {
    expect(parsePreferences({ kinds: { 'seat-offered': { channels: ['webhook', 'email', 'webhook'] } } }).kinds['seat-offered'].channels).toEqual([
      'email',
      'webhook',
    ]);
  });

  it.each([
    [{ kinds: { 'visit-tomorrow': { channels: ['email'] } } }, 'preferences.unknown-kind', 'kinds.visit-tomorrow'],
    [{ kinds: { 'seat-offered': { channels: ['email', 'sms'] } } }, 'preferences.unknown-channel', 'kinds.seat-offered.channels[1]'],
    [{ kinds: { 'seat-offered': { channels: 'email' } } }, 'preferences.channels', 'kinds.seat-offered.channels'],
    [{ kinds: { 'seat-offered': { cadence: 'hourly' } } }, 'preferences.unknown-cadence', 'kinds.seat-offered.cadence'],
    [{ kinds: { 'seat-offered': { chanels: ['email'] } } }, 'preferences.unknown-field', 'kinds.seat-offered.chanels'],
    [{ kinds: ['seat-offered'] }, 'preferences.kinds', 'kinds'],
    [{ quietHours: { from: '25:00', to: '07:00' } }, 'preferences.quiet-hours', 'quietHours.from'],
    [{ quietHours: { from: '22:00', to: '7:00' } }, 'preferences.quiet-hours', 'quietHours.to'],
    [{ quietHours: { from: '22:00' } }, 'preferences.quiet-hours', 'quietHours.to'],
    [{ quietHours: { from: '22:00', to: '22:00' } }, 'preferences.quiet-hours', 'quietHours.to'],
    [{ quietHours: '22-07' }, 'preferences.quiet-hours', 'quietHours'],
    [{ timeZone: 'Europe/Lisboa' }, 'preferences.time-zone', 'timeZone'],
    [{ timeZone: '+01:00' }, 'preferences.time-zone', 'timeZone'],
    [{ quietHour: { from: '22:00', to: '07:00' } }, 'preferences.unknown-field', 'quietHour'],
  ])('refuses %j naming the field', (input, rule, field) => {
    expect(violation(() => parsePreferences(input))).toEqual({ rule, field, kind: 'invalid' });
  });

  it('refuses what is not an object', () => {
    expect(violation(() => parsePreferences(null)).rule).toBe('preferences.shape');
    expect(violation(() => parsePreferences([])).rule).toBe('preferences.shape');
  });
});

describe('what a change changed', () => {
  const base = parsePreferences({ quietHours: { from: '22:00', to: '07:00' } });

  it('is nothing when every setting stays as it was, however it was asked for', () => {
    expect(preferenceChanges(base, parsePreferences({}, base))).toBeNull();
    expect(preferenceChanges(base, parsePreferences({ quietHours: { from: '22:00', to: '07:00' }, kinds: { 'seat-offered': { channels: ['in-app', 'email'] } } }, base))).toBeNull();
  });

  it("names each kind that changed with only its changed fields, in the vocabulary's order", () => {
    const next = parsePreferences({ kinds: { 'seat-offered': { channels: ['in-app'] }, 'exchange-changed': { cadence: 'weekly', channels: ['email', 'in-app'] } } }, base);
    expect(preferenceChanges(base, next)).toEqual({
      kinds: [
        { kind: 'exchange-changed', cadence: 'weekly' },
        { kind: 'seat-offered', channels: ['in-app'] },
      ],
    });
  });

  it('tells quiet hours and a zone turned off (null) from left alone (absent)', () => {
    const zoned = parsePreferences({ timeZone: 'Europe/Rome' }, base);
    expect(preferenceChanges(base, zoned)).toEqual({ timeZone: 'Europe/Rome' });
    expect(preferenceChanges(zoned, parsePreferences({ quietHours: null, timeZone: null }, zoned))).toEqual({ quietHours: null, timeZone: null });
    expect(preferenceChanges(base, parsePreferences({ quietHours: { from: '21:00', to: '07:00' } }, base))).toEqual({ quietHours: { from: '21:00', to: '07:00' } });
  });
});

describe('quiet hours', () => {
  const night: QuietHours = { from: '22:00', to: '07:00' };
  const lunch: QuietHours = { from: '12:00', to: '14:00' };

  it('sends nothing at 3 a.m. in Lisbon: it goes at 07:00 there', () => {
    // 03:00 WET is 03:00Z in winter.
    const next = nextAllowedInstant(at('2026-01-15T03:00:00Z'), night, 'Europe/Lisbon');
    expect(next.toISOString()).toBe('2026-01-15T07:00:00.000Z');
    // 03:00 WEST in summer is 02:00Z; the window ends at 07:00 WEST, 06:00Z.
    expect(nextAllowedInstant(at('2026-07-15T02:00:00Z'), night, 'Europe/Lisbon').toISOString()).toBe('2026-07-15T06:00:00.000Z');
  });

  it('carries a window that starts before midnight into the next day', () => {
    const next = nextAllowedInstant(at('2026-11-23T23:30:00Z'), night, 'Europe/Lisbon');
    expect(local(next, 'Europe/Lisbon')).toBe('2026-11-24 07:00:00');
  });

  it('ends a window within the day the same day, and leaves times outside alone', () => {
    expect(local(nextAllowedInstant(at('2026-11-23T12:30:00Z'), lunch, 'Europe/Lisbon'), 'Europe/Lisbon')).toBe('2026-11-23 14:00:00');
    const free = at('2026-11-23T14:00:00Z');
    expect(nextAllowedInstant(free, lunch, 'Europe/Lisbon')).toBe(free);
    expect(nextAllowedInstant(free, null, 'Europe/Lisbon')).toBe(free);
  });

  it('ends at the jump when the spring-forward gap skips the end time', () => {
    // Berlin, 2026-03-29: 02:00 CET becomes 03:00 CEST (01:00Z). 02:30 never happens that night.
    const q: QuietHours = { from: '01:00', to: '02:30' };
    const next = nextAllowedInstant(at('2026-03-29T00:30:00Z'), q, 'Europe/Berlin');
    expect(next.toISOString()).toBe('2026-03-29T01:00:00.000Z');
    expect(local(next, 'Europe/Berlin')).toBe('2026-03-29 03:00:00');
  });

  it('waits out both passes through a fall-back hour', () => {
    // Berlin, 2026-10-25: 03:00 CEST becomes 02:00 CET (01:00Z); 02:00-02:59 happen twice.
    const q: QuietHours = { from: '01:00', to: '02:30' };
    expect(nextAllowedInstant(at('2026-10-25T00:15:00Z'), q, 'Europe/Berlin').toISOString()).toBe('2026-10-25T00:30:00.000Z');
    // 02:15 CET, the second pass, is quiet again: until 02:30 CET.
    expect(nextAllowedInstant(at('2026-10-25T01:15:00Z'), q, 'Europe/Berlin').toISOString()).toBe('2026-10-25T01:30:00.000Z');
  });
});

describe('digests', () => {
  it('keys a period by the local day or ISO week', () => {
    const now = at('2026-11-23T10:00:00Z');
    expect(digestPeriodKey('daily', 'Europe/Lisbon', now)).toBe('daily:2026-11-23');
    expect(digestPeriodKey('weekly', 'Europe/Lisbon', now)).toBe('weekly:2026-W48');
    // Still the 22nd in Los Angeles.
    expect(digestPeriodKey('daily', 'America/Los_Angeles', at('2026-11-23T03:00:00Z'))).toBe('daily:2026-11-22');
  });

  it.each([
    ['2026-01-01', '2026-W01'],
    ['2027-01-01', '2026-W53'],
    ['2024-12-30', '2025-W01'],
    ['2021-01-03', '2020-W53'],
    ['2026-11-29', '2026-W48'],
    ['2026-11-30', '2026-W49'],
  ])('puts %s in ISO week %s', (day, week) => {
    expect(isoWeekOf(day)).toBe(week);
  });

  it('sends a daily digest at 08:00 the next morning and a weekly one on Monday at 08:00', () => {
    const wednesday = at('2026-11-25T15:00:00Z');
    expect(local(nextDigestAt('daily', 'Europe/Rome', wednesday), 'Europe/Rome')).toBe('2026-11-26 08:00:00');
    expect(local(nextDigestAt('weekly', 'Europe/Rome', wednesday), 'Europe/Rome')).toBe('2026-11-30 08:00:00');
    const monday = at('2026-11-30T09:00:00Z');
    expect(local(nextDigestAt('weekly', 'Europe/Rome', monday), 'Europe/Rome')).toBe('2026-12-07 08:00:00');
  });

  it('moves a digest out of quiet hours', () => {
    const next = nextDigestAt('daily', 'Europe/Rome', at('2026-11-25T15:00:00Z'), { from: '22:00', to: '09:30' });
    expect(local(next, 'Europe/Rome')).toBe('2026-11-26 09:30:00');
  });
});

describe('planning deliveries', () => {
  const prefs = (over: unknown = {}): Preferences => parsePreferences(over);

  it('shows it in the inbox now and defers the e-mail of 3 a.m. to 07:00 Lisbon', () => {
    const now = at('2026-01-15T03:00:00Z');
    expect(deliveryPlan({ kind: 'seat-offered' }, prefs(), lisbon, now)).toEqual([
      { channel: 'email', cadence: 'immediate', status: 'queued', notBefore: at('2026-01-15T07:00:00Z'), periodKey: null },
      { channel: 'in-app', cadence: 'immediate', status: 'queued', notBefore: now, periodKey: null },
    ]);
  });

  it('holds a digest e-mail for its digest, and defers a webhook like an e-mail', () => {
    const now = at('2026-11-23T23:30:00Z');
    const plan = deliveryPlan({ kind: 'exchange-changed' }, prefs({ kinds: { 'exchange-changed': { channels: ['email', 'in-app', 'webhook'] } } }), lisbon, now);
    expect(plan).toEqual([
      { channel: 'email', cadence: 'daily', status: 'held', notBefore: at('2026-11-24T08:00:00Z'), periodKey: 'daily:2026-11-23' },
      { channel: 'in-app', cadence: 'immediate', status: 'queued', notBefore: now, periodKey: null },
      { channel: 'webhook', cadence: 'immediate', status: 'queued', notBefore: at('2026-11-24T07:00:00Z'), periodKey: null },
    ]);
  });

  it('reads the clock in the zone the person chose over their city’s', () => {
    const now = at('2026-01-15T03:00:00Z');
    const plan = deliveryPlan({ kind: 'report-overdue' }, prefs({ timeZone: 'America/New_York', kinds: { 'report-overdue': { channels: ['email'] } } }), lisbon, now);
    // 22:00 in New York: quiet until 07:00 there, 12:00Z.
    expect(plan).toEqual([{ channel: 'email', cadence: 'immediate', status: 'queued', notBefore: at('2026-01-15T12:00:00Z'), periodKey: null }]);
  });

  it('sends no e-mail without an address, and nothing for a muted kind', () => {
    const now = at('2026-01-15T12:00:00Z');
    expect(deliveryPlan({ kind: 'seat-offered' }, prefs(), { ...lisbon, email: null }, now).map((d) => d.channel)).toEqual(['in-app']);
    expect(deliveryPlan({ kind: 'seat-offered' }, prefs({ kinds: { 'seat-offered': { channels: [] } } }), lisbon, now)).toEqual([]);
  });

  it('sends at once outside quiet hours, or always when there are none', () => {
    const now = at('2026-01-15T03:00:00Z');
    expect(deliveryPlan({ kind: 'seat-offered' }, prefs({ quietHours: null }), lisbon, now).every((d) => d.notBefore === now)).toBe(true);
  });
});

describe('quiet hours, for any instant, zone and window', () => {
  // Zones with half-hour DST (Lord Howe), DST at midnight (Santiago, Beirut, São Paulo until
  // 2019), odd offsets (Chatham, Kolkata) and none (UTC).
  const zones = [
    'Europe/Lisbon',
    'Europe/Berlin',
    'America/New_York',
    'Australia/Lord_Howe',
    'America/Santiago',
    'America/Sao_Paulo',
    'Asia/Beirut',
    'Pacific/Chatham',
    'Asia/Kolkata',
    'UTC',
  ];
  const hhmm = fc.tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 })).map(([h, m]) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`);
  const window = fc.tuple(hhmm, hhmm).filter(([from, to]) => from !== to).map(([from, to]) => ({ from, to }));
  const instant = fc.date({ min: at('2012-01-01T00:00:00Z'), max: at('2032-01-01T00:00:00Z'), noInvalidDate: true });
  // Instants near DST changes, where the interesting cases are.
  const nearChange = fc
    .tuple(fc.constantFrom('2026-03-29T00:00:00Z', '2026-10-25T00:00:00Z', '2026-03-08T06:00:00Z', '2026-11-01T05:00:00Z', '2026-04-04T14:00:00Z', '2026-10-03T15:00:00Z', '2018-11-04T02:00:00Z'), fc.integer({ min: -6 * 3600, max: 6 * 3600 }))
    .map(([base, s]) => new Date(at(base).getTime() + s * 1000));
  const when = fc.oneof(instant, nearChange);

  it('never plans a send inside quiet hours, never before now, and no later than needed', () => {
    fc.assert(
      fc.property(when, fc.constantFrom(...zones), window, (now, tz, q) => {
        const next = nextAllowedInstant(now, q, tz);
        expect(next.getTime()).toBeGreaterThanOrEqual(now.getTime());
        expect(isQuiet(next, q, tz)).toBe(false);
        if (!isQuiet(now, q, tz)) expect(next).toBe(now);
        // The first free second: the one before it was still quiet.
        else expect(isQuiet(new Date(next.getTime() - 1000), q, tz)).toBe(true);
        // A window lasts less than a day, and one DST change moves a clock by at most an hour or so.
        expect(next.getTime() - now.getTime()).toBeLessThan(26 * 3600 * 1000);
      }),
      { numRuns: 400 },
    );
  });

  it('holds digests for a later local day, outside quiet hours, the same for a whole period', () => {
    fc.assert(
      fc.property(when, fc.constantFrom(...zones), fc.option(window, { nil: null }), fc.constantFrom('daily' as const, 'weekly' as const), (now, tz, q, cadence) => {
        const next = nextDigestAt(cadence, tz, now, q);
        expect(next.getTime()).toBeGreaterThan(now.getTime());
        expect(localDateOf(next, tz) > localDateOf(now, tz)).toBe(true);
        expect(isQuiet(next, q, tz)).toBe(false);
        expect(digestPeriodKey(cadence, tz, next)).not.toBe(digestPeriodKey(cadence, tz, now));
        // The day's first instant waits for the same digest as this one.
        expect(nextDigestAt(cadence, tz, startOfLocalDay(localDateOf(now, tz), tz), q)).toEqual(next);
      }),
      { numRuns: 300 },
    );
  });

  it('sends in-app at once and every other immediate channel at an allowed instant', () => {
    fc.assert(
      fc.property(when, fc.constantFrom(...zones), window, (now, tz, q) => {
        const p = parsePreferences({ quietHours: q, timeZone: tz, kinds: { 'seat-offered': { channels: ['email', 'in-app', 'webhook'] } } });
        for (const d of deliveryPlan({ kind: 'seat-offered' }, p, lisbon, now)) {
          if (d.channel === 'in-app') expect(d.notBefore).toBe(now);
          else expect(isQuiet(d.notBefore, q, tz)).toBe(false);
          expect(d.notBefore.getTime()).toBeGreaterThanOrEqual(now.getTime());
        }
      }),
      { numRuns: 200 },
    );
  });
});
