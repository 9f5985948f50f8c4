import { plainToInstance } from 'class-transformer';
import { validateSync, ValidationError } from 'class-validator';
import type { PayloadClass } from './event-definition';

export interface FieldViolation {
  /** Dotted path of the field, e.g. `data.languages.0`. */
  field: string;
  /** The rule it broke (class-validator constraint name, e.g. `isEmail`). */
  rule: string;
  message: string;
}

export function flattenViolations(errors: ValidationError[], parent = ''): FieldViolation[] {
  const out: FieldViolation[] = [];
  for (const e of errors) {
    const field = parent ? `${parent}.${e.property}` : e.property;
    for (const [rule, message] of Object.entries(e.constraints ?? {})) out.push({ field, rule, message });
    if (e.children?.length) out.push(...flattenViolations(e.children, field));
  }
  return out;
}

/**
 * Validates a plain object against a payload class. `strict` rejects unknown fields (publishers);
 * consumers are tolerant readers, because a later version may add optional fields.
 */
export function validatePayload<T extends object>(
  cls: PayloadClass<T>,
  plain: unknown,
  { strict, path = '' }: { strict: boolean; path?: string },
): { value: T; violations: FieldViolation[] } {
  if (plain === null || typeof plain !== 'object' || Array.isArray(plain)) {
    return { value: undefined as unknown as T, violations: [{ field: path || '(root)', rule: 'isObject', message: 'must be an object' }] };
  }
  const value = plainToInstance(cls, plain, { enableImplicitConversion: false });
  const errors = validateSync(value, {
    whitelist: true,
    forbidNonWhitelisted: strict,
    forbidUnknownValues: true,
  });
  return { value, violations: flattenViolations(errors, path) };
}
