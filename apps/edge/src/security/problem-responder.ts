import type { NextFunction, Request, Response } from 'express';
import { toProblem } from '@intercity/platform';

/** Errors raised by the edge's own middleware leave as problem+json, as the services' do. */
export function problemResponder(err: unknown, req: Request, res: Response, next: NextFunction): void {
  if (res.headersSent) return next(err);
  const problem = toProblem(err);
  problem.instance ??= req.originalUrl;
  if (typeof problem.retryAfter === 'number') res.setHeader('Retry-After', String(problem.retryAfter));
  res.status(problem.status).type('application/problem+json').send(JSON.stringify(problem));
}
