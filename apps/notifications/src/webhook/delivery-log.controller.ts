import { Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Access } from '@intercity/auth';
import { ApiProblems, IdParam } from '@intercity/platform';
import { DeliveryLogService } from './delivery-log.service';

@ApiTags('deliveries')
@Controller('deliveries')
export class DeliveryLogController {
  constructor(private readonly log: DeliveryLogService) {}

  @Get(':id')
  @Access.roles('network-admin', 'city-liaison')
  @ApiOkResponse({ description: 'The delivery (channel, status, attempts, last error) and every attempt with its outcome' })
  @ApiProblems(400, 403, 404)
  get(@Param() { id }: IdParam) {
    return this.log.get(id);
  }

  @Post(':id/resend')
  @Access.roles('network-admin')
  @HttpCode(202)
  @ApiAcceptedResponse({ description: 'Queued again; the delivery log shows how it goes' })
  @ApiProblems(400, 403, 404, 409)
  resend(@Param() { id }: IdParam) {
    return this.log.resend(id);
  }
}
