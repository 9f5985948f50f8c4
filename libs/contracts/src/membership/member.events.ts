import { ArrayMinSize, IsArray, IsIn, IsISO8601, IsOptional, IsString, IsUUID, Length, Matches } from 'class-validator';
import { defineEvent } from '../event-definition';
import { MEMBER_KINDS, MemberKind } from './vocabulary';

export class MemberStateV1 {
  @IsUUID('all') memberId!: string;
  @IsUUID('all') networkId!: string;
  @Matches(/^[a-z0-9-]+$/) slug!: string;
  @IsIn(MEMBER_KINDS) kind!: MemberKind;
  @IsString() @Length(1, 200) name!: string;
  @IsString() @Length(1, 300) legalName!: string;
  /** ISO 3166-1 alpha-2. */
  @Matches(/^[A-Z]{2}$/) country!: string;
  /** ISO 3166-2 subdivision, for regional holidays (e.g. DE-HE). */
  @IsOptional() @Matches(/^[A-Z]{2}-[A-Z0-9]{1,3}$/) region?: string;
  /** IANA time zone. */
  @IsString() timeZone!: string;
  /** BCP 47 language tags, first is the main one. */
  @IsArray() @ArrayMinSize(1) @IsString({ each: true }) languages!: string[];
  @IsString() homeNodeId!: string;
}

export class MemberLeftV1 {
  @IsUUID('all') memberId!: string;
  @IsUUID('all') networkId!: string;
  @IsISO8601({ strict: true }) leftOn!: string;
  @IsOptional() @IsString() reason?: string;
}

export const MemberJoined = defineEvent('membership.member.joined', 1, 'member', MemberStateV1);
export const MemberUpdated = defineEvent('membership.member.updated', 1, 'member', MemberStateV1);
export const MemberLeft = defineEvent('membership.member.left', 1, 'member', MemberLeftV1);
