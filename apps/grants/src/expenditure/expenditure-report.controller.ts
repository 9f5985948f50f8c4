import { Body, Controller, Get, HttpCode, Param, Post, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Access } from '@intercity/auth';
import { CurrencyCode } from '@intercity/domain';
import { ApiIdempotencyKey, ApiProblems, IdParam, withEtag } from '@intercity/platform';
import { toMoney } from '../shared/money-dto';
import { ApproveReportDto, ExpenditureLineDto, ReasonsDto, ResubmitReportDto, SubmitReportDto } from './dto/expenditure-report.dto';
import { ExpenditureReportService } from './expenditure-report.service';
import { CityHomedRoute } from './report-homes';

const lines = (dtos: ExpenditureLineDto[]) =>
  dtos.map((l, i) => ({
    category: l.category,
    spent: toMoney(l.spent, `lines.${i}.spent`),
    ...(l.rate && { rate: { ...l.rate, from: l.rate.from as CurrencyCode, to: l.rate.to as CurrencyCode } }),
  }));

@ApiTags('expenditure reports')
@Controller()
export class ExpenditureReportController {
  constructor(private readonly reports: ExpenditureReportService) {}

  @Post('sub-grants/:id/reports')
  @CityHomedRoute()
  @Access.roles('network-admin', 'grant-officer', 'city-liaison')
  @ApiIdempotencyKey()
  @ApiCreatedResponse({ description: "Submitted by the city's liaison for a deadline of the reporting calendar, on the city's home node (409 node.home elsewhere)" })
  @ApiProblems(400, 403, 404, 409, 422)
  async submit(@Param() { id }: IdParam, @Body() body: SubmitReportDto, @Res({ passthrough: true }) res: Response) {
    const report = await this.reports.submit(id, { deadlineKey: body.deadlineKey, lines: lines(body.lines) });
    res.status(201).location(`/api/grants/reports/${report.id}`);
    return withEtag(res, report);
  }

  @Get('sub-grants/:id/reports')
  @Access.authenticated()
  @ApiOkResponse()
  @ApiProblems(400, 404)
  ofSubGrant(@Param() { id }: IdParam) {
    return this.reports.ofSubGrant(id);
  }

  @Get('reports/:id')
  @Access.authenticated()
  @ApiOkResponse()
  @ApiProblems(400, 404)
  async get(@Param() { id }: IdParam, @Res({ passthrough: true }) res: Response) {
    return withEtag(res, await this.reports.get(id));
  }

  @Post('reports/:id/resubmit')
  @CityHomedRoute()
  @Access.roles('network-admin', 'grant-officer', 'city-liaison')
  @HttpCode(200)
  @ApiOkResponse()
  @ApiProblems(400, 403, 404, 409, 422)
  async resubmit(@Param() { id }: IdParam, @Body() body: ResubmitReportDto, @Res({ passthrough: true }) res: Response) {
    return withEtag(res, await this.reports.resubmit(id, lines(body.lines)));
  }

  @Post('reports/:id/approve')
  @Access.roles('network-admin', 'grant-officer')
  @HttpCode(200)
  @ApiOkResponse()
  @ApiProblems(400, 403, 404, 409, 422)
  async approve(@Param() { id }: IdParam, @Body() body: ApproveReportDto, @Res({ passthrough: true }) res: Response) {
    return withEtag(res, await this.reports.approve(id, { accepted: body.accepted?.map((m, i) => toMoney(m, `accepted.${i}`)), reasons: body.reasons }));
  }

  @Post('reports/:id/reject')
  @Access.roles('network-admin', 'grant-officer')
  @HttpCode(200)
  @ApiOkResponse()
  @ApiProblems(400, 403, 404, 409)
  async reject(@Param() { id }: IdParam, @Body() { reasons }: ReasonsDto, @Res({ passthrough: true }) res: Response) {
    return withEtag(res, await this.reports.reject(id, reasons));
  }

  @Post('reports/:id/return')
  @Access.roles('network-admin', 'grant-officer')
  @HttpCode(200)
  @ApiOkResponse({ description: 'Returned to the city for changes' })
  @ApiProblems(400, 403, 404, 409)
  async returnForChanges(@Param() { id }: IdParam, @Body() { reasons }: ReasonsDto, @Res({ passthrough: true }) res: Response) {
    return withEtag(res, await this.reports.returnForChanges(id, reasons));
  }
}
