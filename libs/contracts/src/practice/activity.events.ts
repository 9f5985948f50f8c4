import { Type } from 'class-transformer';
import {
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsPositive,
  IsString,
  IsUrl,
  IsUUID,
  Length,
  Min,
  ValidateNested,
} from 'class-validator';
import { defineEvent } from '../event-definition';
import { ACTIVITY_KINDS, ACTIVITY_STATUSES, ActivityKind, ActivityStatus } from './vocabulary';

/** One session: instants in UTC; its id is stable across reschedules (it is the iCalendar UID). */
export class ActivitySessionV1 {
  @IsUUID('all') sessionId!: string;
  @IsISO8601({ strict: true }) startsAt!: string;
  @IsISO8601({ strict: true }) endsAt!: string;
}

export class CityQuotaV1 {
  @IsUUID('all') memberId!: string;
  @IsInt() @Min(1) seats!: number;
}

/** What a person must attend for a certificate; every threshold set must be met. */
export class CertificateRuleV1 {
  @IsOptional() @IsPositive() minHours?: number;
  @IsOptional() @IsInt() @Min(1) minSessions?: number;
}

export class ActivityStateV1 {
  @IsUUID('all') activityId!: string;
  @IsUUID('all') communityId!: string;
  @IsUUID('all') networkId!: string;
  @IsIn(ACTIVITY_KINDS) kind!: ActivityKind;
  @IsString() @Length(1, 200) title!: string;
  @IsOptional() @IsString() @Length(1, 4000) description?: string;
  @IsUUID('all') hostMemberId!: string;
  @IsOptional() @IsString() @Length(1, 500) place?: string;
  @IsOptional() @IsUrl({ protocols: ['http', 'https'], require_protocol: true }) onlineUrl?: string;
  /** IANA time zone the activity's days are counted in (the host's unless set). */
  @IsString() timeZone!: string;
  @IsArray() @ArrayMinSize(1) @ValidateNested({ each: true }) @Type(() => ActivitySessionV1) sessions!: ActivitySessionV1[];
  /** Sessions dropped by a reschedule: calendars keep their UIDs to mark them cancelled. */
  @IsOptional() @IsArray() @ValidateNested({ each: true }) @Type(() => ActivitySessionV1) droppedSessions?: ActivitySessionV1[];
  /** Local dates (YYYY-MM-DD) in the time zone on which a session takes place. */
  @IsArray() @IsISO8601({ strict: true }, { each: true }) days!: string[];
  @IsInt() @Min(1) capacity!: number;
  @IsISO8601({ strict: true }) registrationOpensAt!: string;
  @IsISO8601({ strict: true }) registrationClosesAt!: string;
  /** BCP 47 tags, the main one first. */
  @IsArray() @ArrayMinSize(1) @ArrayUnique() @IsString({ each: true }) languages!: string[];
  @IsOptional() @IsArray() @ValidateNested({ each: true }) @Type(() => CityQuotaV1) cityQuotas?: CityQuotaV1[];
  @IsOptional() @ValidateNested() @Type(() => CertificateRuleV1) certificate?: CertificateRuleV1;
  @IsIn(ACTIVITY_STATUSES) status!: ActivityStatus;
  /** iCalendar SEQUENCE: raised by every change a calendar must show (times, place, cancellation). */
  @IsInt() @Min(0) sequence!: number;
  @IsOptional() @IsString() @Length(1, 1000) cancellationReason?: string;
  @IsOptional() @IsISO8601({ strict: true }) cancelledAt?: string;
}

/**
 * The organiser set, changed or removed per-city quotas after scheduling: the activity as it is
 * now, and the quotas it had before (empty when there were none), so a reader sees which city
 * gained or lost places without keeping the previous state.
 */
export class ActivityQuotasChangedV1 extends ActivityStateV1 {
  @IsArray() @ValidateNested({ each: true }) @Type(() => CityQuotaV1) previousCityQuotas!: CityQuotaV1[];
}

export const ActivityScheduled = defineEvent('practice.activity.scheduled', 1, 'activity', ActivityStateV1);
export const ActivityUpdated = defineEvent('practice.activity.updated', 1, 'activity', ActivityStateV1);
export const ActivityRescheduled = defineEvent('practice.activity.rescheduled', 1, 'activity', ActivityStateV1);
export const ActivityOpened = defineEvent('practice.activity.opened', 1, 'activity', ActivityStateV1);
export const ActivityFilled = defineEvent('practice.activity.filled', 1, 'activity', ActivityStateV1);
export const ActivityClosed = defineEvent('practice.activity.closed', 1, 'activity', ActivityStateV1);
export const ActivityHeld = defineEvent('practice.activity.held', 1, 'activity', ActivityStateV1);
export const ActivityCancelled = defineEvent('practice.activity.cancelled', 1, 'activity', ActivityStateV1);
export const ActivityQuotasChanged = defineEvent('practice.activity.quotas-changed', 1, 'activity', ActivityQuotasChangedV1);
