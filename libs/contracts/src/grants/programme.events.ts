import { Type } from 'class-transformer';
import { ArrayMinSize, IsArray, IsBoolean, IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Matches, Max, Min, ValidateNested } from 'class-validator';
import { defineEvent } from '../event-definition';
import { ISO_4217_CODES, MoneyV1 } from '../money';
import { LOCAL_DATE, TEXT } from './common';
import { GRANT_REPORT_KINDS, GRANT_TRANCHE_KINDS, GrantReportKind, GrantTrancheKind } from './vocabulary';

/** Both ends included, local dates. */
export class GrantPeriodV1 {
  @Matches(LOCAL_DATE) from!: string;
  @Matches(LOCAL_DATE) to!: string;
}

/** What must hold before a tranche is paid. */
export class ReleaseConditionsV1 {
  @IsBoolean() agreementSigned!: boolean;
  /** An expenditure report of this kind approved; absent when none is needed. */
  @IsOptional() @IsIn(GRANT_REPORT_KINDS) reportApproved?: GrantReportKind;
  /** Approved expenditure must be at least this share (whole percent) of the money received so far. */
  @IsInt() @Min(0) @Max(100) minAccountedPercent!: number;
  /** Keys of the sub-grant's milestones that must be reached. */
  @IsArray() @IsString({ each: true }) @Length(1, TEXT.key, { each: true }) milestones!: string[];
}

/** One tranche of a pattern: its kind, its share of the award (whole percent) and its conditions. */
export class TrancheTermsV1 {
  @IsIn(GRANT_TRANCHE_KINDS) kind!: GrantTrancheKind;
  @IsInt() @Min(1) @Max(100) sharePercent!: number;
  @ValidateNested() @Type(() => ReleaseConditionsV1) conditions!: ReleaseConditionsV1;
}

/** One report every sub-grant owes: the period it covers and the day it is due. */
export class ReportingDeadlineV1 {
  @IsString() @Length(1, TEXT.key) key!: string;
  @IsIn(GRANT_REPORT_KINDS) kind!: GrantReportKind;
  @ValidateNested() @Type(() => GrantPeriodV1) period!: GrantPeriodV1;
  @Matches(LOCAL_DATE) dueOn!: string;
}

export class ProgrammeRulesV1 {
  @ValidateNested() @Type(() => MoneyV1) maxPerRecipient!: MoneyV1;
  @IsArray() @ArrayMinSize(1) @ValidateNested({ each: true }) @Type(() => TrancheTermsV1) tranchePattern!: TrancheTermsV1[];
  @IsArray() @ValidateNested({ each: true }) @Type(() => ReportingDeadlineV1) reportingCalendar!: ReportingDeadlineV1[];
}

/** A funder's envelope in one currency, shared out as sub-grants to member cities under its rules. */
export class GrantProgrammeStateV1 {
  @IsUUID('all') programmeId!: string;
  @IsUUID('all') networkId!: string;
  @IsUUID('all') projectId!: string;
  /** E.g. 'EU AMIF', 'Erasmus+'. */
  @IsString() @Length(1, TEXT.name) funder!: string;
  @IsString() @Length(1, TEXT.name) name!: string;
  @IsIn(ISO_4217_CODES) currency!: string;
  @ValidateNested() @Type(() => MoneyV1) envelope!: MoneyV1;
  @ValidateNested() @Type(() => GrantPeriodV1) period!: GrantPeriodV1;
  @ValidateNested() @Type(() => ProgrammeRulesV1) rules!: ProgrammeRulesV1;
}

/** A funder's amendment: the envelope before and after, and why. */
export class GrantProgrammeEnvelopeChangedV1 extends GrantProgrammeStateV1 {
  @ValidateNested() @Type(() => MoneyV1) from!: MoneyV1;
  @ValidateNested() @Type(() => MoneyV1) to!: MoneyV1;
  @IsString() @Length(1, TEXT.reason) reason!: string;
}

export const GrantProgrammeCreated = defineEvent('grants.programme.created', 1, 'programme', GrantProgrammeStateV1);
export const GrantProgrammeEnvelopeChanged = defineEvent('grants.programme.envelope-changed', 1, 'programme', GrantProgrammeEnvelopeChangedV1);
