import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsISO8601,
  IsNumber,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Min,
  ValidateNested,
} from 'class-validator';
import { ACTIVITY_KINDS, ACTIVITY_STATUSES, ActivityKind, ActivityStatus, REGISTRATION_STATUSES, RegistrationStatus } from '@intercity/contracts';
import { PageOf, PageQuery } from '@intercity/platform';

export class SessionDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'Keep it to move a session; leave it out for a new one' })
  @IsOptional()
  @IsUUID('all')
  id?: string;

  @ApiProperty({ format: 'date-time', example: '2024-04-24T07:00:00Z' })
  @IsISO8601({ strict: true })
  startsAt!: string;

  @ApiProperty({ format: 'date-time', example: '2024-04-24T15:00:00Z' })
  @IsISO8601({ strict: true })
  endsAt!: string;
}

export class RegistrationWindowDto {
  @ApiProperty({ format: 'date-time' }) @IsISO8601({ strict: true }) opensAt!: string;
  @ApiProperty({ format: 'date-time' }) @IsISO8601({ strict: true }) closesAt!: string;
}

export class CityQuotaDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID('all') memberId!: string;
  @ApiProperty({ minimum: 1 }) @IsInt() @Min(1) seats!: number;
}

export class CertificateRuleDto {
  @ApiPropertyOptional({ type: Number, nullable: true }) @IsOptional() @IsNumber() minHours?: number | null;
  @ApiPropertyOptional({ type: Number, nullable: true }) @IsOptional() @IsInt() minSessions?: number | null;
}

