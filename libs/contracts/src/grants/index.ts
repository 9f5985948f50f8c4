export * from './vocabulary';
export * from './programme.events';
export * from './sub-grant.events';
export * from './expenditure-report.events';
export * from './milestone.events';
export * from './watch.events';

import { GrantProgrammeCreated, GrantProgrammeEnvelopeChanged } from './programme.events';
import {
  RecoveryReceived,
  RecoveryRequested,
  SubGrantAwardAmended,
  SubGrantAwarded,
  SubGrantClosed,
  SubGrantFinalSettled,
  SubGrantResumed,
  SubGrantSigned,
  SubGrantSuspended,
  SubGrantTerminated,
  TrancheReleased,
} from './sub-grant.events';
import {
  CityReportResubmitted,
  CityReportSubmitted,
  ExpenditureReportApproved,
  ExpenditureReportRejected,
  ExpenditureReportReturned,
  ExpenditureReportSubmitted,
  ReportReviewApproved,
  ReportReviewRejected,
  ReportReviewReturned,
} from './expenditure-report.events';
import { MilestoneCancelled, MilestoneEvidenceAdded, MilestoneForecastChanged, MilestonePlanned, MilestoneReached, MilestoneRescheduled } from './milestone.events';
import { MilestoneSlipping, ReportDueSoon, ReportOverdue } from './watch.events';

export const GRANTS_EVENTS = [
  GrantProgrammeCreated,
  GrantProgrammeEnvelopeChanged,
  SubGrantAwarded,
  SubGrantAwardAmended,
  SubGrantSigned,
  SubGrantSuspended,
  SubGrantResumed,
  SubGrantTerminated,
  SubGrantClosed,
  TrancheReleased,
  SubGrantFinalSettled,
  RecoveryRequested,
  RecoveryReceived,
  ExpenditureReportSubmitted,
  ExpenditureReportApproved,
  ExpenditureReportRejected,
  ExpenditureReportReturned,
  CityReportSubmitted,
  CityReportResubmitted,
  ReportReviewApproved,
  ReportReviewRejected,
  ReportReviewReturned,
  MilestonePlanned,
  MilestoneEvidenceAdded,
  MilestoneReached,
  MilestoneRescheduled,
  MilestoneForecastChanged,
  MilestoneCancelled,
  ReportDueSoon,
  ReportOverdue,
  MilestoneSlipping,
] as const;
