import { IsOptional, IsString, IsUUID, Length, Matches } from 'class-validator';
import { defineEvent } from '../event-definition';
import { LOCAL_DATE, TEXT } from './common';
import { MILESTONE_KEY } from './milestone.events';

/**
 * What the grant officer's daily watch found on a sub-grant, on its city's local date `on`. Each is
 * told once: `key` names the sub-grant, the deadline or milestone and its due date, so consumers
 * can drop a repeat by it.
 */
class WatchFindingV1 {
  @IsString() @Length(1, TEXT.ref) key!: string;
  @IsUUID('all') networkId!: string;
  @IsUUID('all') programmeId!: string;
  @IsUUID('all') subGrantId!: string;
  @IsUUID('all') memberId!: string;
  @Matches(LOCAL_DATE) dueOn!: string;
  /** The day the check found it. */
  @Matches(LOCAL_DATE) on!: string;
}

/** A report of the sub-grant's calendar not yet in, due soon or overdue. */
export class ReportDueV1 extends WatchFindingV1 {
  /** The reporting calendar's entry. */
  @IsString() @Length(1, TEXT.key) deadlineKey!: string;
}

/** A milestone not reached and past its due date, or forecast to miss it. */
export class MilestoneSlippingV1 extends WatchFindingV1 {
  @IsUUID('all') milestoneId!: string;
  @IsString() @Length(1, TEXT.key) @Matches(MILESTONE_KEY) milestoneKey!: string;
  @IsOptional() @Matches(LOCAL_DATE) forecastOn?: string;
}

/** Filed under the sub-grant (the calendar is its), at the version the check saw. */
export const ReportDueSoon = defineEvent('grants.report.due-soon', 1, 'sub-grant', ReportDueV1);
export const ReportOverdue = defineEvent('grants.report.overdue', 1, 'sub-grant', ReportDueV1);
/** Filed under the milestone, at the version the check saw. */
export const MilestoneSlipping = defineEvent('grants.milestone.slipping', 1, 'milestone', MilestoneSlippingV1);
