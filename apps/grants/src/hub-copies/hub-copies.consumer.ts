import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { EventEnvelope, ExpenditureReportStateV1, GrantProgrammeStateV1, MilestoneStateV1, ReportReviewV1, SubGrantStateV1 } from '@intercity/contracts';
import type { JetStreamContext } from '@intercity/messaging';
import { legacyReviewId } from '../expenditure/expenditure-report.repository';
import { legacyReportCopy, milestoneCopy, programmeCopy, reviewCopy, STATE_EVENTS, subGrantCopy } from './domain/hub-copies';
import { HubCopiesRepository } from './hub-copies.repository';

/**
 * On a city node only (GrantsModule registers it there): grants' own events, as the hub wrote
 * them, from the node's network stream, kept as copies beside the inbox row. The hub and a
 * standalone node don't read their own stream: they hold the originals.
 */
@Controller()
export class HubCopiesConsumer {
  constructor(private readonly copies: HubCopiesRepository) {}

  @EventPattern([...STATE_EVENTS.programme])
  programme(@Payload() e: EventEnvelope<GrantProgrammeStateV1>, @Ctx() ctx: JetStreamContext) {
    return this.copies.keepProgramme(ctx.uow.manager, programmeCopy(e));
  }

  @EventPattern([...STATE_EVENTS.subGrant])
  subGrant(@Payload() e: EventEnvelope<SubGrantStateV1>, @Ctx() ctx: JetStreamContext) {
    return this.copies.keepSubGrant(ctx.uow.manager, subGrantCopy(e));
  }

  /** The officer's reviews; a city's reports come in through ReportCopiesConsumer. */
  @EventPattern([...STATE_EVENTS.review])
  review(@Payload() e: EventEnvelope<ReportReviewV1>, @Ctx() ctx: JetStreamContext) {
    return this.copies.reports.putReview(ctx.uow.manager, reviewCopy(e).state);
  }

  /** Reports as one aggregate, from before the split: kept as the city's report and its reviews. */
  @EventPattern([...STATE_EVENTS.legacyReport])
  async legacyReport(@Payload() e: EventEnvelope<ExpenditureReportStateV1>, @Ctx() ctx: JetStreamContext) {
    const { networkId, state } = legacyReportCopy(e, legacyReviewId);
    for (const r of state.reviews) await this.copies.reports.putReview(ctx.uow.manager, r);
    await this.copies.reports.putReport(ctx.uow.manager, networkId, state.report);
  }

  @EventPattern([...STATE_EVENTS.milestone])
  milestone(@Payload() e: EventEnvelope<MilestoneStateV1>, @Ctx() ctx: JetStreamContext) {
    return this.copies.keepMilestone(ctx.uow.manager, milestoneCopy(e));
  }
}
