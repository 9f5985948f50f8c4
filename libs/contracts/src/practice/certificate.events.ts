import { Type } from 'class-transformer';
import { ArrayMinSize, ArrayUnique, IsArray, IsInt, IsISO8601, IsString, IsUUID, Min, ValidateNested } from 'class-validator';
import { defineEvent } from '../event-definition';
import { CertificateRuleV1 } from './activity.events';

/** A certificate of attendance: what it certifies, against which rule, in which language. */
export class CertificateIssuedV1 {
  @IsUUID('all') certificateId!: string;
  @IsUUID('all') networkId!: string;
  @IsUUID('all') personId!: string;
  @IsUUID('all') memberId!: string;
  /** The activities whose attendance counted (one, or a training programme's several). */
  @IsArray() @ArrayMinSize(1) @ArrayUnique() @IsUUID('all', { each: true }) activityIds!: string[];
  @ValidateNested() @Type(() => CertificateRuleV1) rule!: CertificateRuleV1;
  /** Attended time in whole minutes, so hours never suffer float rounding on the way. */
  @IsInt() @Min(0) attendedMinutes!: number;
  @IsInt() @Min(0) attendedSessions!: number;
  /** BCP 47: the person's language where a translation exists, else the fallback. */
  @IsString() language!: string;
  @IsISO8601({ strict: true }) issuedOn!: string;
}

export const CertificateIssued = defineEvent('practice.certificate.issued', 1, 'certificate', CertificateIssuedV1);
