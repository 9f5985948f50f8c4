import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import {
  ActivityCancelled,
  ActivityClosed,
  ActivityFilled,
  ActivityHeld,
  ActivityOpened,
  ActivityQuotasChanged,
  ActivityRescheduled,
  ActivityScheduled,
  ActivityStateV1,
  ActivityUpdated,
  CityJoinedCommunity,
  CityLeftCommunity,
  CityLeftCommunityV1,
  CommunityCreated,
  CommunityStateV1,
  CommunityUpdated,
  EventEnvelope,
  RegistrationCancelled,
  RegistrationConfirmed,
  RegistrationOffered,
  RegistrationOfferExpired,
  RegistrationStateV1,
  RegistrationWaitlisted,
} from '@intercity/contracts';
import { applyIfNewer, type JetStreamContext } from '@intercity/messaging';
import { PairingService } from '../pairing/pairing.service';

const ACTIVITY_EVENTS = [ActivityScheduled, ActivityUpdated, ActivityRescheduled, ActivityOpened, ActivityFilled, ActivityClosed, ActivityHeld, ActivityCancelled, ActivityQuotasChanged].map((d) => d.type);
const REGISTRATION_EVENTS = [RegistrationConfirmed, RegistrationWaitlisted, RegistrationOffered, RegistrationOfferExpired, RegistrationCancelled].map((d) => d.type);

/**
 * Practice's communities (who may be paired) and the activities people are confirmed for (their
 * other commitments), kept as copies, newest version wins, so exchanges works while practice is down.
 */
@Controller()
export class PracticeCopiesConsumer {
  constructor(private readonly pairings: PairingService) {}

  @EventPattern(CommunityCreated.type)
  communityCreated(@Payload() e: EventEnvelope<CommunityStateV1>, @Ctx() ctx: JetStreamContext) {
    return this.copyCommunity(e, ctx);
  }

  @EventPattern(CommunityUpdated.type)
  communityUpdated(@Payload() e: EventEnvelope<CommunityStateV1>, @Ctx() ctx: JetStreamContext) {
    return this.copyCommunity(e, ctx);
  }

  @EventPattern(CityJoinedCommunity.type)
  cityJoined(@Payload() e: EventEnvelope<CommunityStateV1>, @Ctx() ctx: JetStreamContext) {
    return this.copyCommunity(e, ctx);
  }

  /** A city that left the community can no longer exchange staff in it. */
  @EventPattern(CityLeftCommunity.type)
  async cityLeft(@Payload() e: EventEnvelope<CityLeftCommunityV1>, @Ctx() ctx: JetStreamContext) {
    await this.copyCommunity(e, ctx);
    await this.pairings.cancelForCity(ctx.uow, e.data.cityId, `the city left community ${e.data.name}`, e.data.communityId);
  }

  @EventPattern(ACTIVITY_EVENTS)
  async activityChanged(@Payload() { aggregate, data }: EventEnvelope<ActivityStateV1>, @Ctx() ctx: JetStreamContext) {
    await applyIfNewer(ctx.uow.manager, {
      table: 'activities',
      id: aggregate.id,
      version: aggregate.version,
      values: { network_id: data.networkId, title: data.title, host_member_id: data.hostMemberId, online: !data.place && !!data.onlineUrl, status: data.status, days: data.days },
    });
  }

  @EventPattern(REGISTRATION_EVENTS)
  async registrationChanged(@Payload() { aggregate, data }: EventEnvelope<RegistrationStateV1>, @Ctx() ctx: JetStreamContext) {
    await applyIfNewer(ctx.uow.manager, {
      table: 'activity_registrations',
      id: aggregate.id,
      version: aggregate.version,
      values: { activity_id: data.activityId, person_id: data.personId, status: data.status },
    });
  }

  private async copyCommunity({ aggregate, data }: EventEnvelope<CommunityStateV1>, ctx: JetStreamContext) {
    await applyIfNewer(ctx.uow.manager, {
      table: 'communities',
      id: aggregate.id,
      version: aggregate.version,
      values: { network_id: data.networkId, project_id: data.projectId, name: data.name, lead_member_id: data.leadMemberId ?? null, member_ids: data.memberIds },
    });
  }
}
