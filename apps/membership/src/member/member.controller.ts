import { Body, Controller, Get, Headers, HttpCode, Param, Patch, Post, Query, Res, UseGuards } from '@nestjs/common';
import { Access } from '@intercity/auth';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { JoinMemberDto, LeaveNetworkDto, ListMembersQuery, MemberPage, MemberResponse, UpdateMemberDto } from './dto/member.dto';
import { MemberService } from './member.service';
import { ApiIdempotencyKey, ApiIfMatch, ApiProblems, IdParam, created, withEtag } from '@intercity/platform';
import { HubHomedWrites } from '../federation/home-node';

@ApiTags('members')
// Written at the hub; a city node holds copies and refuses writes with the hub's address.
@UseGuards(HubHomedWrites)
@Controller('members')
export class MemberController {
  constructor(private readonly members: MemberService) {}

  @Post()
  @Access.roles('network-admin')
  @ApiIdempotencyKey()
  @ApiCreatedResponse({ type: MemberResponse })
  @ApiProblems(400, 409, 422)
  async join(@Body() { networkId, ...fields }: JoinMemberDto, @Res({ passthrough: true }) res: Response) {
    return created(res, await this.members.join(networkId, fields));
  }

  @Get()
  @Access.authenticated()
  @ApiOkResponse({ type: MemberPage })
  @ApiProblems(400)
  list(@Query() query: ListMembersQuery) {
    return this.members.list(query);
  }

  @Get(':id')
  @Access.authenticated()
  @ApiOkResponse({ type: MemberResponse })
  @ApiProblems(400, 404)
  async get(@Param() { id }: IdParam, @Res({ passthrough: true }) res: Response) {
    return withEtag(res, await this.members.get(id));
  }

  @Patch(':id')
  @Access.roles('network-admin', 'city-liaison')
  @ApiIfMatch()
  @ApiOkResponse({ type: MemberResponse })
  @ApiProblems(400, 404, 409, 412, 422)
  async update(
    @Param() { id }: IdParam,
    @Body() body: UpdateMemberDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ) {
    return withEtag(res, await this.members.update(id, body, ifMatch));
  }

  @Post(':id/leave')
  @Access.roles('network-admin')
  @HttpCode(200)
  @ApiIdempotencyKey()
  @ApiIfMatch()
  @ApiOkResponse({ type: MemberResponse, description: "The member has left; its running participations have ended" })
  @ApiProblems(400, 404, 409, 412)
  async leave(
    @Param() { id }: IdParam,
    @Body() { leftOn, reason }: LeaveNetworkDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ) {
    return withEtag(res, await this.members.leave(id, leftOn, reason, ifMatch));
  }
}
