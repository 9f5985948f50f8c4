/** Words of the practice domain shared by its API, its events and every copy elsewhere. */

export const ACTIVITY_KINDS = [
  'workshop',
  'site-visit',
  'study-visit',
  'peer-review',
  'peer-learning-workshop',
  'training',
  'webinar',
  'transnational-learning-event',
] as const;
export type ActivityKind = (typeof ACTIVITY_KINDS)[number];

/**
 * `full` is `open` with every seat taken (people still join the waitlist); `closed` takes no more
 * registrations; `held` once its last session has ended.
 */
export const ACTIVITY_STATUSES = ['draft', 'open', 'full', 'closed', 'held', 'cancelled'] as const;
export type ActivityStatus = (typeof ACTIVITY_STATUSES)[number];

/** `offered`: a freed seat held for a waiting person until the offer expires. */
export const REGISTRATION_STATUSES = ['confirmed', 'waitlisted', 'offered', 'cancelled', 'expired'] as const;
export type RegistrationStatus = (typeof REGISTRATION_STATUSES)[number];

/** Why a registration ended without the person attending by choice. */
export const REGISTRATION_CANCEL_REASONS = ['withdrawn', 'declined-offer', 'person-erased', 'city-left'] as const;
export type RegistrationCancelReason = (typeof REGISTRATION_CANCEL_REASONS)[number];

export const ATTENDANCE_STATUSES = ['present', 'absent', 'excused'] as const;
export type AttendanceStatus = (typeof ATTENDANCE_STATUSES)[number];

export const RESOURCE_KINDS = ['how-to-guide', 'toolkit', 'handbook', 'good-practice', 'video', 'leaflet', 'infographic'] as const;
export type ResourceKind = (typeof RESOURCE_KINDS)[number];

/** A city leaves a community by its own choice, or because it left the project. */
export const COMMUNITY_LEAVE_REASONS = ['withdrew', 'left-project'] as const;
export type CommunityLeaveReason = (typeof COMMUNITY_LEAVE_REASONS)[number];
