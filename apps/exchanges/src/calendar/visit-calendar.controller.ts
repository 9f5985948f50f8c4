import { Controller, Get, Param, Post, Req, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Access } from '@intercity/auth';
import { ApiCalendarFeed, ApiProblems, calendarFeedResponse, calendarLinkUrl, IdParam, NoIdempotentReplay } from '@intercity/platform';
import { CityCalendarLinkResponse, MemberParam, PersonCalendarLinkResponse } from './dto/visit-calendar.dto';
import { VisitCalendarService } from './visit-calendar.service';

const FEED = 'one all-day VEVENT per dated visit (UID the visit id); a cancelled pairing keeps its visits as STATUS:CANCELLED';
const SECRET_REPLY = 'the reply holds the secret link, which is stored only as a hash';

@ApiTags('calendar')
@Controller()
export class VisitCalendarController {
  constructor(private readonly calendars: VisitCalendarService) {}

  @Get('cities/:memberId/calendar.ics')
  @Access.authenticated()
  @ApiCalendarFeed(FEED)
  @ApiProblems(400, 404)
  async city(@Param() { memberId }: MemberParam, @Res({ passthrough: true }) res: Response): Promise<string> {
    return calendarFeedResponse(res, await this.calendars.city(memberId));
  }

  @Post('cities/:memberId/calendar-token')
  @Access.roles('network-admin', 'city-liaison')
  @NoIdempotentReplay(SECRET_REPLY)
  @ApiCreatedResponse({ type: CityCalendarLinkResponse })
  @ApiProblems(400, 403, 404)
  async issueCityLink(@Param() { memberId }: MemberParam, @Req() req: Request): Promise<CityCalendarLinkResponse> {
    const secret = await this.calendars.issueCityLink(memberId);
    return { memberId, url: calendarLinkUrl(req, /\/cities\/[^/]+\/calendar-token\/?$/, secret) };
  }

  @Post('people/:id/calendar-token')
  @Access.authenticated()
  @NoIdempotentReplay(SECRET_REPLY)
  @ApiCreatedResponse({ type: PersonCalendarLinkResponse })
  @ApiProblems(400, 403, 404)
  async issuePersonLink(@Param() { id }: IdParam, @Req() req: Request): Promise<PersonCalendarLinkResponse> {
    const secret = await this.calendars.issuePersonLink(id);
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
