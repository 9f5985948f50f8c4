import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsOptional, IsString, IsUUID, Length } from 'class-validator';
import { PageOf, PageQuery } from '@intercity/platform';

export class CreateCommunityDto {
  @ApiProperty({ format: 'uuid', description: 'A project practice knows from membership' })
  @IsUUID('all')
  projectId!: string;

  @ApiProperty({ example: 'One-stop-shops' })
  @IsString()
  @Length(1, 200)
  name!: string;

  @ApiProperty({ example: 'One-stop-shops for newcomers' })
  @IsString()
  @Length(1, 200)
  theme!: string;

  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @IsString()
  @Length(0, 4000)
  description?: string | null;

  @ApiProperty({ format: 'uuid', description: 'A city of the project; it joins the member cities' })
  @IsUUID('all')
  leadMemberId!: string;

  @ApiProperty({ type: [String], description: 'Cities of the project' })
  @IsArray()
  @ArrayMaxSize(200)
  @IsUUID('all', { each: true })
  memberIds!: string[];

  @ApiPropertyOptional({ type: [String], description: 'People of partner organisations of the project' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsUUID('all', { each: true })
  expertIds?: string[];
}

export class UpdateCommunityDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 200) name?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 200) theme?: string;
  @ApiPropertyOptional({ type: String, nullable: true }) @IsOptional() @IsString() @Length(0, 4000) description?: string | null;
  @ApiPropertyOptional({ format: 'uuid', description: 'One of the member cities' }) @IsOptional() @IsUUID('all') leadMemberId?: string;
  @ApiPropertyOptional({ type: [String] }) @IsOptional() @IsArray() @ArrayMaxSize(100) @IsUUID('all', { each: true }) expertIds?: string[];
}

export class JoinCommunityDto {
  @ApiProperty({ format: 'uuid', description: 'A city of the project' })
  @IsUUID('all')
  memberId!: string;
}

export class ListCommunitiesQuery extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID('all') projectId?: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'Communities this city is a member of' }) @IsOptional() @IsUUID('all') memberId?: string;
}

export class ExpertResponse {
  @ApiProperty({ format: 'uuid' }) personId!: string;
  @ApiProperty({ format: 'uuid' }) memberId!: string;
}

export class CommunityResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) networkId!: string;
  @ApiProperty({ format: 'uuid' }) projectId!: string;
  @ApiProperty() name!: string;
  @ApiProperty() theme!: string;
  @ApiProperty({ type: String, nullable: true }) description!: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) leadMemberId!: string | null;
  @ApiProperty({ type: [String] }) memberIds!: string[];
  @ApiProperty({ type: [ExpertResponse] }) experts!: ExpertResponse[];
  @ApiProperty() version!: number;
  @ApiProperty() createdAt!: Date;
  @ApiProperty() updatedAt!: Date;
}

export const CommunityPage = PageOf(CommunityResponse);
