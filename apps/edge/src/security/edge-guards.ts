import { randomUUID } from 'node:crypto';
import { Readable, Transform } from 'node:stream';
import type { NextFunction, Request, Response } from 'express';
import { ProblemException } from '@intercity/platform';
import type { EdgeConfig } from '../edge-config';
import { RateLimiter } from '../rate-limit/rate-limiter';
import { requestIdentity, VerifiedSubjects } from './request-identity';

const REQUEST_ID = /^[\w.:-]{1,128}$/;

/** Every request gets an id here; the services use it as the correlation id of what it causes. */
export function requestId(req: Request, res: Response, next: NextFunction): void {
  const given = req.header('x-request-id');
  const id = given && REQUEST_ID.test(given) ? given : randomUUID();
  req.headers['x-request-id'] = id;
  res.setHeader('X-Request-Id', id);
  next();
}

const REQUEST_BODY = 'intercity.requestBody';

/**
 * Refuses bodies over the limit before they reach a service: at once when Content-Length says so,
 * and while streaming when a chunked body grows past it (the proxy then drops the upstream request
 * and answers 413; see `requestBody`).
 */
export function bodySizeLimit(maxBytes: number) {
  const tooLarge = () =>
    new ProblemException(413, { title: 'Payload too large', rule: 'edge.body-size', detail: `request bodies are limited to ${maxBytes} bytes` });
  return (req: Request, res: Response, next: NextFunction): void => {
    const declared = Number(req.header('content-length') ?? 0);
    if (declared > maxBytes) return next(tooLarge());
    // With a Content-Length, Node's parser delivers no more than it says; only chunked bodies can grow.
    if (req.header('transfer-encoding') === undefined) return next();
    let seen = 0;
    const limited = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        seen += chunk.length;
        done(seen > maxBytes ? tooLarge() : null, chunk);
      },
    });
    req.on('error', (e) => limited.destroy(e));
    res.locals[REQUEST_BODY] = req.pipe(limited);
    next();
  };
}

/** The request's body as the proxy forwards it: counted against the limit when it is chunked. */
export function requestBody(req: Request, res: Response): Readable {
  return (res.locals[REQUEST_BODY] as Readable | undefined) ?? req;
}

/** Per-identity limits (429 problem+json with Retry-After), counted across edge replicas in Redis. */
export function rateLimit(config: EdgeConfig, limiter: RateLimiter, subjects: VerifiedSubjects) {
  return (req: Request, res: Response, next: NextFunction): void => {
    if (!req.path.startsWith('/api/')) return next();
    requestIdentity(req, subjects)
      .then(async (identity) => {
        const limit = identity.startsWith('sub:') ? config.rateLimit.perMinute : config.rateLimit.anonymousPerMinute;
        const decision = await limiter.hit(identity, limit);
        res.setHeader('RateLimit-Limit', String(limit));
        res.setHeader('RateLimit-Remaining', String(decision.remaining));
        res.setHeader('RateLimit-Reset', String(decision.resetSeconds));
        if (decision.allowed) return next();
        next(
          new ProblemException(429, {
            rule: 'edge.rate-limit',
            detail: `at most ${limit} requests a minute; try again in ${decision.resetSeconds} s`,
            retryAfter: decision.resetSeconds,
          }),
        );
      })
      // Redis being down must not take the API down with it: requests pass uncounted.
      .catch(() => next());
  };
}
