import { IsIn, IsISO8601, IsOptional, IsString, IsUUID, Length } from 'class-validator';
import { defineEvent } from '../event-definition';
import { PROJECT_STATUSES, ProjectStatus } from './vocabulary';

export class ProjectStateV1 {
  @IsUUID('all') projectId!: string;
  @IsUUID('all') networkId!: string;
  @IsString() @Length(1, 60) code!: string;
  @IsString() @Length(1, 200) name!: string;
  @IsOptional() @IsString() programme?: string;
  /** Local dates (YYYY-MM-DD). */
  @IsISO8601({ strict: true }) startsOn!: string;
  @IsISO8601({ strict: true }) endsOn!: string;
  @IsIn(PROJECT_STATUSES) status!: ProjectStatus;
}

export const ProjectCreated = defineEvent('membership.project.created', 1, 'project', ProjectStateV1);
export const ProjectUpdated = defineEvent('membership.project.updated', 1, 'project', ProjectStateV1);
