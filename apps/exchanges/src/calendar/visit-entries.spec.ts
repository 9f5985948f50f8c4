import * as ical from 'node-ical';
import { DatedVisit, visitFeed } from './visit-entries';
import { renderVisitCalendar } from './visit-ical';

const events = (text: string) => Object.values(ical.sync.parseICS(text)).filter((c): c is ical.VEvent => c.type === 'VEVENT');

/** Visit one of CONNECTION's Offenbach–Ravenna pairing, around Easter 2026 in Hesse. */
const visit: DatedVisit = {
  id: '01900000-0000-7000-8000-000000000001',
  pairingId: '01900000-0000-7000-8000-000000000000',
  number: 1,
  status: 'scheduled',
  startsOn: '2026-03-30',
  endsOn: '2026-04-07',
  days: ['2026-03-30', '2026-03-31', '2026-04-01', '2026-04-02', '2026-04-07'],
  timeZone: 'Europe/Berlin',
  programme: [{ day: '2026-03-30', time: '09:30', place: 'Kreishaus Dietzenbach', hostContactId: null, topic: 'The welcome centre; one front door' }],
  hostName: 'Kreis Offenbach',
  visitingName: 'Ravenna',
  communityName: 'One-stop-shops',
  pairingStatus: 'scheduled',
  pairingVersion: 5,
  pairingUpdatedAt: new Date('2026-03-02T12:00:00Z'),
  cancelReason: null,
};

describe('visit feeds', () => {
  it('writes a visit as an all-day event: first day to the day after the last, UID the visit id, SEQUENCE the pairing version', () => {
    const text = renderVisitCalendar('Ravenna', visitFeed([visit]));

    expect(text).toContain('DTSTART;VALUE=DATE:20260330');
    expect(text).toContain('DTEND;VALUE=DATE:20260408');
    expect(text).not.toContain('BEGIN:VTIMEZONE');
    expect(text).toContain('METHOD:PUBLISH');
    for (const line of text.split('\r\n')) expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
    const [e] = events(text);
    expect(e).toMatchObject({ uid: visit.id, sequence: '5', status: 'CONFIRMED', datetype: 'date', location: 'Kreis Offenbach', summary: 'Staff exchange: Ravenna visits Kreis Offenbach (visit 1 of 2)' });
    expect(e.description).toBe(
      [
        'Host city: Kreis Offenbach\nVisitors from: Ravenna\nCommunity of practice: One-stop-shops',
        'Working days (Europe/Berlin): Mon 2026-03-30, Tue 2026-03-31, Wed 2026-04-01, Thu 2026-04-02, Tue 2026-04-07',
      ].join('\n') + '\n\nProgramme:\n- 2026-03-30 09:30 The welcome centre; one front door (Kreishaus Dietzenbach)',
    );
  });

  it("carries a cancelled pairing's visit as STATUS:CANCELLED, naming the reason", () => {
    const [e] = events(renderVisitCalendar('feed', visitFeed([{ ...visit, pairingStatus: 'cancelled', pairingVersion: 6, cancelReason: 'the city left the network' }])));
    expect([e.status, e.sequence]).toEqual(['CANCELLED', '6']);
    expect(e.description.startsWith('Cancelled: the city left the network\n\nHost city: Kreis Offenbach')).toBe(true);
  });

  it('writes the same feed whatever zone the server runs in, visits by first day', () => {
    const later = { ...visit, id: '01900000-0000-7000-8000-000000000002', number: 2 as const, startsOn: '2026-04-27', endsOn: '2026-04-30', programme: [] };
    const before = process.env.TZ;
    const render = () => renderVisitCalendar('feed', visitFeed([later, visit]));
    try {
      process.env.TZ = 'Pacific/Kiritimati';
      const east = render();
      process.env.TZ = 'America/Los_Angeles';
      expect(render()).toBe(east);
      expect(events(east).map((e) => e.uid)).toEqual([visit.id, later.id]);
      expect(events(east)[1].description).toMatch(/Programme: not set yet$/);
    } finally {
      if (before === undefined) delete process.env.TZ;
      else process.env.TZ = before;
    }
  });
});
