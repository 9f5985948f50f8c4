import { Body, Controller, Get, Headers, HttpCode, Param, Patch, Post, Query, Res, UseGuards } from '@nestjs/common';
import { Access } from '@intercity/auth';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import {
  AssignParticipationDto,
  EndParticipationDto,
  ListParticipationsQuery,
  ParticipationPage,
  ParticipationResponse,
  UpdateParticipationDto,
} from './dto/participation.dto';
import { ParticipationService } from './participation.service';
import { ApiIdempotencyKey, ApiIfMatch, ApiProblems, IdParam, created, withEtag } from '@intercity/platform';
import { HubHomedWrites } from '../federation/home-node';

@ApiTags('participations')
// Written at the hub; a city node holds copies and refuses writes with the hub's address.
@UseGuards(HubHomedWrites)
@Controller('participations')
export class ParticipationController {
  constructor(private readonly participations: ParticipationService) {}

  @Post()
  @Access.roles('network-admin')
  @ApiIdempotencyKey()
  @ApiCreatedResponse({ type: ParticipationResponse })
  @ApiProblems(400, 409, 422)
  async assign(@Body() { projectId, memberId, ...fields }: AssignParticipationDto, @Res({ passthrough: true }) res: Response) {
    return created(res, await this.participations.assign(projectId, memberId, fields));
  }

  @Get()
  @Access.authenticated()
  @ApiOkResponse({ type: ParticipationPage })
  @ApiProblems(400)
  list(@Query() query: ListParticipationsQuery) {
    return this.participations.list(query);
  }

  @Get(':id')
  @Access.authenticated()
  @ApiOkResponse({ type: ParticipationResponse })
  @ApiProblems(400, 404)
  async get(@Param() { id }: IdParam, @Res({ passthrough: true }) res: Response) {
    return withEtag(res, await this.participations.get(id));
  }

  @Patch(':id')
  @Access.roles('network-admin')
  @ApiIfMatch()
  @ApiOkResponse({ type: ParticipationResponse })
  @ApiProblems(400, 404, 409, 412, 422)
  async update(
    @Param() { id }: IdParam,
    @Body() body: UpdateParticipationDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ) {
    return withEtag(res, await this.participations.update(id, body, ifMatch));
  }

  @Post(':id/end')
  @Access.roles('network-admin')
  @HttpCode(200)
  @ApiIdempotencyKey()
  @ApiIfMatch()
  @ApiOkResponse({ type: ParticipationResponse })
  @ApiProblems(400, 404, 409, 412, 422)
  async end(
    @Param() { id }: IdParam,
    @Body() { endedOn }: EndParticipationDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ) {
    return withEtag(res, await this.participations.end(id, endedOn, ifMatch));
  }
}
