import { Body, Controller, Get, Param, Post, Query, Res, UseGuards } from '@nestjs/common';
import { Access } from '@intercity/auth';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { ListNodesQuery, NodeIdParam, NodePage, NodeResponse, RegisterNodeDto } from './dto/node.dto';
import { NodeService } from './node.service';
import { ApiIdempotencyKey, ApiProblems, created, withEtag } from '@intercity/platform';
import { HubHomedWrites } from '../federation/home-node';

@ApiTags('nodes')
// Written at the hub; a city node holds copies and refuses writes with the hub's address.
@UseGuards(HubHomedWrites)
@Controller('nodes')
export class NodeController {
  constructor(private readonly nodes: NodeService) {}

  @Post()
  @Access.roles('network-admin')
  @ApiIdempotencyKey()
  @ApiCreatedResponse({ type: NodeResponse })
  @ApiProblems(400, 409, 422)
  async register(@Body() body: RegisterNodeDto, @Res({ passthrough: true }) res: Response) {
    return created(res, await this.nodes.register(body));
  }

  @Get()
  @Access.authenticated()
  @ApiOkResponse({ type: NodePage })
  @ApiProblems(400)
  list(@Query() query: ListNodesQuery) {
    return this.nodes.list(query);
  }

  @Get(':id')
  @Access.authenticated()
  @ApiOkResponse({ type: NodeResponse })
  @ApiProblems(404)
  async get(@Param() { id }: NodeIdParam, @Res({ passthrough: true }) res: Response) {
    return withEtag(res, await this.nodes.get(id));
  }
}
