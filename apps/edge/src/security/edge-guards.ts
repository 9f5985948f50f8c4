import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import { JwtVerifier } from '@intercity/auth';
import { ProblemException } from '@intercity/platform';
import type { EdgeConfig } from '../edge-config';
import { RateLimiter } from '../rate-limit/rate-limiter';
import { requestIdentity } from './request-identity';

const REQUEST_ID = /^[\w.:-]{1,128}$/;

/** Every request gets an id here; the services use it as the correlation id of what it causes. */
export function requestId(req: Request, res: Response, next: NextFunction): void {
  const given = req.header('x-request-id');
  const id = given && REQUEST_ID.test(given) ? given : randomUUID();
  req.headers['x-request-id'] = id;
  res.setHeader('X-Request-Id', id);
  next();
}

/**
 * Refuses bodies over the limit before they reach a service: at once when Content-Length says so,
 * and while streaming when a chunked body grows past it.
 */
export function bodySizeLimit(maxBytes: number) {
  return (req: Request, _res: Response, next: NextFunction): void => {
    const declared = Number(req.header('content-length') ?? 0);
    if (declared > maxBytes) {
      return next(new ProblemException(413, { title: 'Payload too large', rule: 'edge.body-size', detail: `request bodies are limited to ${maxBytes} bytes` }));
    }
    let seen = 0;
    req.on('data', (chunk: Buffer) => {
      seen += chunk.length;
      if (seen > maxBytes) req.destroy(new Error(`request body exceeds ${maxBytes} bytes`));
    });
    next();
  };
}

/** Per-identity limits (429 problem+json with Retry-After), counted across edge replicas in Redis. */
export function rateLimit(config: EdgeConfig, limiter: RateLimiter, verifier: JwtVerifier) {
  return (req: Request, res: Response, next: NextFunction): void => {
    if (!req.path.startsWith('/api/')) return next();
    requestIdentity(req, verifier)
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
