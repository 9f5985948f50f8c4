import { Controller, Get, Param, Post, Req, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Access } from '@intercity/auth';
import { ApiCalendarFeed, ApiProblems, calendarFeedResponse, calendarLinkUrl, IdParam, NoIdempotentReplay } from '@intercity/platform';
import { CalendarLinkResponse, MemberParam } from './dto/calendar.dto';
import { CalendarService } from './calendar.service';

const FEED = 'one VEVENT per session, cancelled ones kept as STATUS:CANCELLED';

@ApiTags('calendar')
@Controller()
export class CalendarController {
  constructor(private readonly calendars: CalendarService) {}

  @Get('communities/:id/calendar.ics')
  @Access.authenticated()
  @ApiCalendarFeed(FEED)
  @ApiProblems(400, 404)
  async community(@Param() { id }: IdParam, @Res({ passthrough: true }) res: Response): Promise<string> {
    return calendarFeedResponse(res, await this.calendars.community(id));
  }

  @Get('cities/:memberId/calendar.ics')
  @Access.authenticated()
  @ApiCalendarFeed(FEED)
  @ApiProblems(400, 404)
  async city(@Param() { memberId }: MemberParam, @Res({ passthrough: true }) res: Response): Promise<string> {
    return calendarFeedResponse(res, await this.calendars.city(memberId));
  }

  @Post('people/:id/calendar-token')
  @Access.roles('network-admin', 'city-liaison')
  @NoIdempotentReplay('the reply holds the secret link, which is stored only as a hash')
  @ApiCreatedResponse({ type: CalendarLinkResponse })
  @ApiProblems(400, 403, 404)
  async issueLink(@Param() { id }: IdParam, @Req() req: Request): Promise<CalendarLinkResponse> {
    const { secret } = await this.calendars.issueToken(id);
    return { personId: id, url: calendarLinkUrl(req, /\/people\/[^/]+\/calendar-token\/?$/, secret) };
  }

  @Get('calendar/:secret.ics')
  @Access.public('calendar clients authenticate with the secret in the URL')
  @ApiCalendarFeed(FEED)
  @ApiProblems(404)
  async bySecret(@Param('secret') secret: string, @Res({ passthrough: true }) res: Response): Promise<string> {
    return calendarFeedResponse(res, await this.calendars.bySecret(secret));
  }
}