export class ScheduleActivityDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID('all') communityId!: string;
  @ApiProperty({ enum: ACTIVITY_KINDS }) @IsIn(ACTIVITY_KINDS) kind!: ActivityKind;
  @ApiProperty() @IsString() @Length(1, 200) title!: string;
  @ApiPropertyOptional({ type: String, nullable: true }) @IsOptional() @IsString() @Length(0, 4000) description?: string | null;
  @ApiProperty({ format: 'uuid', description: 'A city of the community or an expert partner of it' }) @IsUUID('all') hostMemberId!: string;
  @ApiPropertyOptional({ type: String, nullable: true }) @IsOptional() @IsString() @Length(0, 500) place?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) @IsOptional() @IsString() @Length(0, 2000) onlineUrl?: string | null;
  @ApiPropertyOptional({ description: "IANA time zone; the host's by default" }) @IsOptional() @IsString() @Length(1, 64) timeZone?: string;

  @ApiProperty({ type: [SessionDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => SessionDto)
  sessions!: SessionDto[];

  @ApiProperty({ minimum: 1 }) @IsInt() @Min(1) capacity!: number;
  @ApiProperty({ type: RegistrationWindowDto }) @ValidateNested() @Type(() => RegistrationWindowDto) registrationWindow!: RegistrationWindowDto;
  @ApiProperty({ example: ['it', 'en'] }) @IsArray() @ArrayMinSize(1) @ArrayMaxSize(20) @IsString({ each: true }) languages!: string[];

  @ApiPropertyOptional({ type: [CityQuotaDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => CityQuotaDto)
  cityQuotas?: CityQuotaDto[];

  @ApiPropertyOptional({ type: CertificateRuleDto, nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => CertificateRuleDto)
  certificate?: CertificateRuleDto | null;
}

/** Sessions move by rescheduling; the host and community stay. */
export class UpdateActivityDto {
  @ApiPropertyOptional({ enum: ACTIVITY_KINDS }) @IsOptional() @IsIn(ACTIVITY_KINDS) kind?: ActivityKind;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 200) title?: string;
  @ApiPropertyOptional({ type: String, nullable: true }) @IsOptional() @IsString() @Length(0, 4000) description?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) @IsOptional() @IsString() @Length(0, 500) place?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) @IsOptional() @IsString() @Length(0, 2000) onlineUrl?: string | null;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 64) timeZone?: string;
  @ApiPropertyOptional({ minimum: 1 }) @IsOptional() @IsInt() @Min(1) capacity?: number;
  @ApiPropertyOptional({ type: RegistrationWindowDto }) @IsOptional() @ValidateNested() @Type(() => RegistrationWindowDto) registrationWindow?: RegistrationWindowDto;
  @ApiPropertyOptional() @IsOptional() @IsArray() @ArrayMinSize(1) @ArrayMaxSize(20) @IsString({ each: true }) languages?: string[];
  @ApiPropertyOptional({ type: [CityQuotaDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => CityQuotaDto)
  cityQuotas?: CityQuotaDto[];
  @ApiPropertyOptional({ type: CertificateRuleDto, nullable: true }) @IsOptional() @ValidateNested() @Type(() => CertificateRuleDto) certificate?: CertificateRuleDto | null;
}

export class CityQuotasDto {
  @ApiProperty({
    type: [CityQuotaDto],
    description:
      'At most this many people (registered or waiting) per member city of the community. Quotas cap cities; they do not set seats aside, so they may add up to more than the capacity. A quota cannot drop below the people a city already has (409 activity.quota.below-registered).',
  })
  @IsArray()
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => CityQuotaDto)
  cityQuotas!: CityQuotaDto[];
}

export class RescheduleActivityDto {
  @ApiProperty({ type: [SessionDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => SessionDto)
  sessions!: SessionDto[];

  @ApiPropertyOptional({ type: RegistrationWindowDto, description: 'The window moves with the sessions when given' })
  @IsOptional()
  @ValidateNested()
  @Type(() => RegistrationWindowDto)
  registrationWindow?: RegistrationWindowDto;
}

export class CancelActivityDto {
  @ApiProperty({ example: 'The host city cannot receive visitors that week' }) @IsString() @Length(1, 1000) reason!: string;
}

export class ListActivitiesQuery extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID('all') communityId?: string;
  @ApiPropertyOptional({ enum: ACTIVITY_STATUSES }) @IsOptional() @IsIn(ACTIVITY_STATUSES) status?: ActivityStatus;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID('all') hostMemberId?: string;
}

export class SessionResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() startsAt!: Date;
  @ApiProperty() endsAt!: Date;
}

export class ActivityResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) communityId!: string;
  @ApiProperty({ format: 'uuid' }) networkId!: string;
  @ApiProperty({ enum: ACTIVITY_KINDS }) kind!: ActivityKind;
  @ApiProperty() title!: string;
  @ApiProperty({ type: String, nullable: true }) description!: string | null;
  @ApiProperty({ format: 'uuid' }) hostMemberId!: string;
  @ApiProperty({ type: String, nullable: true }) place!: string | null;
  @ApiProperty({ type: String, nullable: true }) onlineUrl!: string | null;
  @ApiProperty() timeZone!: string;
  @ApiProperty({ type: [SessionResponse] }) sessions!: SessionResponse[];
  @ApiProperty({ type: [SessionResponse] }) droppedSessions!: SessionResponse[];
  @ApiProperty({ type: [String], description: "Local dates in the activity's time zone" }) days!: string[];
  @ApiProperty() capacity!: number;
  @ApiProperty({ description: 'Seats held by confirmed registrations and open offers' }) seatsTaken!: number;
  @ApiProperty({ type: RegistrationWindowDto }) registrationWindow!: { opensAt: Date; closesAt: Date };
  @ApiProperty({ type: [String] }) languages!: string[];
  @ApiProperty({ type: [CityQuotaDto] }) cityQuotas!: CityQuotaDto[];
  @ApiProperty({ type: CertificateRuleDto, nullable: true }) certificate!: CertificateRuleDto | null;
  @ApiProperty({ enum: ACTIVITY_STATUSES }) status!: ActivityStatus;
  @ApiProperty({ description: 'iCalendar SEQUENCE' }) sequence!: number;
  @ApiProperty({ type: String, nullable: true }) cancellationReason!: string | null;
  @ApiProperty({ type: Date, nullable: true }) cancelledAt!: Date | null;
  @ApiProperty() version!: number;
  @ApiProperty() createdAt!: Date;
  @ApiProperty() updatedAt!: Date;
}

export const ActivityPage = PageOf(ActivityResponse);

export class RegisterDto {
  @ApiProperty({ format: 'uuid', description: 'A person of one of the community’s cities' }) @IsUUID('all') personId!: string;
}

export class RegistrationResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) activityId!: string;
  @ApiProperty({ format: 'uuid' }) personId!: string;
  @ApiProperty({ format: 'uuid' }) memberId!: string;
  @ApiProperty({ format: 'uuid' }) registeredBy!: string;
  @ApiProperty() registeredAt!: Date;
  @ApiProperty({ description: 'Order of arrival: the waitlist is served in it' }) arrival!: number;
  @ApiProperty({ enum: REGISTRATION_STATUSES }) status!: RegistrationStatus;
  @ApiProperty({ type: Number, nullable: true, description: '1 for the next person to be offered a seat' }) waitlistPosition!: number | null;
  @ApiProperty({ type: Date, nullable: true }) confirmedAt!: Date | null;
  @ApiProperty({ type: Date, nullable: true }) offeredAt!: Date | null;
  @ApiProperty({ type: Date, nullable: true }) offerExpiresAt!: Date | null;
  @ApiProperty({ type: Date, nullable: true }) endedAt!: Date | null;
  @ApiProperty({ type: String, nullable: true }) cancelReason!: string | null;
  @ApiProperty() version!: number;
}
