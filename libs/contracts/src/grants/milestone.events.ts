import { Type } from 'class-transformer';
import { IsArray, IsIn, IsString, IsOptional, IsUUID, Length, Matches, ValidateNested } from 'class-validator';
import { defineEvent } from '../event-definition';
import { LOCAL_DATE, TEXT } from './common';
import { MILESTONE_STATUSES, MilestoneStatus } from './vocabulary';

/** A milestone's key: what a tranche's conditions name it by. */
export const MILESTONE_KEY = /^[a-z0-9][a-z0-9-]*$/;

/** A document showing a milestone was reached. */
export class MilestoneEvidenceV1 {
  @IsString() @Length(1, TEXT.ref) documentRef!: string;
  @IsString() @Length(1, TEXT.reason) description!: string;
  @IsUUID('all') addedBy!: string;
  @Matches(LOCAL_DATE) addedOn!: string;
}

/** A milestone of a sub-grant's action plan: due date, forecast, evidence and outcome. */
export class MilestoneStateV1 {
  @IsUUID('all') milestoneId!: string;
  @IsUUID('all') networkId!: string;
  @IsUUID('all') subGrantId!: string;
  @IsUUID('all') programmeId!: string;
  @IsUUID('all') memberId!: string;
  @IsString() @Length(1, TEXT.key) @Matches(MILESTONE_KEY) key!: string;
  @IsString() @Length(1, TEXT.name) title!: string;
  @Matches(LOCAL_DATE) dueOn!: string;
  /** When the city now expects to reach it, if it told. */
  @IsOptional() @Matches(LOCAL_DATE) forecastOn?: string;
  @IsIn(MILESTONE_STATUSES) status!: MilestoneStatus;
  @IsArray() @ValidateNested({ each: true }) @Type(() => MilestoneEvidenceV1) evidence!: MilestoneEvidenceV1[];
  @IsOptional() @Matches(LOCAL_DATE) reachedOn?: string;
  /** Why it was last rescheduled or cancelled. */
  @IsOptional() @IsString() @Length(1, TEXT.reason) note?: string;
}

/** A new due date agreed: the old one, the new one and why. */
export class MilestoneRescheduledV1 extends MilestoneStateV1 {
  @Matches(LOCAL_DATE) from!: string;
  @Matches(LOCAL_DATE) to!: string;
  @IsString() @Length(1, TEXT.reason) reason!: string;
}

export const MilestonePlanned = defineEvent('grants.milestone.planned', 1, 'milestone', MilestoneStateV1);
/** The newest evidence is the last of `evidence`. */
export const MilestoneEvidenceAdded = defineEvent('grants.milestone.evidence-added', 1, 'milestone', MilestoneStateV1);
export const MilestoneReached = defineEvent('grants.milestone.reached', 1, 'milestone', MilestoneStateV1);
export const MilestoneRescheduled = defineEvent('grants.milestone.rescheduled', 1, 'milestone', MilestoneRescheduledV1);
/** `forecastOn` absent: the city withdrew its forecast. */
export const MilestoneForecastChanged = defineEvent('grants.milestone.forecast-changed', 1, 'milestone', MilestoneStateV1);
export const MilestoneCancelled = defineEvent('grants.milestone.cancelled', 1, 'milestone', MilestoneStateV1);
