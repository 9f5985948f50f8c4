import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { BlackoutV1, EventEnvelope, PairingStateV1 } from '@intercity/contracts';
import type { JetStreamContext } from '@intercity/messaging';
import { blackoutCopy, pairingCopy, STATE_EVENTS } from './domain/hub-copies';
import { HubCopiesRepository } from './hub-copies.repository';

/**
 * On a city node only (ExchangesModule registers it there): exchanges' own events, as the hub
 * wrote them, from the node's network stream, kept as copies beside the inbox row. The hub and a
 * standalone node don't read their own stream: they hold the originals.
 */
@Controller()
export class HubCopiesConsumer {
  constructor(private readonly copies: HubCopiesRepository) {}

  @EventPattern([...STATE_EVENTS.pairing])
  pairing(@Payload() e: EventEnvelope<PairingStateV1>, @Ctx() ctx: JetStreamContext) {
    return this.copies.keepPairing(ctx.uow.manager, pairingCopy(e));
  }

  @EventPattern([...STATE_EVENTS.blackout])
  blackout(@Payload() e: EventEnvelope<BlackoutV1>, @Ctx() ctx: JetStreamContext) {
    return this.copies.keepBlackout(ctx.uow.manager, blackoutCopy(e));
  }
}
