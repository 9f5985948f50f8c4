import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsOptional, IsString, IsUUID, Length } from 'class-validator';
import { MEMBER_KINDS, MemberKind } from '@intercity/contracts';
import {
  IsCountryCode,
  IsIanaTimeZone,
  IsLanguageTag,
  IsLocalDate,
  IsSlug,
  IsSortSpec,
  IsSubdivisionCode,
} from '../../shared/http/validators';
import { PageOf, PageQuery } from '@intercity/platform';

export class JoinMemberDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all')
  networkId!: string;

  @ApiProperty({ example: 'ravenna', description: 'Unique within the network' })
  @IsSlug()
  slug!: string;

  @ApiProperty({ enum: MEMBER_KINDS })
  @IsIn(MEMBER_KINDS)
  kind!: MemberKind;

  @ApiProperty({ example: 'Ravenna' })
  @IsString()
  @Length(1, 200)
  name!: string;

  @ApiProperty({ example: 'Comune di Ravenna' })
  @IsString()
  @Length(1, 300)
  legalName!: string;

  @ApiProperty({ example: 'IT', description: 'ISO 3166-1 alpha-2' })
  @IsCountryCode()
  country!: string;

  @ApiPropertyOptional({ type: String, nullable: true, example: 'IT-45', description: 'ISO 3166-2 subdivision of the country' })
  @IsOptional()
  @IsSubdivisionCode()
  region?: string | null;

  @ApiProperty({ example: 'Europe/Rome', description: 'IANA time zone' })
  @IsIanaTimeZone()
  timeZone!: string;

  @ApiProperty({ example: ['it', 'en'], description: 'BCP 47 tags, the main language first' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @IsLanguageTag({ each: true })
  languages!: string[];

  @ApiProperty({ example: 'hub', description: 'A registered node' })
  @IsString()
  @Length(1, 63)
  homeNodeId!: string;
}

/** A member stays in its network. */
export class UpdateMemberDto extends PartialType(OmitType(JoinMemberDto, ['networkId'] as const), { skipNullProperties: false }) {}

export class LeaveNetworkDto {
  @ApiProperty({ format: 'date', example: '2024-12-31' })
  @IsLocalDate()
  leftOn!: string;

  @ApiPropertyOptional({ example: 'Merged into the metropolitan authority' })
  @IsOptional()
  @IsString()
  @Length(1, 1000)
  reason?: string;
}

export const MEMBER_SORT = ['slug', 'name', 'kind', 'country', 'createdAt', 'updatedAt'] as const;

export class ListMembersQuery extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all')
  networkId?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsSlug()
  slug?: string;

  @ApiPropertyOptional({ example: 'DE' })
  @IsOptional()
  @IsCountryCode()
  country?: string;

  @ApiPropertyOptional({ enum: MEMBER_KINDS })
  @IsOptional()
  @IsIn(MEMBER_KINDS)
  kind?: MemberKind;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(1, 63)
  homeNodeId?: string;

  @ApiPropertyOptional({ example: 'name', description: `Comma-separated; - for descending. Fields: ${MEMBER_SORT.join(', ')}` })
  @IsOptional()
  @IsSortSpec(MEMBER_SORT)
  sort?: string;
}

export class MemberResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) networkId!: string;
  @ApiProperty() slug!: string;
  @ApiProperty({ enum: MEMBER_KINDS }) kind!: MemberKind;
  @ApiProperty() name!: string;
  @ApiProperty() legalName!: string;
  @ApiProperty() country!: string;
  @ApiProperty({ type: String, nullable: true }) region!: string | null;
  @ApiProperty() timeZone!: string;
  @ApiProperty({ type: [String] }) languages!: string[];
  @ApiProperty() homeNodeId!: string;
  @ApiProperty({ type: String, format: 'date', nullable: true }) leftOn!: string | null;
  @ApiProperty({ type: String, nullable: true }) leaveReason!: string | null;
  @ApiProperty() version!: number;
  @ApiProperty() createdAt!: Date;
  @ApiProperty() updatedAt!: Date;
}

export const MemberPage = PageOf(MemberResponse);
