import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import { throwError } from 'rxjs';
import type { Request, Response } from 'express';
import { RuleKind, RuleViolation } from '@intercity/domain';
import { AccessDenied } from '@intercity/auth';
import { Problem, ProblemException } from './problem';

const STATUS_OF_RULE: Record<RuleKind, number> = { invalid: 400, unprocessable: 422, conflict: 409 };

/**
 * Every HTTP error leaves as application/problem+json. In an event handler the error is passed on
 * unchanged, so the transport can retry it and dead-letter it with its real message.
 */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Problem');

  catch(exception: unknown, host: ArgumentsHost) {
    if (host.getType() !== 'http') return throwError(() => exception);
    const req = host.switchToHttp().getRequest<Request>();
    const res = host.switchToHttp().getResponse<Response>();
    const problem = toProblem(exception);
    if (problem.status >= 500) this.logger.error(exception instanceof Error ? exception.stack : String(exception));
    problem.instance ??= req.originalUrl;
    if (problem.status === 429 && typeof problem.retryAfter === 'number') res.setHeader('Retry-After', String(problem.retryAfter));
    res.status(problem.status).type('application/problem+json').send(JSON.stringify(problem));
    return undefined;
  }
}

export function toProblem(exception: unknown): Problem {
  if (exception instanceof ProblemException) return { ...exception.problem };
  if (exception instanceof AccessDenied) {
    return new ProblemException(403, { rule: exception.rule, detail: exception.message }).problem;
  }
  if (exception instanceof RuleViolation) {
    // A domain rule the request broke: the rule's kind says whether the input, its references or
    // the current state is to blame.
    return new ProblemException(STATUS_OF_RULE[exception.kind], {
      rule: exception.rule,
      detail: exception.message,
      ...(exception.field ? { violations: [{ field: exception.field, rule: exception.rule, message: exception.message }] } : {}),
      ...exception.details,
    }).problem;
  }
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    const body = exception.getResponse();
    const detail =
      typeof body === 'string' ? body : Array.isArray((body as { message?: unknown }).message)
        ? ((body as { message: string[] }).message).join('; ')
        : String((body as { message?: unknown }).message ?? exception.message);
    // Body-parser errors (malformed JSON, too large) arrive as HttpExceptions too.
    return new ProblemException(status, { detail }).problem;
  }
  const e = exception as { type?: string; status?: number; message?: string };
  if (e?.type === 'entity.parse.failed') return new ProblemException(400, { detail: 'request body is not valid JSON', rule: 'body.json' }).problem;
  if (e?.type === 'entity.too.large') return new ProblemException(413, { title: 'Payload too large', detail: e.message }).problem;
  return new ProblemException(500, { detail: 'an unexpected error occurred; it has been logged' }).problem;
}
