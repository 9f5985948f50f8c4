import { QueryFailedError } from 'typeorm';
import { RuleViolation } from '@intercity/domain';

export interface ConstraintRule {
  rule: string;
  message: string;
  field?: string;
}

// unique_violation, check_violation, exclusion_violation
const VIOLATIONS = new Set(['23505', '23514', '23P01']);

/**
 * The database guards what concurrent requests could break (uniqueness, seats within capacity,
 * a person in two overlapping visits); a check in code alone would race. This names the rule a
 * violated constraint stands for, so the client gets a 409 saying which. Other errors pass through.
 */
export function translateConstraintViolation(error: unknown, rules: Record<string, ConstraintRule>): unknown {
  if (!(error instanceof QueryFailedError)) return error;
  const { code, constraint } = error.driverError as { code?: string; constraint?: string };
  const rule = code && VIOLATIONS.has(code) && constraint ? rules[constraint] : undefined;
  return rule ? RuleViolation.conflict(rule.rule, rule.message, rule.field) : error;
}
