import { Type } from 'class-transformer';
import { ArrayUnique, IsArray, IsIn, IsOptional, IsString, IsUUID, Length, ValidateNested } from 'class-validator';
import { defineEvent } from '../event-definition';
import { COMMUNITY_LEAVE_REASONS, CommunityLeaveReason } from './vocabulary';

/** An expert of a community: a person of a partner organisation, by id only. */
export class CommunityExpertV1 {
  @IsUUID('all') personId!: string;
  @IsUUID('all') memberId!: string;
}

/** A community of practice: a theme, a cluster of member cities, a lead and experts. */
export class CommunityStateV1 {
  @IsUUID('all') communityId!: string;
  @IsUUID('all') networkId!: string;
  @IsUUID('all') projectId!: string;
  @IsString() @Length(1, 200) name!: string;
  @IsString() @Length(1, 200) theme!: string;
  @IsOptional() @IsString() @Length(1, 4000) description?: string;
  /** Absent only after the lead city left the project and before a new lead is named. */
  @IsOptional() @IsUUID('all') leadMemberId?: string;
  @IsArray() @ArrayUnique() @IsUUID('all', { each: true }) memberIds!: string[];
  @IsArray() @ValidateNested({ each: true }) @Type(() => CommunityExpertV1) experts!: CommunityExpertV1[];
}

/** The community's state after a city joined, and which city that was. */
export class CityJoinedCommunityV1 extends CommunityStateV1 {
  @IsUUID('all') cityId!: string;
}

export class CityLeftCommunityV1 extends CommunityStateV1 {
  @IsUUID('all') cityId!: string;
  @IsIn(COMMUNITY_LEAVE_REASONS) reason!: CommunityLeaveReason;
}

export const CommunityCreated = defineEvent('practice.community.created', 1, 'community', CommunityStateV1);
export const CommunityUpdated = defineEvent('practice.community.updated', 1, 'community', CommunityStateV1);
export const CityJoinedCommunity = defineEvent('practice.community.city-joined', 1, 'community', CityJoinedCommunityV1);
export const CityLeftCommunity = defineEvent('practice.community.city-left', 1, 'community', CityLeftCommunityV1);
