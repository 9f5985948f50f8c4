import { createHash } from 'node:crypto';
import { applyDecorators } from '@nestjs/common';
import { ApiOkResponse, ApiProduces, ApiResponse } from '@nestjs/swagger';
import type { Request, Response } from 'express';

export const ICAL_CONTENT_TYPE = 'text/calendar; charset=utf-8';

/** OpenAPI for a route answering with an iCalendar feed (and 304 to a client whose copy is current). */
export function ApiCalendarFeed(description: string): MethodDecorator {
  return applyDecorators(
    ApiProduces('text/calendar'),
    ApiOkResponse({ description: `An iCalendar (RFC 5545) feed: ${description}`, schema: { type: 'string' } }),
    ApiResponse({ status: 304, description: 'The feed has not changed since the ETag sent in If-None-Match' }),
  );
}

/**
 * Sends a feed as text/calendar with a strong ETag of its content: calendar clients poll, and one
 * whose copy is current gets a 304 without a body (Express answers If-None-Match from the ETag).
 * `private, no-cache`: a feed is personal and must be revalidated on every poll.
 */
export function calendarFeedResponse(res: Response, text: string): string {
  res.setHeader('Content-Type', ICAL_CONTENT_TYPE);
  res.setHeader('Cache-Control', 'private, no-cache');
  res.setHeader('ETag', `"${createHash('sha256').update(text).digest('base64url')}"`);
  return text;
}

/**
 * The secret feed URL for a link just issued: this request's own path with the issuing route
 * (`/people/:id/calendar-token`) swapped for `/calendar/<secret>.ics`, so it keeps whatever prefix
 * the request came in under.
 */
export function calendarLinkUrl(req: Request, issuingRoute: RegExp, secret: string): string {
  const prefix = req.originalUrl.split('?')[0].replace(issuingRoute, '');
  return `${req.protocol}://${req.get('host')}${prefix}/calendar/${secret}.ics`;
}
