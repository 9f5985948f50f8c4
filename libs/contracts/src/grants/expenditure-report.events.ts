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

/**
 * The events of the report as one aggregate holding both the city's submission and the officer's
 * decision. No longer written (the report and its reviews are two aggregates now, below), but
 * still in streams and outboxes written before: consumers keep accepting them.
 */
export const ExpenditureReportSubmitted = defineEvent('grants.expenditure-report.submitted', 1, 'expenditure-report', ExpenditureReportStateV1);
export const ExpenditureReportApproved = defineEvent('grants.expenditure-report.approved', 1, 'expenditure-report', ExpenditureReportApprovedV1);
export const ExpenditureReportRejected = defineEvent('grants.expenditure-report.rejected', 1, 'expenditure-report', ExpenditureReportStateV1);
export const ExpenditureReportReturned = defineEvent('grants.expenditure-report.returned', 1, 'expenditure-report', ExpenditureReportStateV1);

/**
 * The city's expenditure report (aggregate `city-report`), homed at the node of the city whose
 * member it is (homes.ts): what it spent per budget line for one deadline of its sub-grant's
 * reporting calendar, at one revision. It holds nothing of the officer's decisions.
 */
export class CityReportStateV1 {
  @IsUUID('all') reportId!: string;
  @IsUUID('all') networkId!: string;
  @IsUUID('all') subGrantId!: string;
  @IsUUID('all') programmeId!: string;
  /** The city: its home node writes the report. */
  @IsUUID('all') memberId!: string;
  @IsString() @Length(1, TEXT.key) deadlineKey!: string;
  @IsIn(GRANT_REPORT_KINDS) kind!: GrantReportKind;
  @ValidateNested() @Type(() => GrantPeriodV1) period!: GrantPeriodV1;
  @IsArray() @ArrayMinSize(1) @ValidateNested({ each: true }) @Type(() => ExpenditureLineV1) lines!: ExpenditureLineV1[];
  @IsUUID('all') submittedBy!: string;
  @Matches(LOCAL_DATE) submittedOn!: string;
  /** 1 on first submission, +1 on each resubmission after a return. */
  @IsInt() @Min(1) revision!: number;
}

/**
 * A grant officer's review of one revision of a city's report (aggregate `report-review`, one per
 * revision), written at the hub against the hub's copy of that revision.
 */
export class ReportReviewV1 {
  @IsUUID('all') reviewId!: string;
  @IsUUID('all') reportId!: string;
  @IsUUID('all') networkId!: string;
  @IsUUID('all') subGrantId!: string;
  @IsUUID('all') programmeId!: string;
  @IsUUID('all') memberId!: string;
  @IsString() @Length(1, TEXT.key) deadlineKey!: string;
  @IsIn(GRANT_REPORT_KINDS) kind!: GrantReportKind;
  /** The report's revision this review decides on. */
  @IsInt() @Min(1) revision!: number;
  @ValidateNested() @Type(() => ReportDecisionV1) decision!: ReportDecisionV1;
}

/** Approved: what was accepted of each line (the revision's order) and their sum, which now counts. */
export class ReportReviewApprovedV1 extends ReportReviewV1 {
  @IsArray() @ValidateNested({ each: true }) @Type(() => MoneyV1) accepted!: MoneyV1[];
  @ValidateNested() @Type(() => MoneyV1) approved!: MoneyV1;
}

export const CityReportSubmitted = defineEvent('grants.city-report.submitted', 1, 'city-report', CityReportStateV1);
/** Changed after a review returned it: `revision` is one more than the returned one's. */
export const CityReportResubmitted = defineEvent('grants.city-report.resubmitted', 1, 'city-report', CityReportStateV1);
export const ReportReviewApproved = defineEvent('grants.report-review.approved', 1, 'report-review', ReportReviewApprovedV1);
export const ReportReviewRejected = defineEvent('grants.report-review.rejected', 1, 'report-review', ReportReviewV1);
export const ReportReviewReturned = defineEvent('grants.report-review.returned', 1, 'report-review', ReportReviewV1);
