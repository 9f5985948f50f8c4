import type { Activity } from '../../activity/domain/activity';
import { sessionMinutes } from '../../activity/domain/session';
import type { SessionAttendance } from './attendance';

/** An activity and the attendance sheets of its sessions. */
export interface AttendedActivity {
  activity: Pick<Activity, 'id' | 'sessions'>;
  sheets: readonly SessionAttendance[];
}

export interface ActivityLearning {
  activityId: string;
  /** Whole minutes: hours are derived, so sums never drift with float rounding. */
  minutes: number;
  sessions: number;
}

/** What a person has attended across activities (a 120-hour training over many sessions, say). */
export interface LearningRecord {
  personId: string;
  minutes: number;
  hours: number;
  sessions: number;
  activities: ActivityLearning[];
}

/**
 * Learning time accrues from sessions the person was present at, counted at the session's length
 * as scheduled. Absent and excused count nothing; sheets of sessions no longer in the activity
 * count nothing either.
 */
export function activityLearning(personId: string, { activity, sheets }: AttendedActivity): ActivityLearning {
  let minutes = 0;
  let sessions = 0;
  for (const session of activity.sessions) {
    const sheet = sheets.find((s) => s.sessionId === session.id && s.activityId === activity.id);
    if (sheet?.marks.some((m) => m.personId === personId && m.status === 'present')) {
      minutes += sessionMinutes(session);
      sessions += 1;
    }
  }
  return { activityId: activity.id, minutes, sessions };
}

export function learningRecord(personId: string, attended: readonly AttendedActivity[]): LearningRecord {
  const activities = attended.map((a) => activityLearning(personId, a));
  const minutes = activities.reduce((sum, a) => sum + a.minutes, 0);
  return {
    personId,
    minutes,
    hours: minutes / 60,
    sessions: activities.reduce((sum, a) => sum + a.sessions, 0),
    activities,
  };
}
