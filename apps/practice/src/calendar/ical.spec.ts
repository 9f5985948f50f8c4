import * as ical from 'node-ical';
import { cancelActivity } from '../activity/domain/activity';
import { openActivity } from '../shared/domain/fixtures';
import { uid } from '../shared/domain/spec-support';
import { calendarEntries, calendarFeed } from './domain/calendar-entry';
import { localTime, renderCalendar, vtimezone } from './ical';

const options = { uidDomain: 'intercity.example.org' };

const events = (text: string) => Object.values(ical.sync.parseICS(text)).filter((c): c is ical.VEvent => c.type === 'VEVENT');
const zones = (text: string) => Object.values(ical.sync.parseICS(text)).flatMap((c) => (c.type === 'VTIMEZONE' ? [(c as ical.VTimeZone).tzid] : []));

const session = (n: number, startsAt: string, hours: number) => ({ id: uid(n), startsAt: new Date(startsAt), endsAt: new Date(new Date(startsAt).getTime() + hours * 3_600_000) });

/** 10:00 local on either side of a DST change: Lisbon springs forward on 31 March 2024, Helsinki falls back on 27 October 2024. */
const lisbon = openActivity({
  title: 'Lisbon',
  timeZone: 'Europe/Lisbon',
  sessions: [session(311, '2024-03-30T10:00:00Z', 2), session(312, '2024-04-01T09:00:00Z', 2)],
  registrationWindow: { opensAt: new Date('2024-03-01T00:00:00Z'), closesAt: new Date('2024-03-29T00:00:00Z') },
});
const helsinki = openActivity({
  title: 'Helsinki',
  timeZone: 'Europe/Helsinki',
  sessions: [session(321, '2024-10-26T07:00:00Z', 3), session(322, '2024-10-28T08:00:00Z', 3)],
  registrationWindow: { opensAt: new Date('2024-03-01T00:00:00Z'), closesAt: new Date('2024-10-01T00:00:00Z') },
});

