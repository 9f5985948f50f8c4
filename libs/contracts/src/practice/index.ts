export * from './vocabulary';
export * from './community.events';
export * from './activity.events';
export * from './registration.events';
export * from './attendance.events';
export * from './certificate.events';
export * from './programme.events';
export * from './resource.events';

import { CityJoinedCommunity, CityLeftCommunity, CommunityCreated, CommunityUpdated } from './community.events';
import {
  ActivityCancelled,
  ActivityClosed,
  ActivityFilled,
  ActivityHeld,
  ActivityOpened,
  ActivityQuotasChanged,
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
import { ProgrammeDefined } from './programme.events';
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
  ActivityQuotasChanged,
  RegistrationConfirmed,
  RegistrationWaitlisted,
  RegistrationOffered,
  RegistrationOfferExpired,
  RegistrationCancelled,
  AttendanceRecorded,
  CertificateIssued,
  ProgrammeDefined,
  ResourcePublished,
  ResourceTranslated,
  ResourceTranslationOutdated,
] as const;
