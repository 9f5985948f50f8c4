import { Body, Controller, Get, Headers, Param, Put, Res } from '@nestjs/common';
import { ApiBody, ApiOkResponse, ApiProperty, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { IsUUID } from 'class-validator';
import { Access } from '@intercity/auth';
import { ApiIfMatch, ApiProblems, checkIfMatch, Clock, withEtag } from '@intercity/platform';
import { TransactionRunner } from '@intercity/persistence';
import { PersonAccess } from '../shared/person-access';
import { parsePreferences } from './domain/preferences';
import { PreferenceRepository } from './preference.repository';

class PersonParam {
  @ApiProperty({ format: 'uuid' }) @IsUUID('all') personId!: string;
}

/** A person's notification settings: per kind, channels and cadence; quiet hours; their clock. */
@ApiTags('preferences')
@Controller('people/:personId/preferences')
export class PreferenceController {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly preferences: PreferenceRepository,
    private readonly access: PersonAccess,
    private readonly clock: Clock,
  ) {}

  @Get()
  @Access.authenticated()
  @ApiOkResponse({ description: "The person's settings (the defaults until they change them)" })
  @ApiProblems(400, 403, 404)
  async get(@Param() { personId }: PersonParam, @Res({ passthrough: true }) res: Response) {
    await this.access.require(personId);
    const stored = await this.preferences.stored(personId);
    return withEtag(res, { personId, ...stored.preferences, version: stored.version });
  }

  @Put()
  @Access.authenticated()
  @ApiIfMatch()
  @ApiBody({
    description:
      'Any of: kinds (per notification kind: channels among email, in-app, webhook; cadence immediate, daily or weekly), ' +
      'quietHours {from, to} as HH:MM on the person\'s clock (or null), timeZone (IANA, or null for their city\'s). Omitted fields keep their value.',
    schema: { type: 'object' },
  })
  @ApiOkResponse()
  @ApiProblems(400, 403, 404, 412)
  async put(@Param() { personId }: PersonParam, @Body() body: unknown, @Headers('if-match') ifMatch: string | undefined, @Res({ passthrough: true }) res: Response) {
    await this.access.require(personId);
    return withEtag(
      res,
      await this.tx.run(async (uow) => {
        const current = await this.preferences.stored(personId, uow.manager, true);
        checkIfMatch(ifMatch, current.version);
        const next = parsePreferences(body, current.preferences);
        await this.preferences.save(uow.manager, personId, next, current.version + 1, this.clock.now());
        return { personId, ...next, version: current.version + 1 };
      }),
    );
  }
}
