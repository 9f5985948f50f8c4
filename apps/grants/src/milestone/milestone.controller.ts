import { Body, Controller, Get, HttpCode, Param, Post, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Access } from '@intercity/auth';
import { ApiProblems, IdParam, withEtag } from '@intercity/platform';
import { ReasonDto } from '../sub-grant/dto/sub-grant.dto';
import { EvidenceDto, ForecastDto, PlanMilestoneDto, ReachedDto, RescheduleDto } from './dto/milestone.dto';
import { MilestoneService } from './milestone.service';

@ApiTags('milestones')
@Controller()
export class MilestoneController {
  constructor(private readonly milestones: MilestoneService) {}

  @Post('sub-grants/:id/milestones')
  @Access.roles('network-admin', 'grant-officer')
  @ApiCreatedResponse()
  @ApiProblems(400, 403, 404, 409, 422)
  async plan(@Param() { id }: IdParam, @Body() body: PlanMilestoneDto, @Res({ passthrough: true }) res: Response) {
    const m = await this.milestones.plan(id, body);
    res.status(201).location(`/api/grants/milestones/${m.id}`);
    return withEtag(res, m);
  }

  @Get('sub-grants/:id/milestones')
  @Access.authenticated()
  @ApiOkResponse()
  @ApiProblems(400, 404)
  ofSubGrant(@Param() { id }: IdParam) {
    return this.milestones.ofSubGrant(id);
  }

  @Post('milestones/:id/evidence')
  @Access.roles('network-admin', 'grant-officer', 'city-liaison')
  @HttpCode(200)
  @ApiOkResponse()
  @ApiProblems(400, 403, 404, 409)
  async evidence(@Param() { id }: IdParam, @Body() body: EvidenceDto, @Res({ passthrough: true }) res: Response) {
    return withEtag(res, await this.milestones.evidence(id, body));
  }

  @Post('milestones/:id/forecast')
  @Access.roles('network-admin', 'grant-officer', 'city-liaison')
  @HttpCode(200)
  @ApiOkResponse()
  @ApiProblems(400, 403, 404, 409)
  async forecast(@Param() { id }: IdParam, @Body() { forecastOn }: ForecastDto, @Res({ passthrough: true }) res: Response) {
    return withEtag(res, await this.milestones.forecast(id, forecastOn ?? null));
  }

  @Post('milestones/:id/reached')
  @Access.roles('network-admin', 'grant-officer')
  @HttpCode(200)
  @ApiOkResponse()
  @ApiProblems(400, 403, 404, 409)
  async reached(@Param() { id }: IdParam, @Body() { reachedOn }: ReachedDto, @Res({ passthrough: true }) res: Response) {
    return withEtag(res, await this.milestones.reached(id, reachedOn));
  }

  @Post('milestones/:id/reschedule')
  @Access.roles('network-admin', 'grant-officer')
  @HttpCode(200)
  @ApiOkResponse()
  @ApiProblems(400, 403, 404, 409, 422)
  async reschedule(@Param() { id }: IdParam, @Body() body: RescheduleDto, @Res({ passthrough: true }) res: Response) {
    return withEtag(res, await this.milestones.reschedule(id, body.dueOn, body.reason));
  }

  @Post('milestones/:id/cancel')
  @Access.roles('network-admin', 'grant-officer')
  @HttpCode(200)
  @ApiOkResponse()
  @ApiProblems(400, 403, 404, 409)
  async cancel(@Param() { id }: IdParam, @Body() { reason }: ReasonDto, @Res({ passthrough: true }) res: Response) {
    return withEtag(res, await this.milestones.cancel(id, reason));
  }
}
