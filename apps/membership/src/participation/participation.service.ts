import { Injectable } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import { ParticipationAssigned, ParticipationChanged, ParticipationEnded } from '@intercity/contracts';
import { TransactionRunner, UnitOfWork } from '@intercity/persistence';
import { Page, canReadNetwork, checkIfMatch, found, readableNetworks, requireAccess } from '@intercity/platform';
import { MemberRepository } from '../member/member.repository';
import { ProjectRepository } from '../project/project.repository';
import { LocalDate, RuleViolation } from '@intercity/domain';
import {
  assignParticipation,
  changeParticipation,
  endOnLeaving,
  endParticipation,
  Participation,
  ParticipationFields,
  participationState,
} from './domain/participation';
import { ParticipationFilter, ParticipationRepository } from './participation.repository';

@Injectable()
export class ParticipationService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly participations: ParticipationRepository,
    private readonly projects: ProjectRepository,
    private readonly members: MemberRepository,
  ) {}

  assign(projectId: string, memberId: string, input: ParticipationFields): Promise<Participation> {
    return this.tx.run(async (uow) => {
      // Held FOR SHARE until commit: the project's period and the member's standing stay as checked.
      const project = await this.projects.lock(uow.manager, projectId, 'share');
      if (!project) throw RuleViolation.unprocessable('participation.project.exists', 'projectId', `project ${projectId} does not exist`);
      const member = await this.members.lock(uow.manager, memberId, 'share');
      if (!member) throw RuleViolation.unprocessable('participation.member.exists', 'memberId', `member ${memberId} does not exist`);
      requireAccess(['network-admin'], { networkId: project.networkId });
      const participation = assignParticipation(uuidv7(), project, member, input, new Date());
      await this.participations.insert(uow.manager, participation);
      await this.emit(uow, ParticipationAssigned, participation, project.networkId);
      return participation;
    });
  }

  update(id: string, changes: Partial<ParticipationFields>, ifMatch?: string): Promise<Participation> {
    return this.tx.run(async (uow) => {
      const current = found(await this.participations.lock(uow.manager, id), 'participation', id);
      const project = await this.projectOf(uow, current);
      requireAccess(['network-admin'], { networkId: project.networkId });
      checkIfMatch(ifMatch, current.version);
      const next = changeParticipation(current, project, changes, new Date());
      if (!next) return current;
      await this.participations.update(uow.manager, next);
      await this.emit(uow, ParticipationChanged, next, project.networkId);
      return next;
    });
  }

  end(id: string, endedOn: LocalDate, ifMatch?: string): Promise<Participation> {
    return this.tx.run(async (uow) => {
      const current = found(await this.participations.lock(uow.manager, id), 'participation', id);
      const project = await this.projectOf(uow, current);
      requireAccess(['network-admin'], { networkId: project.networkId });
      checkIfMatch(ifMatch, current.version);
      const ended = endParticipation(current, project, endedOn, new Date());
      await this.participations.update(uow.manager, ended);
      await this.emit(uow, ParticipationEnded, ended, project.networkId);
      return ended;
    });
  }

  /** Ends, in the caller's transaction, every participation still running of a member that left. */
  async endOnLeaving(uow: UnitOfWork, memberId: string, leftOn: LocalDate): Promise<Participation[]> {
    const now = new Date();
    const ended: Participation[] = [];
    for (const current of await this.participations.lockActiveOfMember(uow.manager, memberId)) {
      const project = await this.projectOf(uow, current);
      const next = endOnLeaving(current, project, leftOn, now);
      await this.participations.update(uow.manager, next);
      await this.emit(uow, ParticipationEnded, next, project.networkId);
      ended.push(next);
    }
    return ended;
  }

  async get(id: string): Promise<Participation> {
    const participation = await this.participations.findById(id);
    const project = participation && (await this.projects.findById(participation.projectId));
    // Another network's data is not to be read here, and does not show that it exists.
    return found(project && canReadNetwork(project.networkId) ? participation : undefined, 'participation', id);
  }

  list(filter: ParticipationFilter): Promise<Page<Participation>> {
    return this.participations.list({ ...filter, networks: readableNetworks() });
  }

  private async projectOf(uow: UnitOfWork, p: Participation) {
    // The foreign key guarantees the project; the lock keeps its period as checked.
    return found(await this.projects.lock(uow.manager, p.projectId, 'share'), 'project', p.projectId);
  }

  private emit(
    uow: UnitOfWork,
    event: typeof ParticipationAssigned | typeof ParticipationChanged | typeof ParticipationEnded,
    p: Participation,
    networkId: string,
  ) {
    return uow.emit(event, { aggregateId: p.id, aggregateVersion: p.version, data: participationState(p), networkId });
  }
}
