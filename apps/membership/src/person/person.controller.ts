import { Body, Controller, Get, Headers, HttpCode, Param, Patch, Post, Query, Res } from '@nestjs/common';
import { Access } from '@intercity/auth';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { ListPeopleQuery, PersonPage, PersonResponse, RegisterPersonDto, UpdatePersonDto } from './dto/person.dto';
import { PersonService } from './person.service';
import { ApiIdempotencyKey, ApiIfMatch, ApiProblems, IdParam, created, withEtag } from '@intercity/platform';

@ApiTags('people')
@Controller('people')
export class PersonController {
  constructor(private readonly people: PersonService) {}

  @Post()
  @Access.roles('network-admin', 'city-liaison')
  @ApiIdempotencyKey()
  @ApiCreatedResponse({ type: PersonResponse })
  @ApiProblems(400, 409, 422)
  async register(@Body() { memberId, ...fields }: RegisterPersonDto, @Res({ passthrough: true }) res: Response) {
    return created(res, await this.people.register(memberId, fields));
  }

  @Get()
  @Access.authenticated()
  @ApiOkResponse({ type: PersonPage })
  @ApiProblems(400)
  list(@Query() query: ListPeopleQuery) {
    return this.people.list(query);
  }

  @Get(':id')
  @Access.authenticated()
  @ApiOkResponse({ type: PersonResponse })
  @ApiProblems(400, 404)
  async get(@Param() { id }: IdParam, @Res({ passthrough: true }) res: Response) {
    return withEtag(res, await this.people.get(id));
  }

  @Patch(':id')
  @Access.roles('network-admin', 'city-liaison')
  @ApiIfMatch()
  @ApiOkResponse({ type: PersonResponse })
  @ApiProblems(400, 404, 409, 412)
  async update(
    @Param() { id }: IdParam,
    @Body() body: UpdatePersonDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ) {
    return withEtag(res, await this.people.update(id, body, ifMatch));
  }

  @Post(':id/erasure')
  @Access.roles('network-admin', 'city-liaison')
  @HttpCode(200)
  @ApiIdempotencyKey()
  @ApiIfMatch()
  @ApiOkResponse({ type: PersonResponse, description: 'The erased record: personal data replaced, shape and member kept' })
  @ApiProblems(400, 404, 409, 412)
  async erase(@Param() { id }: IdParam, @Headers('if-match') ifMatch: string | undefined, @Res({ passthrough: true }) res: Response) {
    return withEtag(res, await this.people.erase(id, ifMatch));
  }
}
