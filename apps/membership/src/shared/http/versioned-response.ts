import type { Response } from 'express';
import { apiPrefix, etagOf } from '@intercity/platform';

/** Sends the aggregate's version as its ETag, for If-Match on the next change. */
export function withEtag<T extends { version: number }>(res: Response, body: T): T {
  res.setHeader('ETag', etagOf(body.version));
  return body;
}

/** A created aggregate: its ETag and where it lives. */
export function created<T extends { id: string; version: number }>(res: Response, collection: string, body: T): T {
  res.setHeader('Location', `/${apiPrefix('membership')}/${collection}/${body.id}`);
  return withEtag(res, body);
}
