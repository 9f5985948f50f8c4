import { ProjectStateV1, ProjectStatus } from '@intercity/contracts';
import { firstVersion, present, revise, Versioned } from '../../shared/domain/revise';
import { LocalDate, RuleViolation } from '@intercity/domain';

/** A project a network runs for a period (CONNECTION 2020–2022), with members taking part in it. */
export interface Project extends Versioned {
  id: string;
  networkId: string;
  code: string;
  name: string;
  programme: string | null;
  startsOn: LocalDate;
  endsOn: LocalDate;
  status: ProjectStatus;
}

export interface ProjectFields {
  code: string;
  name: string;
  programme?: string | null;
  startsOn: LocalDate;
  endsOn: LocalDate;
  status: ProjectStatus;
}

/** A closed project stays closed: its grants and reports are settled against that. */
const NEXT_STATUS: Record<ProjectStatus, readonly ProjectStatus[]> = {
  planned: ['planned', 'running', 'closed'],
  running: ['running', 'closed'],
  closed: ['closed'],
};

function checkPeriod(p: Pick<Project, 'startsOn' | 'endsOn'>): void {
  if (p.endsOn < p.startsOn) throw RuleViolation.invalid('project.period', 'endsOn', `a project cannot end (${p.endsOn}) before it starts (${p.startsOn})`);
}

export function createProject(id: string, networkId: string, input: ProjectFields, now: Date): Project {
  const project: Project = {
    id,
    networkId,
    code: input.code,
    name: input.name,
    programme: input.programme ?? null,
    startsOn: input.startsOn,
    endsOn: input.endsOn,
    status: input.status,
    ...firstVersion(now),
  };
  checkPeriod(project);
  return project;
}

export function changeProject(current: Project, changes: Partial<ProjectFields>, now: Date): Project | undefined {
  const next = revise(current, changes, now);
  if (!next) return undefined;
  checkPeriod(next);
  if (!NEXT_STATUS[current.status].includes(next.status)) {
    throw RuleViolation.conflict('project.status.transition', `a ${current.status} project cannot become ${next.status}`, 'status');
  }
  return next;
}

/** Whether the project's period changed, so its participations must be checked against the new one. */
export function periodChanged(before: Project, after: Project): boolean {
  return before.startsOn !== after.startsOn || before.endsOn !== after.endsOn;
}

export function projectState(p: Project): ProjectStateV1 {
  return present({
    projectId: p.id,
    networkId: p.networkId,
    code: p.code,
    name: p.name,
    programme: p.programme,
    startsOn: p.startsOn,
    endsOn: p.endsOn,
    status: p.status,
  });
}