describe('renderCalendar', () => {
  const activity = openActivity({ description: 'Bring; a notebook, and \\ questions\nSecond line ' + 'é'.repeat(60) });

  it('writes RFC 5545 text: CRLF lines, folded at 75 octets, escaped text', () => {
    const text = renderCalendar('Ravenna, one-stop-shops', calendarEntries(activity, options));

    expect(text.startsWith('BEGIN:VCALENDAR\r\nVERSION:2.0\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    for (const line of text.split('\r\n')) expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
    expect(text).toContain('Bring\\; a notebook\\, and \\\\ questions\\nSecond line');
    expect(text).toContain('METHOD:PUBLISH');
  });

  it("writes the host's wall-clock time with TZID across a DST change, and a VTIMEZONE for every TZID used", () => {
    const text = renderCalendar('feed', calendarFeed([lisbon, helsinki], options));

    // Same 10:00 local on both sides of the change; the instant moves by the hour the clocks did.
    expect(text).toContain('DTSTART;TZID=Europe/Lisbon:20240330T100000');
    expect(text).toContain('DTSTART;TZID=Europe/Lisbon:20240401T100000');
    expect(text).toContain('DTSTART;TZID=Europe/Helsinki:20241026T100000');
    expect(text).toContain('DTEND;TZID=Europe/Helsinki:20241028T130000');
    expect(text).not.toMatch(/^DT(START|END):\d{8}T\d{6}Z/m);
    const parsed = events(text);
    expect(parsed.map((e) => [e.summary, e.start.toISOString(), e.end.toISOString(), e.start.tz])).toEqual([
      ['Lisbon (1/2)', '2024-03-30T10:00:00.000Z', '2024-03-30T12:00:00.000Z', 'Europe/Lisbon'],
      ['Lisbon (2/2)', '2024-04-01T09:00:00.000Z', '2024-04-01T11:00:00.000Z', 'Europe/Lisbon'],
      ['Helsinki (1/2)', '2024-10-26T07:00:00.000Z', '2024-10-26T10:00:00.000Z', 'Europe/Helsinki'],
      ['Helsinki (2/2)', '2024-10-28T08:00:00.000Z', '2024-10-28T11:00:00.000Z', 'Europe/Helsinki'],
    ]);
    const used = new Set([...text.matchAll(/;TZID=([^:;]+)[:;]/g)].map((m) => m[1]));
    expect([...used].sort()).toEqual(['Europe/Helsinki', 'Europe/Lisbon']);
    expect(zones(text).sort()).toEqual([...used].sort());
  });

  it('writes the same feed whatever zone the server runs in', () => {
    const before = process.env.TZ;
    const render = () => renderCalendar('feed', calendarFeed([lisbon, helsinki], options));
    try {
      process.env.TZ = 'UTC';
      const utc = render();
      process.env.TZ = 'America/New_York';
      expect(render()).toBe(utc);
    } finally {
      if (before === undefined) delete process.env.TZ;
      else process.env.TZ = before;
    }
  });

  it('declares an alias zone under its own name, and falls back to UTC for a zone without VTIMEZONE data', () => {
    expect(vtimezone('Europe/Amsterdam')).toMatch(/^TZID:Europe\/Amsterdam\r$/m);
    expect(vtimezone('Europe/Kiev')).toContain('TZNAME:EEST');
    expect(vtimezone('Mars/Olympus_Mons')).toBeNull();
    const text = renderCalendar('feed', calendarEntries({ ...lisbon, timeZone: 'UTC' }, options));
    expect(text).toContain('DTSTART:20240330T100000Z');
    expect(text).not.toContain('BEGIN:VTIMEZONE');
  });

  it('reads back in a real parser: UIDs, SEQUENCE, UTC times, status and text', () => {
    const [first, second] = events(renderCalendar('feed', calendarEntries(activity, options)));

    expect(first).toMatchObject({ uid: `session-${uid(301)}@intercity.example.org`, sequence: '0', status: 'CONFIRMED', summary: 'Study visit: the Ravenna one-stop-shop (1/2)' });
    expect(first.start.toISOString()).toBe('2024-04-24T07:00:00.000Z');
    expect(first.end.toISOString()).toBe('2024-04-24T15:00:00.000Z');
    expect(first.location).toBe('Piazza del Popolo 1, Ravenna');
    expect(first.description).toBe(`Bring; a notebook, and \\ questions\nSecond line ${'é'.repeat(60)}\n\nLocal time (Europe/Rome): 2024-04-24 09:00–17:00`);
    expect(second.uid).toBe(`session-${uid(302)}@intercity.example.org`);
  });

  it('carries a cancellation as STATUS:CANCELLED with a raised SEQUENCE', () => {
    const cancelled = cancelActivity(activity, 'Flooding', new Date('2024-03-05T10:00:00Z')).state;
    const parsed = events(renderCalendar('feed', calendarFeed([cancelled], options)));
    expect(parsed.map((e) => [e.status, e.sequence])).toEqual([
      ['CANCELLED', '1'],
      ['CANCELLED', '1'],
    ]);
    expect(new Date(parsed[0].dtstamp).toISOString()).toBe('2024-03-05T10:00:00.000Z');
  });

  it('writes an empty but valid calendar for no entries', () => {
    const text = renderCalendar('empty', []);
    expect(events(text)).toEqual([]);
    expect(text).toMatch(/END:VCALENDAR$/);
  });

  it('names the end date in the local time when a session runs past midnight', () => {
    const [entry] = calendarEntries(
      openActivity({ sessions: [{ id: uid(390), startsAt: new Date('2024-04-24T20:00:00Z'), endsAt: new Date('2024-04-24T23:30:00Z') }] }),
      options,
    );
    expect(localTime(entry)).toBe('Local time (Europe/Rome): 2024-04-24 22:00–2024-04-25 01:30');
  });
});
