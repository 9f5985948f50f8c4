import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import type { ActivityStateV1, CommunityStateV1, EventEnvelope, ProgrammeDefinedV1, RegistrationStateV1, ResourceStateV1, SessionAttendanceStateV1 } from '@intercity/contracts';
import type { JetStreamContext } from '@intercity/messaging';
import { activityCopy, attendanceCopy, communityCopy, programmeCopy, registrationCopy, resourceCopy, STATE_EVENTS } from './domain/hub-copies';
import { HubCopiesRepository } from './hub-copies.repository';

/**
 * On a city node only (PracticeModule registers it there): practice's own events, as the hub
 * wrote them, from the node's network stream, kept as copies beside the inbox row. The hub and a
 * standalone node don't read their own stream: they hold the originals.
 */
@Controller()
export class HubCopiesConsumer {
  constructor(private readonly copies: HubCopiesRepository) {}

  @EventPattern([...STATE_EVENTS.community])
  community(@Payload() e: EventEnvelope<CommunityStateV1>, @Ctx() ctx: JetStreamContext) {
    return this.copies.keepCommunity(ctx.uow.manager, communityCopy(e));
  }

  @EventPattern([...STATE_EVENTS.activity])
  activity(@Payload() e: EventEnvelope<ActivityStateV1>, @Ctx() ctx: JetStreamContext) {
    return this.copies.keepActivity(ctx.uow.manager, activityCopy(e));
  }

  @EventPattern([...STATE_EVENTS.registration])
  registration(@Payload() e: EventEnvelope<RegistrationStateV1>, @Ctx() ctx: JetStreamContext) {
    return this.copies.keepRegistration(ctx.uow.manager, registrationCopy(e));
  }

  @EventPattern([...STATE_EVENTS.attendance])
  attendance(@Payload() e: EventEnvelope<SessionAttendanceStateV1>, @Ctx() ctx: JetStreamContext) {
    return this.copies.keepSheet(ctx.uow.manager, attendanceCopy(e));
  }

  @EventPattern([...STATE_EVENTS.programme])
  programme(@Payload() e: EventEnvelope<ProgrammeDefinedV1>, @Ctx() ctx: JetStreamContext) {
    return this.copies.keepProgramme(ctx.uow.manager, programmeCopy(e));
  }

  @EventPattern([...STATE_EVENTS.resource])
  resource(@Payload() e: EventEnvelope<ResourceStateV1>, @Ctx() ctx: JetStreamContext) {
    return this.copies.keepResource(ctx.uow.manager, resourceCopy(e));
  }
}
