import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, IsUUID } from 'class-validator';
import { EXPERIENCE_LEVELS, ExperienceLevel, PROJECT_ROLES, ProjectRole } from '@intercity/contracts';
import { IsLocalDate, IsSortSpec } from '../../shared/http/validators';
import { PageOf, PageQuery, toBoolean } from '@intercity/platform';

export class AssignParticipationDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all')
  projectId!: string;

  @ApiProperty({ format: 'uuid', description: 'A member of the same network as the project' })
  @IsUUID('all')
  memberId!: string;

  @ApiProperty({ enum: PROJECT_ROLES })
  @IsIn(PROJECT_ROLES)
  role!: ProjectRole;

  @ApiPropertyOptional({ enum: EXPERIENCE_LEVELS, nullable: true, description: 'mentoring (experienced) or implementing (gets a grant)' })
  @IsOptional()
  @IsIn(EXPERIENCE_LEVELS)
  experienceLevel?: ExperienceLevel | null;

  @ApiProperty({ format: 'date', description: "Within the project's period" })
  @IsLocalDate()
  from!: string;

  @ApiPropertyOptional({ type: String, format: 'date', nullable: true, description: 'Planned end; without one, until the project ends' })
  @IsOptional()
  @IsLocalDate()
  to?: string | null;
}

/** A participation stays with its project and member; ending it is its own request. */
export class UpdateParticipationDto extends PartialType(OmitType(AssignParticipationDto, ['projectId', 'memberId'] as const), {
  skipNullProperties: false,
}) {}

export class EndParticipationDto {
  @ApiProperty({ format: 'date' })
  @IsLocalDate()
  endedOn!: string;
}

export const PARTICIPATION_SORT = ['from', 'to', 'role', 'endedOn', 'createdAt', 'updatedAt'] as const;

export class ListParticipationsQuery extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all')
  projectId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all')
  memberId?: string;

  @ApiPropertyOptional({ enum: PROJECT_ROLES })
  @IsOptional()
  @IsIn(PROJECT_ROLES)
  role?: ProjectRole;

  @ApiPropertyOptional({ enum: EXPERIENCE_LEVELS })
  @IsOptional()
  @IsIn(EXPERIENCE_LEVELS)
  experienceLevel?: ExperienceLevel;

  @ApiPropertyOptional({ description: 'true: not ended; false: ended' })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  active?: boolean;

  @ApiPropertyOptional({ example: 'role,from', description: `Comma-separated; - for descending. Fields: ${PARTICIPATION_SORT.join(', ')}` })
  @IsOptional()
  @IsSortSpec(PARTICIPATION_SORT)
  sort?: string;
}

export class ParticipationResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) networkId!: string;
  @ApiProperty({ format: 'uuid' }) projectId!: string;
  @ApiProperty({ format: 'uuid' }) memberId!: string;
  @ApiProperty({ enum: PROJECT_ROLES }) role!: ProjectRole;
  @ApiProperty({ enum: EXPERIENCE_LEVELS, nullable: true }) experienceLevel!: ExperienceLevel | null;
  @ApiProperty({ format: 'date' }) from!: string;
  @ApiProperty({ type: String, format: 'date', nullable: true }) to!: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true }) endedOn!: string | null;
  @ApiProperty() version!: number;
  @ApiProperty() createdAt!: Date;
  @ApiProperty() updatedAt!: Date;
}

export const ParticipationPage = PageOf(ParticipationResponse);
