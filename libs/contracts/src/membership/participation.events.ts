import { IsIn, IsISO8601, IsOptional, IsUUID } from 'class-validator';
import { defineEvent } from '../event-definition';
import { EXPERIENCE_LEVELS, ExperienceLevel, PROJECT_ROLES, ProjectRole } from './vocabulary';

/** A member's part in a project: its role, experience level and period. */
export class ParticipationStateV1 {
  @IsUUID('all') participationId!: string;
  @IsUUID('all') projectId!: string;
  @IsUUID('all') memberId!: string;
  @IsIn(PROJECT_ROLES) role!: ProjectRole;
  @IsOptional() @IsIn(EXPERIENCE_LEVELS) experienceLevel?: ExperienceLevel;
  @IsISO8601({ strict: true }) from!: string;
  @IsOptional() @IsISO8601({ strict: true }) to?: string;
  /** Set once the participation has ended. */
  @IsOptional() @IsISO8601({ strict: true }) endedOn?: string;
}

export const ParticipationAssigned = defineEvent('membership.participation.assigned', 1, 'participation', ParticipationStateV1);
export const ParticipationChanged = defineEvent('membership.participation.changed', 1, 'participation', ParticipationStateV1);
export const ParticipationEnded = defineEvent('membership.participation.ended', 1, 'participation', ParticipationStateV1);
