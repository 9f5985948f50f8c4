import { canonicalLanguageTag, RuleViolation } from '@intercity/domain';

/** A required line of text, trimmed, within a length: titles, names, themes. */
export function requiredText(value: string, max: number, rule: string, field: string): string {
  const text = value.trim();
  if (text.length === 0) throw RuleViolation.invalid(rule, field, `${field} must not be empty`);
  if (text.length > max) throw RuleViolation.invalid(rule, field, `${field} is longer than ${max} characters`);
  return text;
}

/** Optional text: blank means none. */
export function optionalText(value: string | null | undefined, max: number, rule: string, field: string): string | null {
  if (value == null || value.trim() === '') return null;
  return requiredText(value, max, rule, field);
}

/** Canonical BCP 47 tags, each once, in the order given; at least one. */
export function languageList(tags: readonly string[], rule: string, field: string): string[] {
  const out: string[] = [];
  for (const tag of tags) {
    const canonical = canonicalLanguageTag(tag);
    if (!canonical) throw RuleViolation.invalid(rule, field, `"${tag}" is not a valid BCP 47 language tag`);
    if (!out.includes(canonical)) out.push(canonical);
  }
  if (out.length === 0) throw RuleViolation.invalid(rule, field, 'at least one language is required');
  return out;
}

export function language(tag: string, rule: string, field: string): string {
  return languageList([tag], rule, field)[0];
}

/** An absolute http(s) address: anything else cannot be opened from a calendar or a browser. */
export function webAddress(value: string, rule: string, field: string): string {
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    throw RuleViolation.invalid(rule, field, `"${value}" is not an absolute URL`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw RuleViolation.invalid(rule, field, 'only http and https addresses can be opened by everyone');
  return url.toString();
}
