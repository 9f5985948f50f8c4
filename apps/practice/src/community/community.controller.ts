import { Body, Controller, Get, Headers, HttpCode, Param, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Access } from '@intercity/auth';
import { CityParams } from '../shared/http/ids';
import { CommunityPage, CommunityResponse, CreateCommunityDto, JoinCommunityDto, ListCommunitiesQuery, UpdateCommunityDto } from './dto/community.dto';
import { CommunityService } from './community.service';
import { ApiIdempotencyKey, ApiIfMatch, ApiProblems, IdParam, created, withEtag } from '@intercity/platform';

@ApiTags('communities')
@Controller('communities')
export class CommunityController {
  constructor(private readonly communities: CommunityService) {}

  @Post()
  @Access.roles('network-admin')
  @ApiIdempotencyKey()
  @ApiCreatedResponse({ type: CommunityResponse })
  @ApiProblems(400, 403, 409, 422)
  async create(@Body() body: CreateCommunityDto, @Res({ passthrough: true }) res: Response) {
    return created(res, await this.communities.create(body));
  }

  @Get()
  @Access.authenticated()
  @ApiOkResponse({ type: CommunityPage })
  @ApiProblems(400)
  list(@Query() query: ListCommunitiesQuery) {
    return this.communities.list(query);
  }

  @Get(':id')
  @Access.authenticated()
  @ApiOkResponse({ type: CommunityResponse })
  @ApiProblems(400, 404)
  async get(@Param() { id }: IdParam, @Res({ passthrough: true }) res: Response) {
    return withEtag(res, await this.communities.get(id));
  }

  @Patch(':id')
  @Access.roles('network-admin')
  @ApiIfMatch()
  @ApiOkResponse({ type: CommunityResponse })
  @ApiProblems(400, 403, 404, 409, 412, 422)
  async update(@Param() { id }: IdParam, @Body() body: UpdateCommunityDto, @Headers('if-match') ifMatch: string | undefined, @Res({ passthrough: true }) res: Response) {
    return withEtag(res, await this.communities.update(id, body, ifMatch));
  }

  @Post(':id/cities')
  @Access.roles('network-admin')
  @HttpCode(200)
  @ApiIdempotencyKey()
  @ApiOkResponse({ type: CommunityResponse, description: 'The city has joined' })
  @ApiProblems(400, 403, 404, 409, 422)
  async join(@Param() { id }: IdParam, @Body() { memberId }: JoinCommunityDto, @Res({ passthrough: true }) res: Response) {
    return withEtag(res, await this.communities.join(id, memberId));
  }

  @Post(':id/cities/:memberId/leave')
  @Access.roles('network-admin', 'city-liaison')
  @HttpCode(200)
  @ApiIdempotencyKey()
  @ApiOkResponse({ type: CommunityResponse, description: "The city has left; its people's registrations for the community's activities are cancelled" })
  @ApiProblems(400, 403, 404, 409)
  async leave(@Param() { id, memberId }: CityParams, @Res({ passthrough: true }) res: Response) {
    return withEtag(res, await this.communities.leave(id, memberId));
  }
}
