import { IsIn, IsInt, IsISO8601, IsOptional, IsUUID, Min } from 'class-validator';
import { defineEvent } from '../event-definition';
import { REGISTRATION_CANCEL_REASONS, REGISTRATION_STATUSES, RegistrationCancelReason, RegistrationStatus } from './vocabulary';

/** A person's place at an activity: confirmed, waiting, offered a freed seat, or ended. */
export class RegistrationStateV1 {
  @IsUUID('all') registrationId!: string;
  @IsUUID('all') activityId!: string;
  @IsUUID('all') communityId!: string;
  @IsUUID('all') networkId!: string;
  @IsUUID('all') personId!: string;
  /** The person's city. */
  @IsUUID('all') memberId!: string;
  /** Who registered the person: themselves, their city's liaison or an admin. */
  @IsUUID('all') registeredBy!: string;
  @IsISO8601({ strict: true }) registeredAt!: string;
  /** Order of arrival among the activity's registrations: the waitlist is served in this order. */
  @IsInt() @Min(1) arrival!: number;
  @IsIn(REGISTRATION_STATUSES) status!: RegistrationStatus;
  @IsOptional() @IsISO8601({ strict: true }) confirmedAt?: string;
  @IsOptional() @IsISO8601({ strict: true }) offeredAt?: string;
  @IsOptional() @IsISO8601({ strict: true }) offerExpiresAt?: string;
  @IsOptional() @IsISO8601({ strict: true }) endedAt?: string;
  @IsOptional() @IsIn(REGISTRATION_CANCEL_REASONS) cancelReason?: RegistrationCancelReason;
}

export const RegistrationConfirmed = defineEvent('practice.registration.confirmed', 1, 'registration', RegistrationStateV1);
export const RegistrationWaitlisted = defineEvent('practice.registration.waitlisted', 1, 'registration', RegistrationStateV1);
export const RegistrationOffered = defineEvent('practice.registration.offered', 1, 'registration', RegistrationStateV1);
export const RegistrationOfferExpired = defineEvent('practice.registration.offer-expired', 1, 'registration', RegistrationStateV1);
export const RegistrationCancelled = defineEvent('practice.registration.cancelled', 1, 'registration', RegistrationStateV1);
