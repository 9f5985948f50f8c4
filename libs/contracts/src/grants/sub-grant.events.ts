import { Type } from 'class-transformer';
import { ArrayMinSize, IsArray, IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Matches, Max, Min, ValidateNested } from 'class-validator';
import { defineEvent } from '../event-definition';
import { ISO_4217_CODES, MoneyV1 } from '../money';
import { LOCAL_DATE, TEXT } from './common';
import { GrantPeriodV1, ReportingDeadlineV1, TrancheTermsV1 } from './programme.events';
import {
  GRANT_BUDGET_CATEGORIES,
  GRANT_RECOVERY_STATUSES,
  GRANT_TRANCHE_STATUSES,
  GrantBudgetCategory,
  GrantRecoveryStatus,
  GrantTrancheStatus,
  SUB_GRANT_STATUSES,
  SubGrantStatus,
} from './vocabulary';

/** The city's roadmap the money pays for. */
export class ActionPlanV1 {
  @IsString() @Length(1, TEXT.name) title!: string;
  @IsArray() @ArrayMinSize(1) @IsString({ each: true }) @Length(1, TEXT.reason, { each: true }) objectives!: string[];
  @IsArray() @IsString({ each: true }) @Length(1, TEXT.name, { each: true }) stakeholders!: string[];
  /** Where the city's endorsement (e.g. a council decision) is filed. */
  @IsString() @Length(1, TEXT.ref) endorsementDocumentRef!: string;
}

export class BudgetLineV1 {
  @IsIn(GRANT_BUDGET_CATEGORIES) category!: GrantBudgetCategory;
  @ValidateNested() @Type(() => MoneyV1) amount!: MoneyV1;
}

/** One tranche of a sub-grant: its terms, its part of the award and whether it was paid. */
export class TrancheV1 extends TrancheTermsV1 {
  /** 0, 1, 2… in the order they are paid. */
  @IsInt() @Min(0) @Max(99) index!: number;
  @ValidateNested() @Type(() => MoneyV1) amount!: MoneyV1;
  @IsIn(GRANT_TRANCHE_STATUSES) status!: GrantTrancheStatus;
}

/** A payment to the city: one per released tranche. */
export class DisbursementV1 {
  @IsUUID('all') disbursementId!: string;
  @IsInt() @Min(0) @Max(99) trancheIndex!: number;
  @ValidateNested() @Type(() => MoneyV1) amount!: MoneyV1;
  @Matches(LOCAL_DATE) paidOn!: string;
  @IsString() @Length(1, TEXT.ref) paymentReference!: string;
}

/** Money asked back from the city, and whether it came in. */
export class RecoveryV1 {
  /** 1, 2… within the sub-grant. */
  @IsInt() @Min(1) seq!: number;
  @ValidateNested() @Type(() => MoneyV1) amount!: MoneyV1;
  @IsString() @Length(1, TEXT.reason) reason!: string;
  @Matches(LOCAL_DATE) requestedOn!: string;
  @IsIn(GRANT_RECOVERY_STATUSES) status!: GrantRecoveryStatus;
  @IsOptional() @Matches(LOCAL_DATE) receivedOn?: string;
  @IsOptional() @IsString() @Length(1, TEXT.ref) reference?: string;
}

/** How the final report settled the account: what was eligible, what the final tranche became. */
export class SettlementV1 {
  @Matches(LOCAL_DATE) settledOn!: string;
  @ValidateNested() @Type(() => MoneyV1) eligible!: MoneyV1;
  @ValidateNested() @Type(() => MoneyV1) finalTranchePlanned!: MoneyV1;
  @ValidateNested() @Type(() => MoneyV1) finalTrancheSettled!: MoneyV1;
  /** Received beyond what is eligible, asked back (zero when nothing is). */
  @ValidateNested() @Type(() => MoneyV1) recovery!: MoneyV1;
}

export class AgreementV1 {
  @Matches(LOCAL_DATE) signedOn!: string;
  @IsString() @Length(1, TEXT.ref) documentRef!: string;
}

/**
 * Money awarded to one member city for its action plan, paid in tranches: the whole sub-grant
 * after the change, its tranches, disbursements and recoveries included.
 */
