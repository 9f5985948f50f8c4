import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { CityReportStateV1, EventEnvelope } from '@intercity/contracts';
import type { JetStreamContext } from '@intercity/messaging';
import { cityReportCopy, STATE_EVENTS } from '../hub-copies/domain/hub-copies';
import { ExpenditureReportService } from './expenditure-report.service';

/**
 * On the hub and on city nodes (GrantsModule registers it there): a city's reports, written on its
 * home node, kept beside this node's reviews. The hub reviews its copy; a city node shows the
 * network's reports. A standalone node writes every report itself.
 */
@Controller()
export class ReportCopiesConsumer {
  constructor(private readonly reports: ExpenditureReportService) {}

  @EventPattern([...STATE_EVENTS.cityReport])
  cityReport(@Payload() e: EventEnvelope<CityReportStateV1>, @Ctx() ctx: JetStreamContext) {
    return this.reports.keepCityReport(ctx.uow.manager, cityReportCopy(e));
  }
}
