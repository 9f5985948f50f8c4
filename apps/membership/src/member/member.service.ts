import { Injectable } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import { MemberJoined, MemberLeft, MemberUpdated } from '@intercity/contracts';
import { TransactionRunner, UnitOfWork } from '@intercity/persistence';
import { Page, canReadNetwork, checkIfMatch, found, readableNetworks, requireAccess } from '@intercity/platform';
import { NetworkRepository } from '../network/network.repository';
import { NodeRepository } from '../node/node.repository';
import { ParticipationService } from '../participation/participation.service';
import { LocalDate, RuleViolation } from '@intercity/domain';
import { changeMember, joinMember, leaveNetwork, Member, MemberFields, memberLeft, memberState } from './domain/member';
import { MemberFilter, MemberRepository } from './member.repository';

@Injectable()
export class MemberService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly members: MemberRepository,
    private readonly networks: NetworkRepository,
    private readonly nodes: NodeRepository,
    private readonly participations: ParticipationService,
  ) {}

  join(networkId: string, input: MemberFields): Promise<Member> {
    requireAccess(['network-admin'], { networkId });
    return this.tx.run(async (uow) => {
      if (!(await this.networks.findById(networkId, uow.manager))) {
        throw RuleViolation.unprocessable('member.network.exists', 'networkId', `network ${networkId} does not exist`);
      }
      await this.checkHomeNode(uow, input.homeNodeId);
      const member = joinMember(uuidv7(), networkId, input, new Date());
      await this.members.insert(uow.manager, member);
      await uow.emit(MemberJoined, { aggregateId: member.id, aggregateVersion: member.version, data: memberState(member) });
      return member;
    });
  }

  update(id: string, changes: Partial<MemberFields>, ifMatch?: string): Promise<Member> {
    return this.tx.run(async (uow) => {
      const current = found(await this.members.lock(uow.manager, id, 'write'), 'member', id);
      // A city's liaison keeps its own profile up to date.
      requireAccess(['network-admin', 'city-liaison'], { networkId: current.networkId, memberId: current.id });
      checkIfMatch(ifMatch, current.version);
      const next = changeMember(current, changes, new Date());
      if (!next) return current;
      if (next.homeNodeId !== current.homeNodeId) await this.checkHomeNode(uow, next.homeNodeId);
      await this.members.update(uow.manager, next);
      await uow.emit(MemberUpdated, { aggregateId: next.id, aggregateVersion: next.version, data: memberState(next) });
      return next;
    });
  }

  /** The member leaves the network; its participations still running end with it. */
  leave(id: string, leftOn: LocalDate, reason: string | undefined, ifMatch?: string): Promise<Member> {
    return this.tx.run(async (uow) => {
      const current = found(await this.members.lock(uow.manager, id, 'write'), 'member', id);
      requireAccess(['network-admin'], { networkId: current.networkId });
      checkIfMatch(ifMatch, current.version);
      const left = leaveNetwork(current, leftOn, reason ?? null, new Date());
      await this.members.update(uow.manager, left);
      await uow.emit(MemberLeft, { aggregateId: left.id, aggregateVersion: left.version, data: memberLeft(left) });
      await this.participations.endOnLeaving(uow, left.id, leftOn);
      return left;
    });
  }

  async get(id: string): Promise<Member> {
    const member = await this.members.findById(id);
    // Another network's data is not to be read here, and does not show that it exists.
    return found(member && canReadNetwork(member.networkId) ? member : undefined, 'member', id);
  }

  list(filter: MemberFilter): Promise<Page<Member>> {
    return this.members.list({ ...filter, networks: readableNetworks() });
  }

  private async checkHomeNode(uow: UnitOfWork, nodeId: string): Promise<void> {
    if (!(await this.nodes.findById(nodeId, uow.manager))) {
      throw RuleViolation.unprocessable('member.home-node.registered', 'homeNodeId', `node ${nodeId} is not registered`);
    }
  }
}
