import { Controller } from '@nestjs/common';
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
import type { JetStreamContext } from '@intercity/messaging';
import { DirectoryService } from './directory.service';

/** Membership's events, each applied by one call in the consumer's transaction. */
@Controller()
export class DirectoryConsumer {
  constructor(private readonly directory: DirectoryService) {}

  @EventPattern(MemberJoined.type)
  memberJoined(@Payload() e: EventEnvelope<MemberStateV1>, @Ctx() ctx: JetStreamContext) {
    return this.directory.memberChanged(ctx.uow, e);
  }

  @EventPattern(MemberUpdated.type)
  memberUpdated(@Payload() e: EventEnvelope<MemberStateV1>, @Ctx() ctx: JetStreamContext) {
    return this.directory.memberChanged(ctx.uow, e);
  }

  @EventPattern(MemberLeft.type)
  memberLeft(@Payload() e: EventEnvelope<MemberLeftV1>, @Ctx() ctx: JetStreamContext) {
    return this.directory.memberLeft(ctx.uow, e);
  }

  @EventPattern(PersonRegistered.type)
  personRegistered(@Payload() e: EventEnvelope<PersonStateV1>, @Ctx() ctx: JetStreamContext) {
    return this.directory.personChanged(ctx.uow, e);
  }

  @EventPattern(PersonUpdated.type)
  personUpdated(@Payload() e: EventEnvelope<PersonStateV1>, @Ctx() ctx: JetStreamContext) {
    return this.directory.personChanged(ctx.uow, e);
  }

  @EventPattern(PersonErased.type)
  personErased(@Payload() e: EventEnvelope<PersonErasedV1>, @Ctx() ctx: JetStreamContext) {
    return this.directory.personErased(ctx.uow, e);
  }

  @EventPattern(ProjectCreated.type)
  projectCreated(@Payload() e: EventEnvelope<ProjectStateV1>, @Ctx() ctx: JetStreamContext) {
    return this.directory.projectChanged(ctx.uow, e);
  }

  @EventPattern(ProjectUpdated.type)
  projectUpdated(@Payload() e: EventEnvelope<ProjectStateV1>, @Ctx() ctx: JetStreamContext) {
    return this.directory.projectChanged(ctx.uow, e);
  }

  @EventPattern(ParticipationAssigned.type)
  participationAssigned(@Payload() e: EventEnvelope<ParticipationStateV1>, @Ctx() ctx: JetStreamContext) {
    return this.directory.participationChanged(ctx.uow, e);
  }

  @EventPattern(ParticipationChanged.type)
  participationChanged(@Payload() e: EventEnvelope<ParticipationStateV1>, @Ctx() ctx: JetStreamContext) {
    return this.directory.participationChanged(ctx.uow, e);
  }

  @EventPattern(ParticipationEnded.type)
  participationEnded(@Payload() e: EventEnvelope<ParticipationStateV1>, @Ctx() ctx: JetStreamContext) {
    return this.directory.participationChanged(ctx.uow, e);
  }
}
