import { Type } from 'class-transformer';
import { ArrayMinSize, IsArray, IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Matches, Min, ValidateNested } from 'class-validator';
import { defineEvent } from '../event-definition';
import { ExchangeRateV1, MoneyV1 } from '../money';
import { LOCAL_DATE, TEXT } from './common';
import { GrantPeriodV1 } from './programme.events';
import {
  CONVERSION_ROUNDINGS,
  ConversionRounding,
  EXPENDITURE_REPORT_DECISIONS,
  EXPENDITURE_REPORT_STATUSES,
  ExpenditureReportDecision,
  ExpenditureReportStatus,
  GRANT_BUDGET_CATEGORIES,
  GRANT_REPORT_KINDS,
  GrantBudgetCategory,
  GrantReportKind,
} from './vocabulary';

/** What the city spent in another currency, and the rate and rounding it was converted with. */
export class SpentConversionV1 {
  @ValidateNested() @Type(() => MoneyV1) amount!: MoneyV1;
  @ValidateNested() @Type(() => ExchangeRateV1) rate!: ExchangeRateV1;
  @IsIn(CONVERSION_ROUNDINGS) rounding!: ConversionRounding;
}

/** One budget line's expenditure, in the sub-grant's currency. */
export class ExpenditureLineV1 {
  @IsIn(GRANT_BUDGET_CATEGORIES) category!: GrantBudgetCategory;
  /** In the sub-grant's currency: what counts. */
  @ValidateNested() @Type(() => MoneyV1) amount!: MoneyV1;
  /** Present when the city spent another currency. */
  @IsOptional() @ValidateNested() @Type(() => SpentConversionV1) spent?: SpentConversionV1;
}

/** A grant officer's decision on a report. */
export class ReportDecisionV1 {
  @IsIn(EXPENDITURE_REPORT_DECISIONS) decision!: ExpenditureReportDecision;
  @IsUUID('all') by!: string;
  @Matches(LOCAL_DATE) on!: string;
  @IsArray() @IsString({ each: true }) @Length(1, TEXT.reason, { each: true }) reasons!: string[];
}

/** What a city spent, per budget line, for one period of its sub-grant's reporting calendar. */
export class ExpenditureReportStateV1 {
  @IsUUID('all') reportId!: string;
  @IsUUID('all') networkId!: string;
  @IsUUID('all') subGrantId!: string;
  @IsUUID('all') programmeId!: string;
  @IsUUID('all') memberId!: string;
  /** The reporting-calendar entry it answers. */
  @IsString() @Length(1, TEXT.key) deadlineKey!: string;
  @IsIn(GRANT_REPORT_KINDS) kind!: GrantReportKind;
  @ValidateNested() @Type(() => GrantPeriodV1) period!: GrantPeriodV1;
  @IsArray() @ArrayMinSize(1) @ValidateNested({ each: true }) @Type(() => ExpenditureLineV1) lines!: ExpenditureLineV1[];
  /** What the officer accepted of each line (same order), once approved. */
  @IsOptional() @IsArray() @ValidateNested({ each: true }) @Type(() => MoneyV1) accepted?: MoneyV1[];
  @IsIn(EXPENDITURE_REPORT_STATUSES) status!: ExpenditureReportStatus;
  @IsUUID('all') submittedBy!: string;
  @Matches(LOCAL_DATE) submittedOn!: string;
  /** 1 on first submission, +1 on each resubmission after a return. */
  @IsInt() @Min(1) revision!: number;
  @IsArray() @ValidateNested({ each: true }) @Type(() => ReportDecisionV1) decisions!: ReportDecisionV1[];
}

/** Approved: and the expenditure that now counts (the sum of what was accepted). */
export class ExpenditureReportApprovedV1 extends ExpenditureReportStateV1 {
  @ValidateNested() @Type(() => MoneyV1) approved!: MoneyV1;
}

/** Submitted, or resubmitted after a return (`revision` tells which). */
export const ExpenditureReportSubmitted = defineEvent('grants.expenditure-report.submitted', 1, 'expenditure-report', ExpenditureReportStateV1);
export const ExpenditureReportApproved = defineEvent('grants.expenditure-report.approved', 1, 'expenditure-report', ExpenditureReportApprovedV1);
export const ExpenditureReportRejected = defineEvent('grants.expenditure-report.rejected', 1, 'expenditure-report', ExpenditureReportStateV1);
export const ExpenditureReportReturned = defineEvent('grants.expenditure-report.returned', 1, 'expenditure-report', ExpenditureReportStateV1);
