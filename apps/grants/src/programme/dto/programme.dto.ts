import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Matches, Max, Min, ValidateNested } from 'class-validator';
import { ISO_4217_CODES } from '@intercity/contracts';
import { MoneyDto, MoneyField } from '../../shared/money-dto';
import { REPORT_KINDS, TRANCHE_KINDS } from '../domain/programme';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const dateMsg = { message: '$property must be a date (YYYY-MM-DD)' };

export class PeriodDto {
  @ApiProperty({ example: '2025-01-01' }) @Matches(DATE, dateMsg) from!: string;
  @ApiProperty({ example: '2026-12-31' }) @Matches(DATE, dateMsg) to!: string;
}

export class ConditionsDto {
  @ApiProperty() @IsBoolean() agreementSigned!: boolean;
  @ApiProperty({ enum: REPORT_KINDS, nullable: true }) @IsOptional() @IsIn(REPORT_KINDS) reportApproved!: 'interim' | 'final' | null;
  @ApiProperty({ description: 'Whole percent of the money received so far that approved spending must cover' }) @IsInt() @Min(0) @Max(100) minAccountedPercent!: number;
  @ApiProperty({ type: [String], description: 'Milestone keys that must be reached' }) @IsArray() @IsString({ each: true }) milestones!: string[];
}

export class TrancheTermsDto {
  @ApiProperty({ enum: TRANCHE_KINDS }) @IsIn(TRANCHE_KINDS) kind!: (typeof TRANCHE_KINDS)[number];
  @ApiProperty({ example: 40 }) @IsInt() @Min(1) @Max(100) sharePercent!: number;
  @ApiProperty({ type: ConditionsDto }) @ValidateNested() @Type(() => ConditionsDto) conditions!: ConditionsDto;
}

export class ReportingDeadlineDto {
  @ApiProperty({ example: 'interim-2025' }) @IsString() @Length(1, 60) key!: string;
  @ApiProperty({ enum: REPORT_KINDS }) @IsIn(REPORT_KINDS) kind!: 'interim' | 'final';
  @ApiProperty({ type: PeriodDto }) @ValidateNested() @Type(() => PeriodDto) period!: PeriodDto;
  @ApiProperty({ example: '2026-01-31' }) @Matches(DATE, dateMsg) dueOn!: string;
}

export class CreateProgrammeDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID('all') projectId!: string;
  @ApiProperty({ example: 'EU AMIF' }) @IsString() @Length(1, 200) funder!: string;
  @ApiProperty({ example: 'CONNECTION sub-grants' }) @IsString() @Length(1, 200) name!: string;
  @ApiProperty({ example: 'EUR' }) @IsIn(ISO_4217_CODES) currency!: string;
  @ApiProperty({ type: MoneyDto }) @MoneyField() envelope!: MoneyDto;
  @ApiProperty({ type: PeriodDto }) @ValidateNested() @Type(() => PeriodDto) period!: PeriodDto;
  @ApiPropertyOptional({ type: MoneyDto, description: 'Default EUR 60,000 for a euro programme' }) @IsOptional() @MoneyField() maxPerRecipient?: MoneyDto;
  @ApiPropertyOptional({ type: [TrancheTermsDto], description: 'Default 40/40/20' })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(10)
  @ValidateNested({ each: true })
  @Type(() => TrancheTermsDto)
  tranchePattern?: TrancheTermsDto[];
  @ApiProperty({ type: [ReportingDeadlineDto] }) @IsArray() @ArrayMaxSize(40) @ValidateNested({ each: true }) @Type(() => ReportingDeadlineDto) reportingCalendar!: ReportingDeadlineDto[];
}

export class ChangeEnvelopeDto {
  @ApiProperty({ type: MoneyDto }) @MoneyField() envelope!: MoneyDto;
  @ApiProperty() @IsString() @Length(1, 1000) reason!: string;
}
