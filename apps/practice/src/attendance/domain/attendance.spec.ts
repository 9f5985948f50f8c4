import { Activity } from '../../activity/domain/activity';
import { community, OFFENBACH, openActivity } from '../../shared/domain/fixtures';
import { eventViolations, typesOf, uid } from '../../shared/domain/spec-support';
import { register, Registration } from '../../registration/domain/registration';
import { forgetAttendee, recordAttendance, SessionAttendance } from './attendance';

const ADMIN = { role: 'network-admin' as const, personId: uid(999) };
const HOST = uid(3100);
const [ANA, BEN, CARLA, DAN] = [1, 2, 3, 4].map((n) => uid(2000 + n));
const registeredAt = new Date('2024-03-10T12:00:00Z');
const duringFirst = new Date('2024-04-24T16:00:00Z');

function seated(activity: Activity): Registration[] {
  let list: Registration[] = [];
  [ANA, BEN, CARLA, DAN].forEach((personId, i) => {
    list = register(activity, community, list, { id: uid(1001 + i), person: { personId, memberId: OFFENBACH }, by: ADMIN }, registeredAt).state;
  });
  return list;
}

describe('attendance', () => {
  const activity = openActivity(); // 3 seats: Dan waits
  const list = seated(activity);
  const [first, second] = activity.sessions;

  it('is recorded per session for people holding a confirmed place', () => {
    const { state, events } = recordAttendance(undefined, activity, list, first.id, [
      { personId: ANA, status: 'present' },
      { personId: BEN, status: 'absent' },
      { personId: CARLA, status: 'excused' },
    ], HOST, duringFirst);

    expect(state).toMatchObject({ sessionId: first.id, activityId: activity.id, version: 1, startsAt: first.startsAt, endsAt: first.endsAt });
    expect(state.marks.map((m) => [m.personId, m.status])).toEqual([[ANA, 'present'], [BEN, 'absent'], [CARLA, 'excused']]);
    expect(typesOf(events)).toEqual(['practice.attendance.recorded']);
    expect(events[0]).toMatchObject({ aggregateId: first.id, aggregateVersion: 1 });
    expect(eventViolations(events)).toEqual([]);
  });

  it('refuses a person without a confirmed place: waiting, unknown or cancelled', () => {
    expect(() => recordAttendance(undefined, activity, list, first.id, [{ personId: DAN, status: 'present' }], HOST, duringFirst)).toThrow(
      expect.objectContaining({ rule: 'attendance.not-registered', field: 'entries[0].personId', kind: 'unprocessable' }),
    );
    expect(() => recordAttendance(undefined, activity, list, first.id, [{ personId: ANA, status: 'present' }, { personId: uid(7), status: 'present' }], HOST, duringFirst)).toThrow(
      expect.objectContaining({ rule: 'attendance.not-registered', field: 'entries[1].personId' }),
    );
  });

  it('refuses an unknown session, one not begun, a cancelled activity, and muddled entries', () => {
    const mark = [{ personId: ANA, status: 'present' as const }];
    expect(() => recordAttendance(undefined, activity, list, uid(4242), mark, HOST, duringFirst)).toThrow(expect.objectContaining({ rule: 'attendance.session' }));
    expect(() => recordAttendance(undefined, activity, list, second.id, mark, HOST, duringFirst)).toThrow(expect.objectContaining({ rule: 'attendance.before-session' }));
    expect(() => recordAttendance(undefined, { ...activity, status: 'cancelled' }, list, first.id, mark, HOST, duringFirst)).toThrow(
      expect.objectContaining({ rule: 'activity.cancelled' }),
    );
    expect(() => recordAttendance(undefined, activity, list, first.id, [], HOST, duringFirst)).toThrow(expect.objectContaining({ rule: 'attendance.entries' }));
    expect(() => recordAttendance(undefined, activity, list, first.id, [...mark, ...mark], HOST, duringFirst)).toThrow(expect.objectContaining({ rule: 'attendance.duplicate' }));
    expect(() => recordAttendance(undefined, activity, list, first.id, [{ personId: ANA, status: 'late' as never }], HOST, duringFirst)).toThrow(
      expect.objectContaining({ rule: 'attendance.status' }),
    );
  });

  it('takes corrections, and emits nothing for a repeat', () => {
    const sheet: SessionAttendance = recordAttendance(undefined, activity, list, first.id, [{ personId: ANA, status: 'absent' }], HOST, duringFirst).state;
    const later = new Date('2024-04-25T08:00:00Z');
    const corrected = recordAttendance(sheet, activity, list, first.id, [{ personId: ANA, status: 'excused' }, { personId: BEN, status: 'present' }], HOST, later);
    expect(corrected.state.version).toBe(2);
    expect(corrected.state.marks).toEqual([
      { personId: ANA, status: 'excused', recordedBy: HOST, recordedAt: later },
      { personId: BEN, status: 'present', recordedBy: HOST, recordedAt: later },
    ]);
    expect(recordAttendance(corrected.state, activity, list, first.id, [{ personId: BEN, status: 'present' }], HOST, later)).toEqual({ state: corrected.state, events: [] });
  });

  it('forgets an erased person', () => {
    const sheet = recordAttendance(undefined, activity, list, first.id, [{ personId: ANA, status: 'present' }, { personId: BEN, status: 'present' }], HOST, duringFirst).state;
    const out = forgetAttendee(sheet, ANA, duringFirst);
    expect(out.state.marks.map((m) => m.personId)).toEqual([BEN]);
    expect(eventViolations(out.events)).toEqual([]);
    expect(forgetAttendee(out.state, ANA, duringFirst).events).toEqual([]);
  });
});
