import { Body, Controller, Get, Headers, Param, Patch, Post, Query, Res, UseGuards } from '@nestjs/common';
import { Access } from '@intercity/auth';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CreateNetworkDto, ListNetworksQuery, NetworkPage, NetworkResponse, UpdateNetworkDto } from './dto/network.dto';
import { NetworkService } from './network.service';
import { ApiIdempotencyKey, ApiIfMatch, ApiProblems, IdParam, created, withEtag } from '@intercity/platform';
import { HubHomedWrites } from '../federation/home-node';

@ApiTags('networks')
// Written at the hub; a city node holds copies and refuses writes with the hub's address.
@UseGuards(HubHomedWrites)
@Controller('networks')
export class NetworkController {
  constructor(private readonly networks: NetworkService) {}

  @Post()
  @Access.roles('network-admin')
  @ApiIdempotencyKey()
  @ApiCreatedResponse({ type: NetworkResponse })
  @ApiProblems(400, 409, 422)
  async create(@Body() body: CreateNetworkDto, @Res({ passthrough: true }) res: Response) {
    return created(res, await this.networks.create(body));
  }

  @Get()
  @Access.authenticated()
  @ApiOkResponse({ type: NetworkPage })
  @ApiProblems(400)
  list(@Query() query: ListNetworksQuery) {
    return this.networks.list(query);
  }

  @Get(':id')
  @Access.authenticated()
  @ApiOkResponse({ type: NetworkResponse })
  @ApiProblems(400, 404)
  async get(@Param() { id }: IdParam, @Res({ passthrough: true }) res: Response) {
    return withEtag(res, await this.networks.get(id));
  }

  @Patch(':id')
  @Access.roles('network-admin')
  @ApiIfMatch()
  @ApiOkResponse({ type: NetworkResponse })
  @ApiProblems(400, 404, 409, 412)
  async update(
    @Param() { id }: IdParam,
    @Body() body: UpdateNetworkDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ) {
    return withEtag(res, await this.networks.update(id, body, ifMatch));
  }
}
