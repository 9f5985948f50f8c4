import * as ical from 'node-ical';
import { cancelActivity } from '../activity/domain/activity';
import { openActivity } from '../shared/domain/fixtures';
import { uid } from '../shared/domain/spec-support';
import { calendarEntries, calendarFeed } from './domain/calendar-entry';
import { localTime, renderCalendar } from './ical';

const options = { uidDomain: 'intercity.example.org' };

const events = (text: string) => Object.values(ical.sync.parseICS(text)).filter((c): c is ical.VEvent => c.type === 'VEVENT');

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
