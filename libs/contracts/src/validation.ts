import { plainToInstance } from 'class-transformer';
import { getMetadataStorage, validateSync, ValidationError } from 'class-validator';
import type { PayloadClass } from './event-definition';

type RuleTarget = abstract new (...args: never[]) => unknown;
type RuleLookup = (target: RuleTarget, schema: string, always: boolean, strictGroups: boolean, groups?: string[]) => unknown[];

/**
 * class-validator finds a class's rules anew on every call, scanning every class that has any for
 * ancestors of the one validated. In a service, with its HTTP DTOs and every contract loaded, that
 * scan was a sixth of what checking an event cost, paid again for each nested object. A class's rules are fixed
 * once it is defined, so the answer is kept per class; adding a rule (a class being defined, or a
 * schema registered) forgets every kept answer. Lookups by group are left alone.
 */
function rememberRuleLookups(): void {
  const storage = getMetadataStorage() as unknown as {
    getTargetValidationMetadatas: RuleLookup & { remembered?: true };
    addValidationMetadata: (m: unknown) => void;
  };
  if (storage.getTargetValidationMetadatas.remembered) return;
  const lookup = storage.getTargetValidationMetadatas.bind(storage);
  const add = storage.addValidationMetadata.bind(storage);
  let kept = new WeakMap<RuleTarget, Map<string, unknown[]>>();
  const remembered: RuleLookup & { remembered?: true } = (target, schema, always, strictGroups, groups) => {
    if ((groups && groups.length) || typeof target !== 'function') return lookup(target, schema, always, strictGroups, groups);
    const key = `${schema}|${always}|${strictGroups}`;
    let byOptions = kept.get(target);
    if (!byOptions) kept.set(target, (byOptions = new Map()));
    let rules = byOptions.get(key);
    if (!rules) byOptions.set(key, (rules = Object.freeze(lookup(target, schema, always, strictGroups, groups)) as unknown[]));
    return rules;
  };
  remembered.remembered = true;
  storage.getTargetValidationMetadatas = remembered;
  storage.addValidationMetadata = (m) => {
    kept = new WeakMap();
    add(m);
  };
}
rememberRuleLookups();

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
