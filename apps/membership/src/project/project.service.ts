import { Injectable } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import { ProjectCreated, ProjectUpdated } from '@intercity/contracts';
import { TransactionRunner } from '@intercity/persistence';
import { Page, canReadNetwork, checkIfMatch, found, readableNetworks, requireAccess } from '@intercity/platform';
import { NetworkRepository } from '../network/network.repository';
import { ParticipationRepository } from '../participation/participation.repository';
import { RuleViolation } from '@intercity/domain';
import { changeProject, createProject, periodChanged, Project, ProjectFields, projectState } from './domain/project';
import { ProjectFilter, ProjectRepository } from './project.repository';

@Injectable()
export class ProjectService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly projects: ProjectRepository,
    private readonly networks: NetworkRepository,
    private readonly participations: ParticipationRepository,
  ) {}

  create(networkId: string, input: ProjectFields): Promise<Project> {
    requireAccess(['network-admin'], { networkId });
    return this.tx.run(async (uow) => {
      if (!(await this.networks.findById(networkId, uow.manager))) {
        throw RuleViolation.unprocessable('project.network.exists', 'networkId', `network ${networkId} does not exist`);
      }
      const project = createProject(uuidv7(), networkId, input, new Date());
      await this.projects.insert(uow.manager, project);
      await uow.emit(ProjectCreated, { aggregateId: project.id, aggregateVersion: project.version, data: projectState(project) });
      return project;
    });
  }

  update(id: string, changes: Partial<ProjectFields>, ifMatch?: string): Promise<Project> {
    return this.tx.run(async (uow) => {
      const current = found(await this.projects.lock(uow.manager, id, 'write'), 'project', id);
      requireAccess(['network-admin'], { networkId: current.networkId });
      checkIfMatch(ifMatch, current.version);
      const next = changeProject(current, changes, new Date());
      if (!next) return current;
      // Assignments hold the project FOR SHARE, so none can slip in while the period changes.
      if (periodChanged(current, next) && (await this.participations.countOutsidePeriod(uow.manager, id, next.startsOn, next.endsOn)) > 0) {
        throw RuleViolation.conflict(
          'project.period.covers-participations',
          `participations of this project lie outside ${next.startsOn}..${next.endsOn}; change them first`,
        );
      }
      await this.projects.update(uow.manager, next);
      await uow.emit(ProjectUpdated, { aggregateId: next.id, aggregateVersion: next.version, data: projectState(next) });
      return next;
    });
  }

  async get(id: string): Promise<Project> {
    const project = await this.projects.findById(id);
    // Another network's data is not to be read here, and does not show that it exists.
    return found(project && canReadNetwork(project.networkId) ? project : undefined, 'project', id);
  }

  list(filter: ProjectFilter): Promise<Page<Project>> {
    return this.projects.list({ ...filter, networks: readableNetworks() });
  }
}
