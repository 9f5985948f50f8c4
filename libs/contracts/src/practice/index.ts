export * from './vocabulary';
export * from './community.events';
export * from './activity.events';
export * from './registration.events';
export * from './attendance.events';
export * from './certificate.events';
export * from './resource.events';

import { CityJoinedCommunity, CityLeftCommunity, CommunityCreated, CommunityUpdated } from './community.events';
import {
  ActivityCancelled,
  ActivityClosed,
  ActivityFilled,
  ActivityHeld,
  ActivityOpened,
  ActivityRescheduled,
  ActivityScheduled,
  ActivityUpdated,
} from './activity.events';
import {
  RegistrationCancelled,
  RegistrationConfirmed,
  RegistrationOffered,
  RegistrationOfferExpired,
  RegistrationWaitlisted,
} from './registration.events';
import { AttendanceRecorded } from './attendance.events';
import { CertificateIssued } from './certificate.events';
import { ResourcePublished, ResourceTranslated, ResourceTranslationOutdated } from './resource.events';

export const PRACTICE_EVENTS = [
  CommunityCreated,
  CommunityUpdated,
  CityJoinedCommunity,
  CityLeftCommunity,
  ActivityScheduled,
  ActivityUpdated,
  ActivityRescheduled,
  ActivityOpened,
  ActivityFilled,
  ActivityClosed,
  ActivityHeld,
  ActivityCancelled,
  RegistrationConfirmed,
  RegistrationWaitlisted,
  RegistrationOffered,
  RegistrationOfferExpired,
  RegistrationCancelled,
  AttendanceRecorded,
  CertificateIssued,
  ResourcePublished,
  ResourceTranslated,
  ResourceTranslationOutdated,
] as const;
