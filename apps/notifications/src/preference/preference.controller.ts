import { Body, Controller, Get, Headers, Param, Put, Res } from '@nestjs/common';
import { ApiBody, ApiOkResponse, ApiProperty, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { IsUUID } from 'class-validator';
import { Access } from '@intercity/auth';
import { ApiIfMatch, ApiProblems, withEtag } from '@intercity/platform';
import { StoredPreferences } from './preference.repository';
import { PreferenceService } from './preference.service';

class PersonParam {
  @ApiProperty({ format: 'uuid' }) @IsUUID('all') personId!: string;
}

const view = ({ personId, preferences, version }: StoredPreferences) => ({ personId, ...preferences, version });

/** A person's notification settings: per kind, channels and cadence; quiet hours; their clock. */
@ApiTags('preferences')
@Controller('people/:personId/preferences')
export class PreferenceController {
  constructor(private readonly preferences: PreferenceService) {}

  @Get()
  @Access.authenticated()
  @ApiOkResponse({ description: "The person's settings (the defaults until they change them)" })
  @ApiProblems(400, 403, 404)
  async get(@Param() { personId }: PersonParam, @Res({ passthrough: true }) res: Response) {
    return withEtag(res, view(await this.preferences.get(personId)));
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
  @ApiOkResponse({ description: 'The settings after; asking for what is already set changes, and records, nothing' })
  @ApiProblems(400, 403, 404, 412)
  async put(@Param() { personId }: PersonParam, @Body() body: unknown, @Headers('if-match') ifMatch: string | undefined, @Res({ passthrough: true }) res: Response) {
    return withEtag(res, view(await this.preferences.change(personId, body, ifMatch)));
  }
}
