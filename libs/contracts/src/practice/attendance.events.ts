import { Type } from 'class-transformer';
import { IsArray, IsIn, IsISO8601, IsUUID, ValidateNested } from 'class-validator';
import { defineEvent } from '../event-definition';
import { ATTENDANCE_STATUSES, AttendanceStatus } from './vocabulary';

export class AttendanceMarkV1 {
  @IsUUID('all') personId!: string;
  @IsIn(ATTENDANCE_STATUSES) status!: AttendanceStatus;
  @IsUUID('all') recordedBy!: string;
  @IsISO8601({ strict: true }) recordedAt!: string;
}

/** The attendance sheet of one session (the aggregate's id is the session's): every mark so far. */
export class SessionAttendanceStateV1 {
  @IsUUID('all') sessionId!: string;
  @IsUUID('all') activityId!: string;
  @IsUUID('all') communityId!: string;
  @IsUUID('all') networkId!: string;
  @IsISO8601({ strict: true }) startsAt!: string;
  @IsISO8601({ strict: true }) endsAt!: string;
  @IsArray() @ValidateNested({ each: true }) @Type(() => AttendanceMarkV1) marks!: AttendanceMarkV1[];
}

export const AttendanceRecorded = defineEvent('practice.attendance.recorded', 1, 'attendance', SessionAttendanceStateV1);
