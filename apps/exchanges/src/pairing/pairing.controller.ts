import { Body, Controller, Get, Headers, HttpCode, Param, Post, Put, Query, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Access } from '@intercity/auth';
import { ApiIdempotencyKey, ApiIfMatch, ApiProblems, IdParam, created, withEtag } from '@intercity/platform';
import { CancelDto, CityParams, ListPairingsQuery, PairingPage, PairingResponse, ProgrammeDto, ProposePairingDto, ReportDto, ScheduleDto, VisitorsDto, VisitParams } from './dto/pairing.dto';
import { PairingService } from './pairing.service';

@ApiTags('pairings')
@Controller('pairings')
export class PairingController {
  constructor(private readonly pairings: PairingService) {}

  @Post()
  @Access.roles('network-admin', 'city-liaison')
  @ApiIdempotencyKey()
  @ApiCreatedResponse({ type: PairingResponse, description: 'Proposed, with its two visits; both cities accept next' })
  @ApiProblems(400, 403, 409, 422)
  async propose(@Body() body: ProposePairingDto, @Res({ passthrough: true }) res: Response) {
    return created(res, await this.pairings.propose(body));
  }

  @Get()
  @Access.authenticated()
  @ApiOkResponse({ type: PairingPage })
  @ApiProblems(400)
  list(@Query() query: ListPairingsQuery) {
    return this.pairings.list(query);
  }

  @Get(':id')
  @Access.authenticated()
  @ApiOkResponse({ type: PairingResponse })
  @ApiProblems(400, 404)
  async get(@Param() { id }: IdParam, @Res({ passthrough: true }) res: Response) {
    return withEtag(res, await this.pairings.get(id));
  }

  @Post(':id/cities/:memberId/accept')
  @Access.roles('network-admin', 'city-liaison')
  @HttpCode(200)
  @ApiOkResponse({ type: PairingResponse, description: 'Accepted for the city; agreed once both have' })
  @ApiProblems(400, 403, 404, 409, 422)
  async accept(@Param() { id, memberId }: CityParams, @Res({ passthrough: true }) res: Response) {
    return withEtag(res, await this.pairings.accept(id, memberId));
  }

  @Put(':id/schedule')
  @Access.roles('network-admin', 'city-liaison')
  @ApiIfMatch()
  @ApiOkResponse({ type: PairingResponse, description: "Both visits dated on their hosts' working days" })
  @ApiProblems(400, 403, 404, 409, 412, 422)
  async schedule(@Param() { id }: IdParam, @Body() body: ScheduleDto, @Headers('if-match') ifMatch: string | undefined, @Res({ passthrough: true }) res: Response) {
    return withEtag(res, await this.pairings.schedule(id, body, ifMatch));
  }

  @Put(':id/visits/:n/visitors')
  @Access.roles('network-admin', 'city-liaison')
  @ApiOkResponse({ type: PairingResponse })
  @ApiProblems(400, 403, 404, 409, 422)
  async visitors(@Param() { id, n }: VisitParams, @Body() { personIds }: VisitorsDto, @Res({ passthrough: true }) res: Response) {
    return withEtag(res, await this.pairings.setVisitors(id, n, personIds));
  }

  @Put(':id/visits/:n/programme')
  @Access.roles('network-admin', 'city-liaison')
  @ApiOkResponse({ type: PairingResponse })
  @ApiProblems(400, 403, 404, 409, 422)
  async programme(@Param() { id, n }: VisitParams, @Body() { items }: ProgrammeDto, @Res({ passthrough: true }) res: Response) {
    return withEtag(res, await this.pairings.setProgramme(id, n, items.map((i) => ({ ...i, hostContactId: i.hostContactId ?? null }))));
  }

  @Post(':id/visits/:n/done')
  @Access.roles('network-admin', 'city-liaison')
  @HttpCode(200)
  @ApiOkResponse({ type: PairingResponse })
  @ApiProblems(400, 403, 404, 409)
  async done(@Param() { id, n }: VisitParams, @Res({ passthrough: true }) res: Response) {
    return withEtag(res, await this.pairings.markDone(id, n));
  }

  @Post(':id/visits/:n/report')
  @Access.roles('network-admin', 'city-liaison')
  @HttpCode(200)
  @ApiIdempotencyKey()
  @ApiOkResponse({ type: PairingResponse })
  @ApiProblems(400, 403, 404, 409)
  async report(@Param() { id, n }: VisitParams, @Body() body: ReportDto, @Res({ passthrough: true }) res: Response) {
    return withEtag(res, await this.pairings.submitReport(id, n, { learnt: body.learnt, adaptations: body.adaptations, attachments: body.attachments ?? [] }));
  }

  @Post(':id/close')
  @Access.roles('network-admin')
  @HttpCode(200)
  @ApiOkResponse({ type: PairingResponse })
  @ApiProblems(400, 403, 404, 409)
  async close(@Param() { id }: IdParam, @Res({ passthrough: true }) res: Response) {
    return withEtag(res, await this.pairings.close(id));
  }

  @Post(':id/cancel')
  @Access.roles('network-admin', 'city-liaison')
  @HttpCode(200)
  @ApiOkResponse({ type: PairingResponse })
  @ApiProblems(400, 403, 404, 409)
  async cancel(@Param() { id }: IdParam, @Body() { reason }: CancelDto, @Res({ passthrough: true }) res: Response) {
    return withEtag(res, await this.pairings.cancel(id, reason));
  }
}