export class SubGrantStateV1 {
  @IsUUID('all') subGrantId!: string;
  @IsUUID('all') networkId!: string;
  @IsUUID('all') programmeId!: string;
  /** The city. */
  @IsUUID('all') memberId!: string;
  @ValidateNested() @Type(() => ActionPlanV1) actionPlan!: ActionPlanV1;
  @IsIn(ISO_4217_CODES) currency!: string;
  @ValidateNested() @Type(() => MoneyV1) awarded!: MoneyV1;
  @IsArray() @ValidateNested({ each: true }) @Type(() => BudgetLineV1) budgetLines!: BudgetLineV1[];
  @ValidateNested() @Type(() => GrantPeriodV1) period!: GrantPeriodV1;
  @IsIn(SUB_GRANT_STATUSES) status!: SubGrantStatus;
  @IsOptional() @ValidateNested() @Type(() => AgreementV1) agreement?: AgreementV1;
  @IsArray() @ArrayMinSize(1) @ValidateNested({ each: true }) @Type(() => TrancheV1) tranches!: TrancheV1[];
  @IsArray() @ValidateNested({ each: true }) @Type(() => DisbursementV1) disbursements!: DisbursementV1[];
  @IsArray() @ValidateNested({ each: true }) @Type(() => RecoveryV1) recoveries!: RecoveryV1[];
  @IsArray() @ValidateNested({ each: true }) @Type(() => ReportingDeadlineV1) reportingCalendar!: ReportingDeadlineV1[];
  @IsOptional() @ValidateNested() @Type(() => SettlementV1) settlement?: SettlementV1;
  /** Why it was last suspended or terminated. */
  @IsOptional() @IsString() @Length(1, TEXT.reason) statusReason?: string;
}

/** The award corrected (up or down): before, after and why; budget lines and tranches are in the state. */
export class SubGrantAwardAmendedV1 extends SubGrantStateV1 {
  @ValidateNested() @Type(() => MoneyV1) from!: MoneyV1;
  @ValidateNested() @Type(() => MoneyV1) to!: MoneyV1;
  @IsString() @Length(1, TEXT.reason) reason!: string;
}

/** Ended early: on which day, which tranches were cancelled, and the recovery asked for, if any. */
export class SubGrantTerminatedV1 extends SubGrantStateV1 {
  @Matches(LOCAL_DATE) terminatedOn!: string;
  @IsArray() @IsInt({ each: true }) @Min(0, { each: true }) cancelledTranches!: number[];
  @IsOptional() @ValidateNested() @Type(() => RecoveryV1) recovery?: RecoveryV1;
}

/** Closed: what the city holds of the grant in the end (paid minus paid back). */
export class SubGrantClosedV1 extends SubGrantStateV1 {
  @ValidateNested() @Type(() => MoneyV1) netPaid!: MoneyV1;
}

/** A tranche paid: which, and the disbursement that paid it. */
export class TrancheReleasedV1 extends SubGrantStateV1 {
  @IsInt() @Min(0) @Max(99) trancheIndex!: number;
  @ValidateNested() @Type(() => DisbursementV1) disbursement!: DisbursementV1;
}

/** Money asked back, or come in: the recovery concerned. */
export class RecoveryChangedV1 extends SubGrantStateV1 {
  @ValidateNested() @Type(() => RecoveryV1) recovery!: RecoveryV1;
}

export const SubGrantAwarded = defineEvent('grants.sub-grant.awarded', 1, 'sub-grant', SubGrantStateV1);
export const SubGrantAwardAmended = defineEvent('grants.sub-grant.award-amended', 1, 'sub-grant', SubGrantAwardAmendedV1);
export const SubGrantSigned = defineEvent('grants.sub-grant.signed', 1, 'sub-grant', SubGrantStateV1);
export const SubGrantSuspended = defineEvent('grants.sub-grant.suspended', 1, 'sub-grant', SubGrantStateV1);
export const SubGrantResumed = defineEvent('grants.sub-grant.resumed', 1, 'sub-grant', SubGrantStateV1);
export const SubGrantTerminated = defineEvent('grants.sub-grant.terminated', 1, 'sub-grant', SubGrantTerminatedV1);
export const SubGrantClosed = defineEvent('grants.sub-grant.closed', 1, 'sub-grant', SubGrantClosedV1);
export const TrancheReleased = defineEvent('grants.sub-grant.tranche-released', 1, 'sub-grant', TrancheReleasedV1);
/** The account settled on the approved final report (`settlement` in the state). */
export const SubGrantFinalSettled = defineEvent('grants.sub-grant.final-settled', 1, 'sub-grant', SubGrantStateV1);
export const RecoveryRequested = defineEvent('grants.sub-grant.recovery-requested', 1, 'sub-grant', RecoveryChangedV1);
export const RecoveryReceived = defineEvent('grants.sub-grant.recovery-received', 1, 'sub-grant', RecoveryChangedV1);
