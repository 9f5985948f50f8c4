import { Inject, Injectable } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import { DirectoryCopies, ProjectCopy } from '@intercity/directory';
import { RuleViolation } from '@intercity/domain';
import { TransactionRunner, UnitOfWork } from '@intercity/persistence';
import { Page, canReadNetwork, checkIfMatch, found, readableNetworks, requireAccess } from '@intercity/platform';
import { RosterRepository } from '../directory/roster.repository';
import { RegistrationService } from '../registration/registration.service';
import { emitAll } from '../shared/emit';
import { changeCommunity, Community, CommunityChanges, createCommunity, Expert, followMemberLeaving, forgetExpert, joinCommunity, leaveCommunity } from './domain/community';
import { PRACTICE_READS, PracticeReads } from '../shared/persistence/practice-reads';
import { CommunityFilter, CommunityRepository } from './community.repository';

export interface CreateCommunityInput {
  projectId: string;
  name: string;
  theme: string;
  description?: string | null;
  leadMemberId: string;
  memberIds: string[];
  expertIds?: string[];
}

export type UpdateCommunityInput = Omit<CommunityChanges, 'experts'> & { expertIds?: string[] };

/**
 * Communities of practice belong to a project; the network's admins set them up and run them.
 * A city's liaison may take their own city out of one (its own city's data, ARCHITECTURE §5).
 */
@Injectable()
export class CommunityService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly communities: CommunityRepository,
    private readonly directory: DirectoryCopies,
    private readonly rosters: RosterRepository,
    private readonly registrations: RegistrationService,
    /** What GET routes read: practice's own tables, or on a city node its copies of the hub's. */
    @Inject(PRACTICE_READS) private readonly reads: PracticeReads,
  ) {}

  create({ projectId, expertIds, ...fields }: CreateCommunityInput): Promise<Community> {
    return this.tx.run(async (uow) => {
      const project = await this.knownProject(uow, projectId);
      requireAccess(['network-admin'], { networkId: project.networkId });
      const roster = await this.rosters.roster(project, uow.manager);
      const experts = await this.experts(uow, expertIds ?? []);
      const outcome = createCommunity(uuidv7(), roster, { ...fields, experts }, new Date());
      await this.communities.insert(uow.manager, outcome.state);
      await emitAll(uow, outcome.events);
      return outcome.state;
    });
  }

  update(id: string, { expertIds, ...changes }: UpdateCommunityInput, ifMatch?: string): Promise<Community> {
    return this.tx.run(async (uow) => {
      const current = await this.lockReadable(uow, id);
      requireAccess(['network-admin'], { networkId: current.networkId });
      checkIfMatch(ifMatch, current.version);
      const roster = await this.rosters.roster(await this.knownProject(uow, current.projectId), uow.manager);
      const experts = expertIds === undefined ? undefined : await this.experts(uow, expertIds);
      const outcome = changeCommunity(current, roster, { ...changes, ...(experts && { experts }) }, new Date());
      if (outcome.events.length) await this.communities.update(uow.manager, outcome.state);
      await emitAll(uow, outcome.events);
      return outcome.state;
    });
  }

  join(id: string, cityId: string): Promise<Community> {
    return this.tx.run(async (uow) => {
      const current = await this.lockReadable(uow, id);
      requireAccess(['network-admin'], { networkId: current.networkId });
      const roster = await this.rosters.roster(await this.knownProject(uow, current.projectId), uow.manager);
      const outcome = joinCommunity(current, roster, cityId, new Date());
      await this.communities.update(uow.manager, outcome.state);
      await emitAll(uow, outcome.events);
      return outcome.state;
    });
  }

  /** The city withdraws; its people's registrations for the community's activities end with it. */
  leave(id: string, cityId: string): Promise<Community> {
    return this.tx.run(async (uow) => {
      const current = await this.lockReadable(uow, id);
      requireAccess(['network-admin', 'city-liaison'], { networkId: current.networkId, memberId: cityId });
      const outcome = leaveCommunity(current, cityId, 'withdrew', new Date());
      await this.communities.update(uow.manager, outcome.state);
      await emitAll(uow, outcome.events);
      await this.registrations.cancelForCity(uow, current.id, cityId);
      return outcome.state;
    });
  }

  async get(id: string): Promise<Community> {
    const community = await this.reads.community(id);
    return found(community && canReadNetwork(community.networkId) ? community : undefined, 'community', id);
  }

  list(filter: Omit<CommunityFilter, 'networks'>): Promise<Page<Community>> {
    return this.reads.communities({ ...filter, networks: readableNetworks() });
  }

  /** Membership said a member left the project (or the network): communities follow. */
  async followMemberLeaving(uow: UnitOfWork, memberId: string, projectId?: string): Promise<void> {
    for (const community of await this.communities.lockInvolving(uow.manager, memberId, projectId)) {
      const wasCity = community.memberIds.includes(memberId);
      const outcome = followMemberLeaving(community, memberId, new Date());
      if (outcome.events.length === 0) continue;
      await this.communities.update(uow.manager, outcome.state);
      await emitAll(uow, outcome.events);
      if (wasCity) await this.registrations.cancelForCity(uow, community.id, memberId);
    }
  }

  /** An erased person stops being an expert anywhere. */
  async forgetExpert(uow: UnitOfWork, personId: string): Promise<void> {
    for (const community of await this.communities.lockWithExpert(uow.manager, personId)) {
      const outcome = forgetExpert(community, personId, new Date());
      if (outcome.events.length === 0) continue;
      await this.communities.update(uow.manager, outcome.state);
      await emitAll(uow, outcome.events);
    }
  }

  private async lockReadable(uow: UnitOfWork, id: string): Promise<Community> {
    const current = await this.communities.find(id, uow.manager, true);
    return found(current && canReadNetwork(current.networkId) ? current : undefined, 'community', id);
  }

  private async knownProject(uow: UnitOfWork, projectId: string): Promise<ProjectCopy> {
    const copy = await this.directory.project(projectId, uow.manager);
    // A project of a network the person has no role in is as unknown as one that does not exist.
    const project = copy && canReadNetwork(copy.networkId) ? copy : undefined;
    if (!project) throw RuleViolation.unprocessable('community.project.known', 'projectId', `project ${projectId} is not known here`);
    return project;
  }

  /** Experts by person: their organisation comes from practice's copy of people. */
  private async experts(uow: UnitOfWork, personIds: readonly string[]): Promise<Expert[]> {
    const out: Expert[] = [];
    for (const personId of personIds) {
      const person = await this.directory.person(personId, uow.manager);
      if (!person) throw RuleViolation.unprocessable('community.expert.known', 'expertIds', `person ${personId} is not known here`);
      out.push({ personId, memberId: person.memberId });
    }
    return out;
  }
}
