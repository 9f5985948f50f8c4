import { FieldViolation } from '@intercity/contracts';

/** RFC 9457 problem details. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  /** The rule that refused the request, e.g. `member.slug.unique`. */
  rule?: string;
  violations?: FieldViolation[];
  [extension: string]: unknown;
}

const TITLES: Record<number, string> = {
  400: 'Invalid request',
  401: 'Not authenticated',
  403: 'Forbidden',
  404: 'Not found',
  409: 'Conflict',
  412: 'Precondition failed',
  415: 'Unsupported media type',
  422: 'Unprocessable request',
  428: 'Precondition required',
  429: 'Too many requests',
  500: 'Internal error',
  503: 'Service unavailable',
};

/** Thrown by services and controllers; the problem filter turns it into application/problem+json. */
export class ProblemException extends Error {
  readonly problem: Problem;

  constructor(status: number, fields: Partial<Problem> = {}) {
    const title = fields.title ?? TITLES[status] ?? 'Error';
    super(fields.detail ?? title);
    this.problem = {
      type: fields.type ?? (fields.rule ? `https://intercity.dev/problems/${fields.rule}` : 'about:blank'),
      ...fields,
      title,
      status,
    };
  }

  static notFound(what: string, id: string): ProblemException {
    return new ProblemException(404, { detail: `${what} ${id} does not exist`, rule: `${what}.exists` });
  }

  static conflict(rule: string, detail: string, extra: Partial<Problem> = {}): ProblemException {
    return new ProblemException(409, { rule, detail, ...extra });
  }

  static invalid(violations: FieldViolation[], detail?: string): ProblemException {
    return new ProblemException(400, {
      detail: detail ?? violations.map((v) => `${v.field}: ${v.message}`).join('; '),
      // The first broken rule names the problem; every one is in `violations`.
      rule: violations[0]?.rule ?? 'request.invalid',
      violations,
    });
  }
}
