import { ExperienceLevel, ParticipationStateV1, ProjectRole } from '@intercity/contracts';
import { firstVersion, present, revise, Versioned } from '../../shared/domain/revise';
import { LocalDate, RuleViolation, endsBeforeItStarts, isWithin } from '@intercity/domain';

/** A member's part in a project: its role, experience level and period. */
export interface Participation extends Versioned {
  id: string;
  networkId: string;
  projectId: string;
  memberId: string;
  role: ProjectRole;
  experienceLevel: ExperienceLevel | null;
  from: LocalDate;
  /** The planned end; without one the participation runs until the project ends. */
  to: LocalDate | null;
  /** Set once it has ended; an ended participation no longer changes. */
  endedOn: LocalDate | null;
}

export interface ParticipationFields {
  role: ProjectRole;
  experienceLevel?: ExperienceLevel | null;
  from: LocalDate;
  to?: LocalDate | null;
}

/** What the rules need to know of the project and the member. */
export interface ProjectPeriod {
  id: string;
  networkId: string;
  startsOn: LocalDate;
  endsOn: LocalDate;
}

export interface MemberStanding {
  id: string;
  networkId: string;
  leftOn: LocalDate | null;
}

export const isActive = (p: Pick<Participation, 'endedOn'>): boolean => p.endedOn === null;

function checkPeriod(p: Participation, project: ProjectPeriod): void {
  if (endsBeforeItStarts(p)) {
    throw RuleViolation.invalid('participation.period', 'to', `a participation cannot end (${p.to}) before it starts (${p.from})`);
  }
  if (!isWithin(p, { from: project.startsOn, to: project.endsOn })) {
    const field = p.from < project.startsOn || p.from > project.endsOn ? 'from' : 'to';
    throw RuleViolation.unprocessable(
      'participation.period.within-project',
      field,
      `a participation must lie within its project's period ${project.startsOn}..${project.endsOn}`,
    );
  }
}

function checkNotEnded(p: Participation): void {
  if (!isActive(p)) throw RuleViolation.conflict('participation.ended', `the participation ended on ${p.endedOn} and can no longer change`);
}

export function assignParticipation(
  id: string,
  project: ProjectPeriod,
  member: MemberStanding,
  input: ParticipationFields,
  now: Date,
): Participation {
  if (member.networkId !== project.networkId) {
    throw RuleViolation.unprocessable('participation.same-network', 'memberId', 'the member belongs to another network than the project');
  }
  if (member.leftOn !== null) {
    throw RuleViolation.conflict('participation.member-left', `the member left the network on ${member.leftOn}`, 'memberId');
  }
  const participation: Participation = {
    id,
    networkId: project.networkId,
    projectId: project.id,
    memberId: member.id,
    role: input.role,
    experienceLevel: input.experienceLevel ?? null,
    from: input.from,
    to: input.to ?? null,
    endedOn: null,
    ...firstVersion(now),
  };
  checkPeriod(participation, project);
  return participation;
}

export function changeParticipation(
  current: Participation,
  project: ProjectPeriod,
  changes: Partial<ParticipationFields>,
  now: Date,
): Participation | undefined {
  checkNotEnded(current);
  const next = revise(current, changes, now);
  if (next) checkPeriod(next, project);
  return next;
}

export function endParticipation(current: Participation, project: ProjectPeriod, endedOn: LocalDate, now: Date): Participation {
  checkNotEnded(current);
  if (endedOn < current.from) {
    throw RuleViolation.invalid('participation.ended-on.after-from', 'endedOn', `a participation cannot end before it started (${current.from})`);
  }
  if (endedOn > project.endsOn) {
    throw RuleViolation.unprocessable('participation.ended-on.within-project', 'endedOn', `the project ended on ${project.endsOn}`);
  }
  return { ...current, endedOn, version: current.version + 1, updatedAt: now };
}

/**
 * A member leaving the network ends its active participations on the day it leaves, or earlier
 * where one was planned to end (or its project ended) before that. One that had not begun yet ends
 * on its first day: an end never precedes a start.
 */
export function endOnLeaving(current: Participation, project: ProjectPeriod, leftOn: LocalDate, now: Date): Participation {
  const plannedEnd = current.to ?? project.endsOn;
  const last = leftOn < plannedEnd ? leftOn : plannedEnd;
  return endParticipation(current, project, last < current.from ? current.from : last, now);
}

export function participationState(p: Participation): ParticipationStateV1 {
  return present({
    participationId: p.id,
    projectId: p.projectId,
    memberId: p.memberId,
    role: p.role,
    experienceLevel: p.experienceLevel,
    from: p.from,
    to: p.to,
    endedOn: p.endedOn,
  });
}
