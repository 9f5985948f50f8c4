import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsUUID, ValidateNested } from 'class-validator';
import { ATTENDANCE_STATUSES, AttendanceStatus } from '@intercity/contracts';

export class AttendanceEntryDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID('all') personId!: string;
  @ApiProperty({ enum: ATTENDANCE_STATUSES }) @IsIn(ATTENDANCE_STATUSES) status!: AttendanceStatus;
}

export class RecordAttendanceDto {
  @ApiProperty({ type: [AttendanceEntryDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  @Type(() => AttendanceEntryDto)
  entries!: AttendanceEntryDto[];
}

export class AttendanceMarkResponse {
  @ApiProperty({ format: 'uuid' }) personId!: string;
  @ApiProperty({ enum: ATTENDANCE_STATUSES }) status!: AttendanceStatus;
  @ApiProperty({ format: 'uuid' }) recordedBy!: string;
  @ApiProperty() recordedAt!: Date;
}

export class SessionAttendanceResponse {
  @ApiProperty({ format: 'uuid' }) sessionId!: string;
  @ApiProperty({ format: 'uuid' }) activityId!: string;
  @ApiProperty() startsAt!: Date;
  @ApiProperty() endsAt!: Date;
  @ApiProperty({ type: [AttendanceMarkResponse] }) marks!: AttendanceMarkResponse[];
  @ApiProperty() version!: number;
}

export class ActivityLearningResponse {
  @ApiProperty({ format: 'uuid' }) activityId!: string;
  @ApiProperty() minutes!: number;
  @ApiProperty() sessions!: number;
  @ApiProperty({ type: Boolean, nullable: true, description: "Whether the organiser's certificate rule is met; null when none is set" })
  certificateEligible!: boolean | null;
}

export class LearningRecordResponse {
  @ApiProperty({ format: 'uuid' }) personId!: string;
  @ApiProperty() minutes!: number;
  @ApiProperty() hours!: number;
  @ApiProperty() sessions!: number;
  @ApiProperty({ type: [ActivityLearningResponse] }) activities!: ActivityLearningResponse[];
}
