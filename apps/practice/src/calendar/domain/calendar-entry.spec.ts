import { cancelActivity, rescheduleActivity } from '../../activity/domain/activity';
import { openActivity, schedule } from '../../shared/domain/fixtures';
import { uid } from '../../shared/domain/spec-support';
import { calendarEntries, calendarFeed, sessionUid } from './calendar-entry';

const options = { uidDomain: 'intercity.example.org' };
const t1 = new Date('2024-03-05T10:00:00Z');

describe('calendar entries', () => {
  const activity = openActivity({ description: 'Meet the team of the one-stop-shop' });

  it('give each session a stable UID and times in the host’s zone', () => {
    const [first, second] = calendarEntries(activity, options);

    expect(first).toMatchObject({
      uid: `session-${uid(301)}@intercity.example.org`,
      sequence: 0,
      status: 'CONFIRMED',
      tzid: 'Europe/Rome',
      start: { utc: new Date('2024-04-24T07:00:00Z'), local: { date: '2024-04-24', time: '09:00:00' } },
      end: { local: { date: '2024-04-24', time: '17:00:00' } },
      summary: 'Study visit: the Ravenna one-stop-shop (1/2)',
      location: 'Piazza del Popolo 1, Ravenna',
      url: null,
      categories: ['study-visit'],
      description: 'Meet the team of the one-stop-shop',
    });
    expect(second.summary).toBe('Study visit: the Ravenna one-stop-shop (2/2)');
    expect(sessionUid(uid(301), options)).toBe(first.uid);
  });

  it('keep the UID across a reschedule and raise SEQUENCE; a dropped session shows cancelled', () => {
    const [s1] = activity.sessions;
    const moved = { ...s1, startsAt: new Date('2024-04-25T07:00:00Z'), endsAt: new Date('2024-04-25T15:00:00Z') };
    const rescheduled = rescheduleActivity(activity, [moved], t1).state;

    const entries = calendarEntries(rescheduled, options);
    expect(entries.map((e) => [e.sessionId, e.status, e.sequence])).toEqual([
      [uid(301), 'CONFIRMED', 1],
      [uid(302), 'CANCELLED', 1],
    ]);
    expect(entries[0]).toMatchObject({ start: { local: { date: '2024-04-25', time: '09:00:00' } }, summary: 'Study visit: the Ravenna one-stop-shop' });
  });

  it('mark every session cancelled when the activity is, with the reason', () => {
    const cancelled = cancelActivity(activity, 'Host city closed after flooding', t1).state;
    const entries = calendarEntries(cancelled, options);

    expect(entries.every((e) => e.status === 'CANCELLED' && e.sequence === 1)).toBe(true);
    expect(entries[0].description).toBe('Cancelled: Host city closed after flooding\n\nMeet the team of the one-stop-shop');
    expect(entries[0].lastModified).toEqual(t1);
  });

  it('announce nothing for a draft, and fall back on the online link for the location', () => {
    expect(calendarEntries(schedule(), options)).toEqual([]);
    const online = openActivity({ kind: 'webinar', place: null, onlineUrl: 'https://meet.example.org/oss' });
    expect(calendarEntries(online, options)[0]).toMatchObject({ location: 'https://meet.example.org/oss', url: 'https://meet.example.org/oss' });
  });

  it('merge activities into one feed by start', () => {
    const early = openActivity({
      sessions: [{ id: uid(399), startsAt: new Date('2024-04-20T07:00:00Z'), endsAt: new Date('2024-04-20T09:00:00Z') }],
      registrationWindow: { opensAt: new Date('2024-03-01T00:00:00Z'), closesAt: new Date('2024-04-19T00:00:00Z') },
    });
    expect(calendarFeed([activity, early], options).map((e) => e.sessionId)).toEqual([uid(399), uid(301), uid(302)]);
  });
});
