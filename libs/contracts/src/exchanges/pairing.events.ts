import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { defineEvent } from '../event-definition';
import { PAIRING_STATUSES, PairingStatus, VISIT_STATUSES, VisitStatus } from './vocabulary';

const LOCAL_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** One item of a visit's day-by-day programme. */
export class ProgrammeItemV1 {
  @Matches(LOCAL_DATE) day!: string;
  /** Local time in the host's time zone, HH:MM. */
  @Matches(/^([01]\d|2[0-3]):[0-5]\d$/) time!: string;
  @IsString() @Length(1, 300) place!: string;
  /** A person of the host city, by id. */
  @IsOptional() @IsUUID('all') hostContactId?: string;
  @IsString() @Length(1, 500) topic!: string;
}

/** What the visitors learnt and will adapt; attachments by reference (URLs or document ids). */
export class VisitReportV1 {
  @IsISO8601({ strict: true }) submittedAt!: string;
  @IsUUID('all') submittedBy!: string;
  @IsString() @Length(1, 20000) learnt!: string;
  @IsString() @Length(1, 20000) adaptations!: string;
  @IsArray() @IsString({ each: true }) attachments!: string[];
}

/**
 * One of a pairing's two visits. Visit 1: the implementing city's staff at the mentoring city;
 * visit 2: the mentoring city's staff at the implementing city. Dates are local dates in the
 * host's time zone; `days` are the working days of the host's calendar the visit covers.
 */
export class VisitStateV1 {
  @IsUUID('all') visitId!: string;
  @IsIn([1, 2]) number!: 1 | 2;
  @IsUUID('all') hostMemberId!: string;
  @IsUUID('all') visitingMemberId!: string;
  @IsString() timeZone!: string;
  @IsIn(VISIT_STATUSES) status!: VisitStatus;
  @IsOptional() @Matches(LOCAL_DATE) startsOn?: string;
  @IsOptional() @Matches(LOCAL_DATE) endsOn?: string;
  @IsArray() @Matches(LOCAL_DATE, { each: true }) days!: string[];
  @IsArray() @ArrayUnique() @IsUUID('all', { each: true }) visitorIds!: string[];
  @IsArray() @ValidateNested({ each: true }) @Type(() => ProgrammeItemV1) programme!: ProgrammeItemV1[];
  @IsOptional() @Matches(LOCAL_DATE) reportDueOn?: string;
  @IsOptional() @ValidateNested() @Type(() => VisitReportV1) report?: VisitReportV1;
}

/** Two cities of one community of practice exchanging staff, and their two visits. */
export class PairingStateV1 {
  @IsUUID('all') pairingId!: string;
  @IsUUID('all') networkId!: string;
  @IsUUID('all') projectId!: string;
  @IsUUID('all') communityId!: string;
  @IsUUID('all') mentoringMemberId!: string;
  @IsUUID('all') implementingMemberId!: string;
  /** Set when an admin chose roles other than the cities' experience levels in the project. */
  @IsOptional() @IsString() @Length(1, 1000) rolesReason?: string;
  @IsIn(PAIRING_STATUSES) status!: PairingStatus;
  /** The cities whose liaisons accepted the pairing. */
  @IsArray() @ArrayUnique() @IsUUID('all', { each: true }) acceptedBy!: string[];
  @IsInt() @Min(1) @Max(50) maxVisitors!: number;
  @IsInt() @Min(0) @Max(365) minGapDays!: number;
  @IsBoolean() visitOneReportRequired!: boolean;
  @IsInt() @Min(0) @Max(365) reportDueDays!: number;
  @IsOptional() @IsString() @Length(1, 1000) cancelReason?: string;
  @IsArray() @ArrayMinSize(2) @ArrayMaxSize(2) @ValidateNested({ each: true }) @Type(() => VisitStateV1) visits!: VisitStateV1[];
}

/** A pairing's state after one of its visits changed, and which visit that was. */
export class VisitChangedV1 extends PairingStateV1 {
  @IsIn([1, 2]) visitNumber!: 1 | 2;
}

export const PairingProposed = defineEvent('exchanges.pairing.proposed', 1, 'pairing', PairingStateV1);
export const PairingAccepted = defineEvent('exchanges.pairing.accepted', 1, 'pairing', PairingStateV1);
export const PairingAgreed = defineEvent('exchanges.pairing.agreed', 1, 'pairing', PairingStateV1);
export const PairingScheduled = defineEvent('exchanges.pairing.scheduled', 1, 'pairing', PairingStateV1);
export const PairingReported = defineEvent('exchanges.pairing.reported', 1, 'pairing', PairingStateV1);
export const PairingClosed = defineEvent('exchanges.pairing.closed', 1, 'pairing', PairingStateV1);
export const PairingCancelled = defineEvent('exchanges.pairing.cancelled', 1, 'pairing', PairingStateV1);
export const VisitScheduled = defineEvent('exchanges.visit.scheduled', 1, 'pairing', VisitChangedV1);
export const VisitRescheduled = defineEvent('exchanges.visit.rescheduled', 1, 'pairing', VisitChangedV1);
export const VisitorsChanged = defineEvent('exchanges.visit.visitors-changed', 1, 'pairing', VisitChangedV1);
export const VisitProgrammeUpdated = defineEvent('exchanges.visit.programme-updated', 1, 'pairing', VisitChangedV1);
export const VisitDone = defineEvent('exchanges.visit.done', 1, 'pairing', VisitChangedV1);
export const VisitReportSubmitted = defineEvent('exchanges.visit.report-submitted', 1, 'pairing', VisitChangedV1);
