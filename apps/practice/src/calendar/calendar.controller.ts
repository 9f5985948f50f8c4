import { Controller, Get, Header, Param, Post, Req } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { Access } from '@intercity/auth';
import { ApiProblems, IdParam, NoIdempotentReplay } from '@intercity/platform';
import { CalendarLinkResponse, MemberParam } from './dto/calendar.dto';
import { CalendarService } from './calendar.service';
import { ICAL_CONTENT_TYPE } from './ical';

const FEED = { description: 'An iCalendar (RFC 5545) feed: one VEVENT per session, cancelled ones kept as STATUS:CANCELLED', schema: { type: 'string' } };

@ApiTags('calendar')
@Controller()
export class CalendarController {
  constructor(private readonly calendars: CalendarService) {}

  @Get('communities/:id/calendar.ics')
  @Access.authenticated()
  @Header('Content-Type', ICAL_CONTENT_TYPE)
  @Header('Cache-Control', 'private, no-cache')
  @ApiProduces('text/calendar')
  @ApiOkResponse(FEED)
  @ApiProblems(400, 404)
  community(@Param() { id }: IdParam): Promise<string> {
    return this.calendars.community(id);
  }

  @Get('cities/:memberId/calendar.ics')
  @Access.authenticated()
  @Header('Content-Type', ICAL_CONTENT_TYPE)
  @Header('Cache-Control', 'private, no-cache')
  @ApiProduces('text/calendar')
  @ApiOkResponse(FEED)
  @ApiProblems(400, 404)
  city(@Param() { memberId }: MemberParam): Promise<string> {
    return this.calendars.city(memberId);
  }

  @Post('people/:id/calendar-token')
  @Access.roles('network-admin', 'city-liaison')
  @NoIdempotentReplay('the reply holds the secret link, which is stored only as a hash')
  @ApiCreatedResponse({ type: CalendarLinkResponse })
  @ApiProblems(400, 403, 404)
  async issueLink(@Param() { id }: IdParam, @Req() req: Request): Promise<CalendarLinkResponse> {
    const { secret } = await this.calendars.issueToken(id);
    // This route's own path, with `people/:id/calendar-token` swapped for the feed's.
    const prefix = req.originalUrl.split('?')[0].replace(/\/people\/[^/]+\/calendar-token\/?$/, '');
    return { personId: id, url: `${req.protocol}://${req.get('host')}${prefix}/calendar/${secret}.ics` };
  }

  @Get('calendar/:secret.ics')
  @Access.public('calendar clients authenticate with the secret in the URL')
  @Header('Content-Type', ICAL_CONTENT_TYPE)
  @Header('Cache-Control', 'private, no-cache')
  @ApiProduces('text/calendar')
  @ApiOkResponse(FEED)
  @ApiProblems(404)
  bySecret(@Param('secret') secret: string): Promise<string> {
    return this.calendars.bySecret(secret);
  }
}
