import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, Length } from 'class-validator';
import { PROJECT_STATUSES, ProjectStatus } from '@intercity/contracts';
import { IsLocalDate, IsSortSpec } from '../../shared/http/validators';
import { PageOf, PageQuery } from '@intercity/platform';

export class CreateProjectDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all')
  networkId!: string;

  @ApiProperty({ example: 'CONNECTION', description: 'Unique within the network' })
  @IsString()
  @Length(1, 60)
  code!: string;

  @ApiProperty({ example: 'CONNECTION: cities working together on integration' })
  @IsString()
  @Length(1, 200)
  name!: string;

  @ApiPropertyOptional({ type: String, nullable: true, example: 'EU AMIF' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  programme?: string | null;

  @ApiProperty({ format: 'date', example: '2020-01-01' })
  @IsLocalDate()
  startsOn!: string;

  @ApiProperty({ format: 'date', example: '2022-12-31' })
  @IsLocalDate()
  endsOn!: string;

  @ApiProperty({ enum: PROJECT_STATUSES })
  @IsIn(PROJECT_STATUSES)
  status!: ProjectStatus;
}

/** A project stays in its network. */
export class UpdateProjectDto extends PartialType(OmitType(CreateProjectDto, ['networkId'] as const), { skipNullProperties: false }) {}

export const PROJECT_SORT = ['code', 'name', 'startsOn', 'endsOn', 'status', 'createdAt', 'updatedAt'] as const;

export class ListProjectsQuery extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all')
  networkId?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(1, 60)
  code?: string;

  @ApiPropertyOptional({ enum: PROJECT_STATUSES })
  @IsOptional()
  @IsIn(PROJECT_STATUSES)
  status?: ProjectStatus;

  @ApiPropertyOptional({ example: '-startsOn', description: `Comma-separated; - for descending. Fields: ${PROJECT_SORT.join(', ')}` })
  @IsOptional()
  @IsSortSpec(PROJECT_SORT)
  sort?: string;
}

export class ProjectResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) networkId!: string;
  @ApiProperty() code!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ type: String, nullable: true }) programme!: string | null;
  @ApiProperty({ format: 'date' }) startsOn!: string;
  @ApiProperty({ format: 'date' }) endsOn!: string;
  @ApiProperty({ enum: PROJECT_STATUSES }) status!: ProjectStatus;
  @ApiProperty() version!: number;
  @ApiProperty() createdAt!: Date;
  @ApiProperty() updatedAt!: Date;
}

export const ProjectPage = PageOf(ProjectResponse);
