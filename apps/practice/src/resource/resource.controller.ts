import { Body, Controller, Get, Headers, HttpCode, Param, Post, Put, Query, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Access } from '@intercity/auth';
import { ApiIdempotencyKey, ApiIfMatch, ApiProblems, IdParam, created, withEtag } from '@intercity/platform';
import {
  ListResourcesQuery,
  OutdatedTranslationsResponse,
  PublishResourceDto,
  ReadResourceQuery,
  ResourceContentDto,
  ResourcePage,
  ResourceResponse,
  TranslateResourceDto,
  TranslationParams,
} from './dto/resource.dto';
import { ResourceService } from './resource.service';

/** Network admins edit a community's resources (the service checks the resource's network). */
const EDITORS = ['network-admin'] as const;

@ApiTags('resources')
@Controller('resources')
export class ResourceController {
  constructor(private readonly resources: ResourceService) {}

  @Post()
  @Access.roles(...EDITORS)
  @ApiIdempotencyKey()
  @ApiCreatedResponse({ type: ResourceResponse, description: 'Published in its original language, edition 1' })
  @ApiProblems(400, 403, 422)
  async publish(@Body() body: PublishResourceDto, @Res({ passthrough: true }) res: Response) {
    return created(res, await this.resources.publish(body));
  }

  @Get()
  @Access.authenticated()
  @ApiOkResponse({ type: ResourcePage })
  @ApiProblems(400)
  list(@Query() query: ListResourcesQuery) {
    return this.resources.list(query);
  }

  @Get(':id')
  @Access.authenticated()
  @ApiOkResponse({ type: ResourceResponse })
  @ApiProblems(400, 404)
  async get(@Param() { id }: IdParam, @Query() { lang }: ReadResourceQuery, @Res({ passthrough: true }) res: Response) {
    return withEtag(res, await this.resources.get(id, lang));
  }

  @Get(':id/outdated-translations')
  @Access.authenticated()
  @ApiOkResponse({ type: OutdatedTranslationsResponse, description: 'Translations rendering an older edition of the original' })
  @ApiProblems(400, 404)
  outdated(@Param() { id }: IdParam) {
    return this.resources.outdated(id);
  }

  @Post(':id/revise')
  @Access.roles(...EDITORS)
  @HttpCode(200)
  @ApiIdempotencyKey()
  @ApiIfMatch()
  @ApiOkResponse({ type: ResourceResponse, description: 'A new edition of the original; translations of older editions are outdated' })
  @ApiProblems(400, 403, 404, 412)
  async revise(@Param() { id }: IdParam, @Body() body: ResourceContentDto, @Headers('if-match') ifMatch: string | undefined, @Res({ passthrough: true }) res: Response) {
    return withEtag(res, await this.resources.revise(id, body, ifMatch));
  }

  @Put(':id/translations/:language')
  @Access.roles(...EDITORS)
  @ApiIfMatch()
  @ApiOkResponse({ type: ResourceResponse, description: 'The translation, added or updated, renders the current edition' })
  @ApiProblems(400, 403, 404, 412)
  async translate(
    @Param() { id, language }: TranslationParams,
    @Body() body: TranslateResourceDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ) {
    return withEtag(res, await this.resources.translate(id, language, body, ifMatch));
  }
}
