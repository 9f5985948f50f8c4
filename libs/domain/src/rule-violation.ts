/**
 * How a broken rule reads to a client: the input is wrong on its own (`invalid`), it does not fit
 * the data it refers to (`unprocessable`), or it clashes with the current state (`conflict`).
 */
export type RuleKind = 'invalid' | 'unprocessable' | 'conflict';

/**
 * A domain rule the request broke. Plain code, so the rules stay free of Nest; the HTTP layer
 * turns it into problem+json naming `rule` (and `field`, when one field is to blame).
 */
export class RuleViolation extends Error {
  override readonly name = 'RuleViolation';
  /** What a client can act on beyond the message (e.g. each unmet condition), sent with the problem. */
  details?: Record<string, unknown>;

  constructor(
    readonly rule: string,
    message: string,
    readonly kind: RuleKind = 'conflict',
    readonly field?: string,
  ) {
    super(message);
  }

  static invalid(rule: string, field: string, message: string): RuleViolation {
    return new RuleViolation(rule, message, 'invalid', field);
  }

  static unprocessable(rule: string, field: string, message: string): RuleViolation {
    return new RuleViolation(rule, message, 'unprocessable', field);
  }

  static conflict(rule: string, message: string, field?: string): RuleViolation {
    return new RuleViolation(rule, message, 'conflict', field);
  }
}
