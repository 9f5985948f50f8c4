import { ATTENDANCE_STATUSES, AttendanceRecorded, AttendanceStatus, SessionAttendanceStateV1 } from '@intercity/contracts';
import { firstVersion, nextVersion, RuleViolation, Versioned } from '@intercity/domain';
import type { Activity } from '../../activity/domain/activity';
import type { Registration } from '../../registration/domain/registration';
import { emission, iso, Outcome, unchanged } from '../../shared/domain/outcome';

export interface AttendanceMark {
  personId: string;
  status: AttendanceStatus;
  recordedBy: string;
  recordedAt: Date;
}

/** The attendance sheet of one session; its id is the session's. */
export interface SessionAttendance extends Versioned {
  sessionId: string;
  activityId: string;
  communityId: string;
  networkId: string;
  startsAt: Date;
  endsAt: Date;
  marks: AttendanceMark[];
}

export interface AttendanceEntry {
  personId: string;
  status: AttendanceStatus;
}

export function attendanceState(s: SessionAttendance): SessionAttendanceStateV1 {
  return {
    sessionId: s.sessionId,
    activityId: s.activityId,
    communityId: s.communityId,
    networkId: s.networkId,
    startsAt: iso(s.startsAt),
    endsAt: iso(s.endsAt),
    marks: s.marks.map((m) => ({ personId: m.personId, status: m.status, recordedBy: m.recordedBy, recordedAt: iso(m.recordedAt) })),
  };
}

/**
 * The host records who was present, absent or excused at a session, for people holding a
 * confirmed place only, once the session has begun. A later entry for the same person replaces
 * the earlier one (a correction); entries that change nothing emit nothing.
 */
export function recordAttendance(
  sheet: SessionAttendance | undefined,
  activity: Activity,
  registrations: readonly Registration[],
  sessionId: string,
  entries: readonly AttendanceEntry[],
  recordedBy: string,
  now: Date,
): Outcome<SessionAttendance> {
  if (activity.status === 'cancelled') throw RuleViolation.conflict('activity.cancelled', `the activity was cancelled: ${activity.cancellationReason}`);
  const session = activity.sessions.find((s) => s.id === sessionId);
  if (!session) throw RuleViolation.unprocessable('attendance.session', 'sessionId', `session ${sessionId} is not a session of this activity`);
  if (now < session.startsAt) throw RuleViolation.conflict('attendance.before-session', `the session starts at ${iso(session.startsAt)}`, 'sessionId');
  if (sheet && (sheet.sessionId !== sessionId || sheet.activityId !== activity.id)) throw new Error(`sheet of session ${sheet.sessionId} used for ${sessionId}`);
  if (entries.length === 0) throw RuleViolation.invalid('attendance.entries', 'entries', 'record at least one person');

  const confirmed = new Set(registrations.filter((r) => r.activityId === activity.id && r.status === 'confirmed').map((r) => r.personId));
  const seen = new Set<string>();
  entries.forEach((e, i) => {
    if (!ATTENDANCE_STATUSES.includes(e.status)) {
      throw RuleViolation.invalid('attendance.status', `entries[${i}].status`, `status is one of ${ATTENDANCE_STATUSES.join(', ')}`);
    }
    if (seen.has(e.personId)) throw RuleViolation.invalid('attendance.duplicate', `entries[${i}].personId`, `person ${e.personId} is listed twice`);
    seen.add(e.personId);
    if (!confirmed.has(e.personId)) {
      throw RuleViolation.unprocessable('attendance.not-registered', `entries[${i}].personId`, `person ${e.personId} holds no confirmed place at this activity`);
    }
  });

  const marks = [...(sheet?.marks ?? [])];
  let changed = false;
  for (const e of entries) {
    const i = marks.findIndex((m) => m.personId === e.personId);
    if (i >= 0 && marks[i].status === e.status) continue;
    const mark = { personId: e.personId, status: e.status, recordedBy, recordedAt: now };
    if (i >= 0) marks[i] = mark;
    else marks.push(mark);
    changed = true;
  }
  if (!changed && sheet) return unchanged(sheet);
  const next: SessionAttendance = sheet
    ? nextVersion(sheet, { marks, startsAt: session.startsAt, endsAt: session.endsAt }, now)
    : {
        sessionId,
        activityId: activity.id,
        communityId: activity.communityId,
        networkId: activity.networkId,
        startsAt: session.startsAt,
        endsAt: session.endsAt,
        marks,
        ...firstVersion(now),
      };
  return { state: next, events: [emission(AttendanceRecorded, { id: next.sessionId, version: next.version }, attendanceState(next))] };
}

/** A person erased upstream leaves no marks behind; their hours go with them. */
export function forgetAttendee(sheet: SessionAttendance, personId: string, now: Date): Outcome<SessionAttendance> {
  if (!sheet.marks.some((m) => m.personId === personId)) return unchanged(sheet);
  const next = nextVersion(sheet, { marks: sheet.marks.filter((m) => m.personId !== personId) }, now);
  return { state: next, events: [emission(AttendanceRecorded, { id: next.sessionId, version: next.version }, attendanceState(next))] };
}
