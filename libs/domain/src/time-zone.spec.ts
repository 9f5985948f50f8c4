import fc from 'fast-check';
import { instantAt, isIanaTimeZone, isLocalTime, localDateOf, localDateTimeOf, offsetAt, startOfLocalDay } from './time-zone';

const HOUR = 3_600_000;

describe('time zones', () => {
  it.each(['Europe/Berlin', 'Europe/Rome', 'Europe/Lisbon', 'America/Sao_Paulo', 'UTC', 'Asia/Kolkata'])('%s is an IANA zone', (z) =>
    expect(isIanaTimeZone(z)).toBe(true),
  );

  it.each(['+01:00', 'Europe/Atlantis', 'CET ', '', 'Berlin', 42])('%p is not', (z) => expect(isIanaTimeZone(z)).toBe(false));

  it('reads local times', () => {
    expect(['09:00', '23:59:59', '00:00:00'].every(isLocalTime)).toBe(true);
    expect(['24:00', '9:00', '09:60', '09:00:60'].some(isLocalTime)).toBe(false);
  });

  it('knows the offset in winter and summer', () => {
    expect(offsetAt(new Date('2024-01-15T12:00:00Z'), 'Europe/Rome')).toBe(HOUR);
    expect(offsetAt(new Date('2024-07-15T12:00:00Z'), 'Europe/Rome')).toBe(2 * HOUR);
    expect(offsetAt(new Date('2024-07-15T12:00:00Z'), 'Europe/Lisbon')).toBe(HOUR);
    expect(offsetAt(new Date('2024-07-15T12:00:00Z'), 'Asia/Kolkata')).toBe(5.5 * HOUR);
    expect(offsetAt(new Date('2024-07-15T12:00:00Z'), 'UTC')).toBe(0);
  });

  it("puts an instant on the host's day, not the server's", () => {
    const lateEvening = new Date('2024-05-31T22:30:00Z');
    expect(localDateOf(lateEvening, 'Europe/Madrid')).toBe('2024-06-01');
    expect(localDateOf(lateEvening, 'Europe/Lisbon')).toBe('2024-05-31');
    expect(localDateTimeOf(lateEvening, 'Europe/Madrid')).toEqual({ date: '2024-06-01', time: '00:30:00' });
  });

  it('turns a wall time into an instant on either side of daylight saving', () => {
    expect(instantAt('2024-03-30', '09:00', 'Europe/Berlin').toISOString()).toBe('2024-03-30T08:00:00.000Z');
    expect(instantAt('2024-04-02', '09:00', 'Europe/Berlin').toISOString()).toBe('2024-04-02T07:00:00.000Z');
    expect(instantAt('2024-04-25', '09:30:15', 'Europe/Rome').toISOString()).toBe('2024-04-25T07:30:15.000Z');
  });

  it('moves a wall time in the spring-forward gap forward, or refuses it', () => {
    expect(instantAt('2024-03-31', '02:30', 'Europe/Berlin').toISOString()).toBe('2024-03-31T01:30:00.000Z');
    expect(localDateTimeOf(instantAt('2024-03-31', '02:30', 'Europe/Berlin'), 'Europe/Berlin').time).toBe('03:30:00');
    expect(instantAt('2024-03-31', '02:30', 'Europe/Berlin', 'earlier').toISOString()).toBe('2024-03-31T00:30:00.000Z');
    expect(() => instantAt('2024-03-31', '02:30', 'Europe/Berlin', 'reject')).toThrow(/does not occur/);
  });

  it('picks either instant of a wall time that the autumn fold repeats', () => {
    expect(instantAt('2024-10-27', '02:30', 'Europe/Berlin').toISOString()).toBe('2024-10-27T00:30:00.000Z');
    expect(instantAt('2024-10-27', '02:30', 'Europe/Berlin', 'later').toISOString()).toBe('2024-10-27T01:30:00.000Z');
    expect(() => instantAt('2024-10-27', '02:30', 'Europe/Berlin', 'reject')).toThrow(/occurs twice/);
  });

  it('starts a day at midnight, or where a change skips it, at the first hour that exists', () => {
    expect(startOfLocalDay('2024-06-01', 'Europe/Madrid').toISOString()).toBe('2024-05-31T22:00:00.000Z');
    // Santiago de Chile springs forward at midnight.
    expect(localDateTimeOf(startOfLocalDay('2024-09-08', 'America/Santiago'), 'America/Santiago')).toEqual({ date: '2024-09-08', time: '01:00:00' });
  });

  it('refuses what is not a date, time or zone', () => {
    expect(() => instantAt('2024-02-30', '09:00', 'Europe/Rome')).toThrow(RangeError);
    expect(() => instantAt('2024-02-03', '9:00', 'Europe/Rome')).toThrow(RangeError);
    expect(() => instantAt('2024-02-03', '09:00', 'Mars/Olympus')).toThrow(RangeError);
  });

  it('round-trips any instant through its wall time in any zone', () => {
    const zones = fc.constantFrom('Europe/Berlin', 'Europe/Lisbon', 'Europe/Helsinki', 'America/New_York', 'Australia/Lord_Howe', 'Asia/Kathmandu', 'UTC');
    const instant = fc.integer({ min: Date.UTC(1990, 0, 1) / 1000, max: Date.UTC(2040, 0, 1) / 1000 }).map((s) => new Date(s * 1000));
    fc.assert(
      fc.property(instant, zones, (at, zone) => {
        const wall = localDateTimeOf(at, zone);
        const earlier = instantAt(wall.date, wall.time, zone, 'earlier');
        const later = instantAt(wall.date, wall.time, zone, 'later');
        // In a fold the wall time names two instants; `at` is one of them.
        expect([earlier.getTime(), later.getTime()]).toContain(at.getTime());
        expect(localDateTimeOf(instantAt(wall.date, wall.time, zone), zone)).toEqual(wall);
        expect(Date.parse(`${wall.date}T${wall.time}Z`) - at.getTime()).toBe(offsetAt(at, zone));
      }),
    );
  });
});
