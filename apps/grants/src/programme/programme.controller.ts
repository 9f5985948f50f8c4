import { Body, Controller, Get, Headers, Param, Post, Put, Query, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Access } from '@intercity/auth';
import { CurrencyCode } from '@intercity/domain';
import { ApiIdempotencyKey, ApiIfMatch, ApiProblems, IdParam, PageQuery, withEtag } from '@intercity/platform';
import { toMoney } from '../shared/money-dto';
import { StoredProgramme } from '../shared/persistence/grants.repository';
import { ChangeEnvelopeDto, CreateProgrammeDto } from './dto/programme.dto';
import { ProgrammeService } from './programme.service';

const view = ({ networkId, programme }: StoredProgramme) => ({ ...programme, networkId });

@ApiTags('programmes')
@Controller('programmes')
export class ProgrammeController {
  constructor(private readonly programmes: ProgrammeService) {}

  @Post()
  @Access.roles('network-admin', 'grant-officer')
  @ApiIdempotencyKey()
  @ApiCreatedResponse({ description: 'The programme, with its rules (default: EUR 60,000 per recipient, tranches 40/40/20)' })
  @ApiProblems(400, 403, 422)
  async create(@Body() body: CreateProgrammeDto, @Res({ passthrough: true }) res: Response) {
    const stored = await this.programmes.create({
      ...body,
      currency: body.currency as CurrencyCode,
      envelope: toMoney(body.envelope, 'envelope'),
      maxPerRecipient: body.maxPerRecipient && toMoney(body.maxPerRecipient, 'maxPerRecipient'),
      tranchePattern: body.tranchePattern?.map((t) => ({ ...t, conditions: { ...t.conditions, reportApproved: t.conditions.reportApproved ?? null } })),
    });
    res.status(201).location(`programmes/${stored.programme.id}`);
    return withEtag(res, view(stored));
  }

  @Get()
  @Access.authenticated()
  @ApiOkResponse({ description: 'Programmes of the networks the caller may read' })
  @ApiProblems(400)
  async list(@Query() { limit, offset }: PageQuery) {
    const page = await this.programmes.list(limit, offset);
    return { ...page, items: page.items.map(view) };
  }

  @Get(':id')
  @Access.authenticated()
  @ApiOkResponse()
  @ApiProblems(400, 404)
  async get(@Param() { id }: IdParam, @Res({ passthrough: true }) res: Response) {
    return withEtag(res, view(await this.programmes.get(id)));
  }

  @Put(':id/envelope')
  @Access.roles('network-admin', 'grant-officer')
  @ApiIfMatch()
  @ApiOkResponse()
  @ApiProblems(400, 403, 404, 409, 412)
  async envelope(@Param() { id }: IdParam, @Body() body: ChangeEnvelopeDto, @Headers('if-match') ifMatch: string | undefined, @Res({ passthrough: true }) res: Response) {
    return withEtag(res, view(await this.programmes.changeEnvelope(id, toMoney(body.envelope, 'envelope'), body.reason, ifMatch)));
  }
}
