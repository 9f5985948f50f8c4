import fc from 'fast-check';
import { AttendanceStatus } from '@intercity/contracts';
import { firstVersion } from '@intercity/domain';
import { Session } from '../../activity/domain/session';
import { uid } from '../../shared/domain/spec-support';
import { SessionAttendance } from './attendance';
import { AttendedActivity, learningRecord } from './learning';

const ANA = uid(2001);
const HOUR = 3_600_000;

function session(n: number, start: string, hours: number): Session {
  const startsAt = new Date(start);
  return { id: uid(500 + n), startsAt, endsAt: new Date(startsAt.getTime() + hours * HOUR) };
}

function sheet(activityId: string, s: Session, marks: [string, AttendanceStatus][]): SessionAttendance {
  return {
    sessionId: s.id,
    activityId,
    communityId: uid(200),
    networkId: uid(101),
    startsAt: s.startsAt,
    endsAt: s.endsAt,
    marks: marks.map(([personId, status]) => ({ personId, status, recordedBy: uid(3100), recordedAt: s.endsAt })),
    ...firstVersion(s.endsAt),
  };
}

describe('learning hours', () => {
  it('sum the sessions a person was present at, across activities', () => {
    const training = { id: uid(601), sessions: [session(1, '2024-01-08T08:00:00Z', 3.5), session(2, '2024-01-15T08:00:00Z', 3.5), session(3, '2024-01-22T08:00:00Z', 3.5)] };
    const webinar = { id: uid(602), sessions: [session(4, '2024-02-01T14:00:00Z', 1.5)] };
    const record = learningRecord(ANA, [
      {
        activity: training,
        sheets: [
          sheet(training.id, training.sessions[0], [[ANA, 'present']]),
          sheet(training.id, training.sessions[1], [[ANA, 'excused']]),
          sheet(training.id, training.sessions[2], [[ANA, 'present'], [uid(2002), 'absent']]),
        ],
      },
      { activity: webinar, sheets: [sheet(webinar.id, webinar.sessions[0], [[ANA, 'present']])] },
    ]);

    expect(record).toEqual({
      personId: ANA,
      minutes: 7 * 60 + 90,
      hours: 8.5,
      sessions: 3,
      activities: [
        { activityId: training.id, minutes: 420, sessions: 2 },
        { activityId: webinar.id, minutes: 90, sessions: 1 },
      ],
    });
  });

  it('count nothing for absences, unrecorded sessions, or sheets of sessions no longer held', () => {
    const a = { id: uid(601), sessions: [session(1, '2024-01-08T08:00:00Z', 2)] };
    const stray = session(9, '2024-01-09T08:00:00Z', 2);
    expect(learningRecord(ANA, [{ activity: a, sheets: [sheet(a.id, a.sessions[0], [[ANA, 'absent']]), sheet(a.id, stray, [[ANA, 'present']])] }]).minutes).toBe(0);
    expect(learningRecord(ANA, []).hours).toBe(0);
  });

  it('equal the sum of present sessions’ lengths, whatever the marks', () => {
    const statuses = fc.constantFrom<AttendanceStatus>('present', 'absent', 'excused');
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 15, max: 600 }), fc.option(statuses, { nil: undefined })), { minLength: 1, maxLength: 40 }), (plan) => {
        let at = Date.UTC(2024, 0, 1);
        const sessions: Session[] = plan.map(([minutes], i) => {
          const s = { id: uid(700 + i), startsAt: new Date(at), endsAt: new Date(at + minutes * 60_000) };
          at += 86_400_000;
          return s;
        });
        const activity = { id: uid(601), sessions };
        const attended: AttendedActivity = {
          activity,
          sheets: plan.flatMap(([, status], i) => (status ? [sheet(activity.id, sessions[i], [[ANA, status]])] : [])),
        };
        const record = learningRecord(ANA, [attended]);
        const present = plan.filter(([, s]) => s === 'present');
        expect(record.minutes).toBe(present.reduce((sum, [m]) => sum + m, 0));
        expect(record.sessions).toBe(present.length);
        expect(Number.isInteger(record.minutes)).toBe(true);
      }),
    );
  });
});
