import { Body, Controller, Get, Headers, Param, Patch, Post, Query, Res, UseGuards } from '@nestjs/common';
import { Access } from '@intercity/auth';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CreateProjectDto, ListProjectsQuery, ProjectPage, ProjectResponse, UpdateProjectDto } from './dto/project.dto';
import { ProjectService } from './project.service';
import { ApiIdempotencyKey, ApiIfMatch, ApiProblems, IdParam, created, withEtag } from '@intercity/platform';
import { HubHomedWrites } from '../federation/home-node';

@ApiTags('projects')
// Written at the hub; a city node holds copies and refuses writes with the hub's address.
@UseGuards(HubHomedWrites)
@Controller('projects')
export class ProjectController {
  constructor(private readonly projects: ProjectService) {}

  @Post()
  @Access.roles('network-admin')
  @ApiIdempotencyKey()
  @ApiCreatedResponse({ type: ProjectResponse })
  @ApiProblems(400, 409, 422)
  async create(@Body() { networkId, ...fields }: CreateProjectDto, @Res({ passthrough: true }) res: Response) {
    return created(res, await this.projects.create(networkId, fields));
  }

  @Get()
  @Access.authenticated()
  @ApiOkResponse({ type: ProjectPage })
  @ApiProblems(400)
  list(@Query() query: ListProjectsQuery) {
    return this.projects.list(query);
  }

  @Get(':id')
  @Access.authenticated()
  @ApiOkResponse({ type: ProjectResponse })
  @ApiProblems(400, 404)
  async get(@Param() { id }: IdParam, @Res({ passthrough: true }) res: Response) {
    return withEtag(res, await this.projects.get(id));
  }

  @Patch(':id')
  @Access.roles('network-admin')
  @ApiIfMatch()
  @ApiOkResponse({ type: ProjectResponse })
  @ApiProblems(400, 404, 409, 412)
  async update(
    @Param() { id }: IdParam,
    @Body() body: UpdateProjectDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ) {
    return withEtag(res, await this.projects.update(id, body, ifMatch));
  }
}
