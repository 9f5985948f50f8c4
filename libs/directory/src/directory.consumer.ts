import { Controller, Inject, Optional } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import {
  EventEnvelope,
  MemberJoined,
  MemberLeft,
  MemberLeftV1,
  MemberStateV1,
  MemberUpdated,
  ParticipationAssigned,
  ParticipationChanged,
  ParticipationEnded,
  ParticipationStateV1,
  PersonErased,
  PersonErasedV1,
  PersonRegistered,
  PersonStateV1,
  PersonUpdated,
  ProjectCreated,
  ProjectStateV1,
  ProjectUpdated,
} from '@intercity/contracts';
import { COPY_ONLY, type JetStreamContext } from '@intercity/messaging';
import { DirectoryCopies } from './directory.repository';
import { DIRECTORY_FOLLOWER, DirectoryFollower } from './directory.follower';

/**
 * Membership's events kept as copies, newest version wins, each applied in the consumer's
 * transaction beside the inbox row; the service's follower then makes its own data follow.
 * Handlers that only copy stage their rows, so a batch of them is written in a few statements.
 */
@Controller()
export class DirectoryConsumer {
  constructor(
    private readonly copies: DirectoryCopies,
    @Optional() @Inject(DIRECTORY_FOLLOWER) private readonly follower?: DirectoryFollower,
  ) {}

  @EventPattern(MemberJoined.type, COPY_ONLY)
  memberJoined(@Payload() e: EventEnvelope<MemberStateV1>, @Ctx() ctx: JetStreamContext) {
    return this.memberChanged(e, ctx);
  }

  @EventPattern(MemberUpdated.type, COPY_ONLY)
  memberUpdated(@Payload() e: EventEnvelope<MemberStateV1>, @Ctx() ctx: JetStreamContext) {
    return this.memberChanged(e, ctx);
  }

  @EventPattern(MemberLeft.type)
  async memberLeft(@Payload() { aggregate, data }: EventEnvelope<MemberLeftV1>, @Ctx() ctx: JetStreamContext) {
    await this.copies.copy(ctx.uow.manager, 'members', aggregate.id, aggregate.version, { network_id: data.networkId, left_on: data.leftOn });
    await this.follower?.memberLeft?.(ctx.uow, data.memberId);
  }

  @EventPattern(PersonRegistered.type, COPY_ONLY)
  personRegistered(@Payload() e: EventEnvelope<PersonStateV1>, @Ctx() ctx: JetStreamContext) {
    return this.personChanged(e, ctx);
  }

  @EventPattern(PersonUpdated.type, COPY_ONLY)
  personUpdated(@Payload() e: EventEnvelope<PersonStateV1>, @Ctx() ctx: JetStreamContext) {
    return this.personChanged(e, ctx);
  }

  @EventPattern(PersonErased.type)
  async personErased(@Payload() { aggregate, data }: EventEnvelope<PersonErasedV1>, @Ctx() ctx: JetStreamContext) {
    const gone = { given_name: null, family_name: null, email: null, preferred_language: null, functions: null, erased: true };
    await this.copies.copy(ctx.uow.manager, 'people', aggregate.id, aggregate.version, { member_id: data.memberId, ...gone });
    await this.follower?.personErased?.(ctx.uow, data.personId, data.memberId);
  }

  @EventPattern(ProjectCreated.type, COPY_ONLY)
  projectCreated(@Payload() e: EventEnvelope<ProjectStateV1>, @Ctx() ctx: JetStreamContext) {
    return this.projectChanged(e, ctx);
  }

  @EventPattern(ProjectUpdated.type, COPY_ONLY)
  projectUpdated(@Payload() e: EventEnvelope<ProjectStateV1>, @Ctx() ctx: JetStreamContext) {
    return this.projectChanged(e, ctx);
  }

  @EventPattern(ParticipationAssigned.type, COPY_ONLY)
  participationAssigned(@Payload() e: EventEnvelope<ParticipationStateV1>, @Ctx() ctx: JetStreamContext) {
    return this.participationChanged(e, ctx);
  }

  @EventPattern(ParticipationChanged.type, COPY_ONLY)
  participationChanged(@Payload() e: EventEnvelope<ParticipationStateV1>, @Ctx() ctx: JetStreamContext) {
    return this.copyParticipation(e, ctx);
  }

  @EventPattern(ParticipationEnded.type)
  async participationEnded(@Payload() e: EventEnvelope<ParticipationStateV1>, @Ctx() ctx: JetStreamContext) {
    this.copyParticipation(e, ctx);
    await ctx.copies.flush(ctx.uow.manager);
    await this.follower?.participationEnded?.(ctx.uow, e.data.projectId, e.data.memberId);
  }

  private memberChanged({ aggregate, data }: EventEnvelope<MemberStateV1>, ctx: JetStreamContext) {
    this.copies.stage(ctx.copies, 'members', aggregate.id, aggregate.version, {
      network_id: data.networkId,
      kind: data.kind,
      name: data.name,
      country: data.country,
      region: data.region ?? null,
      time_zone: data.timeZone,
      languages: data.languages,
    });
  }

  private personChanged({ aggregate, data }: EventEnvelope<PersonStateV1>, ctx: JetStreamContext) {
    this.copies.stage(ctx.copies, 'people', aggregate.id, aggregate.version, {
      member_id: data.memberId,
      given_name: data.givenName,
      family_name: data.familyName,
      email: data.email,
      preferred_language: data.preferredLanguage,
      functions: data.functions,
    });
  }

  private projectChanged({ aggregate, data }: EventEnvelope<ProjectStateV1>, ctx: JetStreamContext) {
    this.copies.stage(ctx.copies, 'projects', aggregate.id, aggregate.version, {
      network_id: data.networkId,
      code: data.code,
      name: data.name,
      status: data.status,
    });
  }

  private copyParticipation({ aggregate, data }: EventEnvelope<ParticipationStateV1>, ctx: JetStreamContext) {
    this.copies.stage(ctx.copies, 'participations', aggregate.id, aggregate.version, {
      project_id: data.projectId,
      member_id: data.memberId,
      role: data.role,
      experience_level: data.experienceLevel ?? null,
      from_date: data.from.slice(0, 10),
      to_date: data.to?.slice(0, 10) ?? null,
      ended_on: data.endedOn?.slice(0, 10) ?? null,
    });
  }
}
