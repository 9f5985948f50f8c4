import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Matches, Max, Min, ValidateNested } from 'class-validator';
import { PAIRING_STATUSES, PairingStatus, VISIT_STATUSES } from '@intercity/contracts';
import { PageOf, PageQuery } from '@intercity/platform';

const LOCAL_DATE = /^\d{4}-\d{2}-\d{2}$/;
const localDate = { message: '$property must be a date (YYYY-MM-DD)' };

export class ProposePairingDto {
  @ApiProperty({ format: 'uuid', description: 'A community of practice exchanges knows from practice' }) @IsUUID('all') communityId!: string;
  @ApiProperty({ format: 'uuid', description: 'The experienced city: it hosts visit one' }) @IsUUID('all') mentoringMemberId!: string;
  @ApiProperty({ format: 'uuid', description: 'The less experienced city: its staff visit first, it hosts visit two' }) @IsUUID('all') implementingMemberId!: string;
  @ApiPropertyOptional({ description: "Network admins only: why the roles differ from the cities' experience levels in the project" })
  @IsOptional()
  @IsString()
  @Length(1, 1000)
  rolesReason?: string;
  @ApiPropertyOptional({ default: 4, minimum: 1, maximum: 50 }) @IsOptional() @IsInt() @Min(1) @Max(50) maxVisitors?: number;
  @ApiPropertyOptional({ default: 14, description: 'Whole days between visit one and visit two' }) @IsOptional() @IsInt() @Min(0) @Max(365) minGapDays?: number;
  @ApiPropertyOptional({ default: false, description: "Visit two waits for visit one's report" }) @IsOptional() @IsBoolean() visitOneReportRequired?: boolean;
  @ApiPropertyOptional({ default: 14, description: 'Days after a visit its report falls due' }) @IsOptional() @IsInt() @Min(0) @Max(365) reportDueDays?: number;
}

export class VisitDatesDto {
  @ApiProperty({ example: '2026-04-13', description: "First day, local date in the host's time zone" }) @Matches(LOCAL_DATE, localDate) start!: string;
  @ApiProperty({ example: '2026-04-17', description: 'Last day: the fifth working day of the host' }) @Matches(LOCAL_DATE, localDate) end!: string;
}

export class ScheduleDto {
  @ApiProperty({ type: VisitDatesDto }) @ValidateNested() @Type(() => VisitDatesDto) visitOne!: VisitDatesDto;
  @ApiProperty({ type: VisitDatesDto }) @ValidateNested() @Type(() => VisitDatesDto) visitTwo!: VisitDatesDto;
}

export class VisitorsDto {
  @ApiProperty({ type: [String], description: 'People of the visiting city' })
  @IsArray()
  @ArrayMaxSize(50)
  @IsUUID('all', { each: true })
  personIds!: string[];
}

export class ProgrammeItemDto {
  @ApiProperty({ example: '2026-04-13' }) @Matches(LOCAL_DATE, localDate) day!: string;
  @ApiProperty({ example: '09:30', description: "Local time in the host's time zone" }) @Matches(/^([01]\d|2[0-3]):[0-5]\d$/, { message: '$property must be a time HH:MM' }) time!: string;
  @ApiProperty() @IsString() @Length(1, 300) place!: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'A person of the host city' }) @IsOptional() @IsUUID('all') hostContactId?: string;
  @ApiProperty() @IsString() @Length(1, 500) topic!: string;
}

export class ProgrammeDto {
  @ApiProperty({ type: [ProgrammeItemDto] }) @IsArray() @ArrayMaxSize(200) @ValidateNested({ each: true }) @Type(() => ProgrammeItemDto) items!: ProgrammeItemDto[];
}

export class ReportDto {
  @ApiProperty({ description: 'What the visitors learnt' }) @IsString() @Length(1, 20000) learnt!: string;
  @ApiProperty({ description: 'What they will adapt at home' }) @IsString() @Length(1, 20000) adaptations!: string;
  @ApiPropertyOptional({ type: [String], description: 'Attachments by reference (URL or document id)' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @Length(1, 2000, { each: true })
  attachments?: string[];
}

export class CancelDto {
  @ApiProperty() @IsString() @Length(1, 1000) reason!: string;
}

export class VisitParams {
  @ApiProperty({ format: 'uuid' }) @IsUUID('all') id!: string;
  @ApiProperty({ enum: [1, 2] }) @Type(() => Number) @IsIn([1, 2]) n!: 1 | 2;
}

export class CityParams {
  @ApiProperty({ format: 'uuid' }) @IsUUID('all') id!: string;
  @ApiProperty({ format: 'uuid' }) @IsUUID('all') memberId!: string;
}

export class ListPairingsQuery extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID('all') communityId?: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'Pairings this city takes part in' }) @IsOptional() @IsUUID('all') memberId?: string;
  @ApiPropertyOptional({ enum: PAIRING_STATUSES }) @IsOptional() @IsIn(PAIRING_STATUSES) status?: PairingStatus;
}

export class ProgrammeItemResponse extends ProgrammeItemDto {}

export class VisitResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: [1, 2] }) number!: number;
  @ApiProperty({ format: 'uuid' }) hostMemberId!: string;
  @ApiProperty({ format: 'uuid' }) visitingMemberId!: string;
  @ApiProperty({ example: 'Europe/Berlin' }) timeZone!: string;
  @ApiProperty({ enum: VISIT_STATUSES }) status!: string;
  @ApiProperty({ type: String, nullable: true }) startsOn!: string | null;
  @ApiProperty({ type: String, nullable: true }) endsOn!: string | null;
  @ApiProperty({ type: [String], description: "The host's five working days" }) days!: string[];
  @ApiProperty({ type: [String] }) visitorIds!: string[];
  @ApiProperty({ type: [ProgrammeItemResponse] }) programme!: ProgrammeItemResponse[];
  @ApiProperty({ type: String, nullable: true }) reportDueOn!: string | null;
  @ApiProperty({ type: Object, nullable: true }) report!: object | null;
}

export class PairingResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) networkId!: string;
  @ApiProperty({ format: 'uuid' }) projectId!: string;
  @ApiProperty({ format: 'uuid' }) communityId!: string;
  @ApiProperty({ format: 'uuid' }) mentoringMemberId!: string;
  @ApiProperty({ format: 'uuid' }) implementingMemberId!: string;
  @ApiProperty({ type: String, nullable: true }) rolesReason!: string | null;
  @ApiProperty({ enum: PAIRING_STATUSES }) status!: string;
  @ApiProperty({ type: [String], description: 'Cities whose liaisons accepted' }) acceptedBy!: string[];
  @ApiProperty() maxVisitors!: number;
  @ApiProperty() minGapDays!: number;
  @ApiProperty() visitOneReportRequired!: boolean;
  @ApiProperty() reportDueDays!: number;
  @ApiProperty({ type: String, nullable: true }) cancelReason!: string | null;
  @ApiProperty({ type: [VisitResponse] }) visits!: VisitResponse[];
  @ApiProperty() version!: number;
  @ApiProperty() createdAt!: Date;
  @ApiProperty() updatedAt!: Date;
}

export class PairingPage extends PageOf(PairingResponse) {}
