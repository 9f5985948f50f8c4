import { randomBytes, randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import { Actor } from '@intercity/contracts';
import { CallContexts } from '@intercity/persistence';

const TRACEPARENT = /^[\da-f]{2}-[\da-f]{32}-[\da-f]{16}-[\da-f]{2}$/;
/** A request id kept as the client or the edge sent it; anything else is replaced by a new UUID. */
export const REQUEST_ID = /^[\w.:-]{1,128}$/;

/** A request is anonymous until the access guard has verified its token and named the person. */
const ANONYMOUS: Actor = { kind: 'person', id: 'anonymous' };

/**
 * Gives each request its id (kept from `X-Request-Id` when the edge set one), uses it as the
 * correlation id of every event the request causes, and carries the caller's W3C trace context
 * (a new trace when there is none) into those events' headers.
 */
export function callContextMiddleware(req: Request, res: Response, next: NextFunction): void {
  const given = req.header('x-request-id');
  const requestId = given && REQUEST_ID.test(given) ? given : randomUUID();
  const incoming = req.header('traceparent');
  const traceparent =
    incoming && TRACEPARENT.test(incoming)
      ? incoming
      : `00-${randomBytes(16).toString('hex')}-${randomBytes(8).toString('hex')}-01`;
  res.setHeader('X-Request-Id', requestId);
  (req as Request & { id?: string }).id = requestId;
  CallContexts.run({ actor: ANONYMOUS, correlationId: requestId, causationId: null, traceparent }, () => next());
}
