import type { Request, Response } from 'express';
import { etagOf } from '../etag';

/** Sends the aggregate's version as its ETag, for If-Match on the next change. */
export function withEtag<T extends { version: number }>(res: Response, body: T): T {
  res.setHeader('ETag', etagOf(body.version));
  return body;
}

/** A created aggregate: its ETag, and where it lives (beside the collection it was posted to). */
export function created<T extends { id: string; version: number }>(res: Response, body: T): T {
  const collection = (res.req as Request).originalUrl.split('?')[0].replace(/\/$/, '');
  res.setHeader('Location', `${collection}/${body.id}`);
  return withEtag(res, body);
}
