import { Body, Controller, Get, Headers, HttpCode, Param, Patch, Post, Put, Query, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Access } from '@intercity/auth';
import {
  ActivityPage,
  ActivityResponse,
  CancelActivityDto,
  CityQuotasDto,
  ListActivitiesQuery,
  RescheduleActivityDto,
  ScheduleActivityDto,
  UpdateActivityDto,
} from './dto/activity.dto';
import { ActivityService } from './activity.service';
import { ApiIdempotencyKey, ApiIfMatch, ApiProblems, IdParam, created, withEtag } from '@intercity/platform';

/** Network admins, or the liaison of the host city (checked against the activity's host). */
const ORGANISERS = ['network-admin', 'city-liaison'] as const;

@ApiTags('activities')
@Controller('activities')
export class ActivityController {
  constructor(private readonly activities: ActivityService) {}

  @Post()
  @Access.roles(...ORGANISERS)
  @ApiIdempotencyKey()
  @ApiCreatedResponse({ type: ActivityResponse, description: 'Scheduled as a draft' })
  @ApiProblems(400, 403, 409, 422)
  async schedule(@Body() body: ScheduleActivityDto, @Res({ passthrough: true }) res: Response) {
    return created(res, await this.activities.schedule(body));
  }

  @Get()
  @Access.authenticated()
  @ApiOkResponse({ type: ActivityPage })
  @ApiProblems(400)
  list(@Query() query: ListActivitiesQuery) {
    return this.activities.list(query);
  }

  @Get(':id')
  @Access.authenticated()
  @ApiOkResponse({ type: ActivityResponse })
  @ApiProblems(400, 404)
  async get(@Param() { id }: IdParam, @Res({ passthrough: true }) res: Response) {
    return withEtag(res, await this.activities.get(id));
  }

  @Patch(':id')
  @Access.roles(...ORGANISERS)
  @ApiIfMatch()
  @ApiOkResponse({ type: ActivityResponse })
  @ApiProblems(400, 403, 404, 409, 412, 422)
  async update(@Param() { id }: IdParam, @Body() body: UpdateActivityDto, @Headers('if-match') ifMatch: string | undefined, @Res({ passthrough: true }) res: Response) {
    return withEtag(res, await this.activities.update(id, body, ifMatch));
  }

  /** The whole set of per-city quotas: a city left out has none any more, `[]` removes them all. */
  @Put(':id/quotas')
  @Access.roles(...ORGANISERS)
  @ApiIfMatch()
  @ApiOkResponse({ type: ActivityResponse })
  @ApiProblems(400, 403, 404, 409, 412, 422)
  async setQuotas(@Param() { id }: IdParam, @Body() { cityQuotas }: CityQuotasDto, @Headers('if-match') ifMatch: string | undefined, @Res({ passthrough: true }) res: Response) {
    return withEtag(res, await this.activities.setQuotas(id, cityQuotas, ifMatch));
  }

  @Post(':id/reschedule')
  @Access.roles(...ORGANISERS)
  @HttpCode(200)
  @ApiIdempotencyKey()
  @ApiIfMatch()
  @ApiOkResponse({ type: ActivityResponse })
  @ApiProblems(400, 403, 404, 409, 412)
  async reschedule(
    @Param() { id }: IdParam,
    @Body() { sessions, registrationWindow }: RescheduleActivityDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ) {
    return withEtag(res, await this.activities.reschedule(id, sessions, registrationWindow, ifMatch));
  }

  @Post(':id/open')
  @Access.roles(...ORGANISERS)
  @HttpCode(200)
  @ApiIfMatch()
  @ApiOkResponse({ type: ActivityResponse, description: 'Registration is open' })
  @ApiProblems(400, 403, 404, 409, 412)
  async open(@Param() { id }: IdParam, @Headers('if-match') ifMatch: string | undefined, @Res({ passthrough: true }) res: Response) {
    return withEtag(res, await this.activities.open(id, ifMatch));
  }

  @Post(':id/close')
  @Access.roles(...ORGANISERS)
  @HttpCode(200)
  @ApiIfMatch()
  @ApiOkResponse({ type: ActivityResponse, description: 'Registration is closed' })
  @ApiProblems(400, 403, 404, 409, 412)
  async close(@Param() { id }: IdParam, @Headers('if-match') ifMatch: string | undefined, @Res({ passthrough: true }) res: Response) {
    return withEtag(res, await this.activities.close(id, ifMatch));
  }

  @Post(':id/cancel')
  @Access.roles(...ORGANISERS)
  @HttpCode(200)
  @ApiIdempotencyKey()
  @ApiIfMatch()
  @ApiOkResponse({ type: ActivityResponse })
  @ApiProblems(400, 403, 404, 409, 412)
  async cancel(@Param() { id }: IdParam, @Body() { reason }: CancelActivityDto, @Headers('if-match') ifMatch: string | undefined, @Res({ passthrough: true }) res: Response) {
    return withEtag(res, await this.activities.cancel(id, reason, ifMatch));
  }

  @Post(':id/held')
  @Access.roles(...ORGANISERS)
  @HttpCode(200)
  @ApiIfMatch()
  @ApiOkResponse({ type: ActivityResponse, description: 'Marked as held once its last session has ended' })
  @ApiProblems(400, 403, 404, 409, 412)
  async held(@Param() { id }: IdParam, @Headers('if-match') ifMatch: string | undefined, @Res({ passthrough: true }) res: Response) {
    return withEtag(res, await this.activities.markHeld(id, ifMatch));
  }
}
