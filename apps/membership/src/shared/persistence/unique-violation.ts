import { QueryFailedError } from 'typeorm';
import { RuleViolation } from '@intercity/domain';

export interface UniqueRule {
  rule: string;
  message: string;
  field?: string;
}

const UNIQUE_VIOLATION = '23505';

/**
 * The database guards uniqueness (a check in code would race); this names the rule a violated
 * constraint stands for, so the client gets a 409 saying which. Other errors pass through.
 */
export function translateUniqueViolation(error: unknown, rules: Record<string, UniqueRule>): unknown {
  if (!(error instanceof QueryFailedError)) return error;
  const { code, constraint } = error.driverError as { code?: string; constraint?: string };
  const rule = code === UNIQUE_VIOLATION && constraint ? rules[constraint] : undefined;
  return rule ? RuleViolation.conflict(rule.rule, rule.message, rule.field) : error;
}
