import { Injectable } from '@nestjs/common';
import type { EventEnvelope, MemberLeftV1, MemberStateV1, ParticipationStateV1, PersonErasedV1, PersonStateV1, ProjectStateV1 } from '@intercity/contracts';
import type { UnitOfWork } from '@intercity/persistence';
import { AttendanceService } from '../attendance/attendance.service';
import { CommunityService } from '../community/community.service';
import { RegistrationService } from '../registration/registration.service';
import { DirectoryRepository } from './directory.repository';

/**
 * Keeps practice's copies of membership's aggregates, and makes practice's own data follow what
 * happened upstream: a member leaving a project leaves its communities, an erased person's
 * registrations, expert seats and attendance marks go. Everything runs in the consumer's
 * transaction, with the inbox row, so a redelivered event has no second effect.
 */
@Injectable()
export class DirectoryService {
  constructor(
    private readonly directory: DirectoryRepository,
    private readonly communities: CommunityService,
    private readonly registrations: RegistrationService,
    private readonly attendance: AttendanceService,
  ) {}

  async memberChanged(uow: UnitOfWork, { aggregate, data }: EventEnvelope<MemberStateV1>): Promise<void> {
    await this.directory.copyMember(uow.manager, aggregate.id, aggregate.version, {
      network_id: data.networkId,
      kind: data.kind,
      name: data.name,
      country: data.country,
      time_zone: data.timeZone,
      languages: data.languages,
    });
  }

  async memberLeft(uow: UnitOfWork, { aggregate, data }: EventEnvelope<MemberLeftV1>): Promise<void> {
    await this.directory.copyMember(uow.manager, aggregate.id, aggregate.version, { network_id: data.networkId, left_on: data.leftOn });
    await this.communities.followMemberLeaving(uow, data.memberId);
  }

  async personChanged(uow: UnitOfWork, { aggregate, data }: EventEnvelope<PersonStateV1>): Promise<void> {
    await this.directory.copyPerson(uow.manager, aggregate.id, aggregate.version, {
      member_id: data.memberId,
      given_name: data.givenName,
      family_name: data.familyName,
      email: data.email,
      preferred_language: data.preferredLanguage,
    });
  }

  /** The copy keeps only a tombstone, so no late event brings the person back. */
  async personErased(uow: UnitOfWork, { aggregate, data }: EventEnvelope<PersonErasedV1>): Promise<void> {
    await this.directory.copyPerson(uow.manager, aggregate.id, aggregate.version, {
      member_id: data.memberId,
      given_name: null,
      family_name: null,
      email: null,
      preferred_language: null,
      erased: true,
    });
    await this.registrations.cancelForPerson(uow, data.personId);
    await this.communities.forgetExpert(uow, data.personId);
    await this.attendance.forgetPerson(uow, data.personId);
  }

  async projectChanged(uow: UnitOfWork, { aggregate, data }: EventEnvelope<ProjectStateV1>): Promise<void> {
    await this.directory.copyProject(uow.manager, aggregate.id, aggregate.version, {
      network_id: data.networkId,
      code: data.code,
      name: data.name,
      status: data.status,
    });
  }

  async participationChanged(uow: UnitOfWork, { aggregate, data }: EventEnvelope<ParticipationStateV1>): Promise<void> {
    await this.directory.copyParticipation(uow.manager, aggregate.id, aggregate.version, {
      project_id: data.projectId,
      member_id: data.memberId,
      role: data.role,
      ended_on: data.endedOn ?? null,
    });
    if (data.endedOn && !(await this.directory.stillInProject(uow.manager, data.projectId, data.memberId))) {
      await this.communities.followMemberLeaving(uow, data.memberId, data.projectId);
    }
  }
}
