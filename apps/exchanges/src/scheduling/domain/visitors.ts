import { isLocalDate, LocalDate, Period, RuleViolation } from '@intercity/domain';

/**
 * A person going on a visit, with the days they are taken elsewhere: other visits, activities they
 * are registered to in another place. The service gathers these; the rule is only that a visit
 * may not share a day with any of them. An open-ended period (`to` null) runs on indefinitely.
 */
export interface Visitor {
  personId: string;
  busy: readonly Period[];
}

/** Throws a RuleViolation naming `${fieldPrefix}[i]…` when a visitor or a busy period is malformed. */
export function checkVisitors(visitors: readonly Visitor[], fieldPrefix: string): void {
  visitors.forEach((v, i) => {
    const at = `${fieldPrefix}[${i}]`;
    if (typeof v.personId !== 'string' || !v.personId) throw RuleViolation.invalid('scheduling.visitor-id', `${at}.personId`, 'a visitor needs a person id');
    v.busy.forEach((p, k) => {
      if (!isLocalDate(p.from)) throw RuleViolation.invalid('scheduling.busy-period', `${at}.busy[${k}].from`, `"${p.from}" is not a date (YYYY-MM-DD)`);
      if (p.to != null && !isLocalDate(p.to)) throw RuleViolation.invalid('scheduling.busy-period', `${at}.busy[${k}].to`, `"${p.to}" is not a date (YYYY-MM-DD)`);
      if (p.to != null && p.to < p.from) {
        throw RuleViolation.invalid('scheduling.busy-period', `${at}.busy[${k}].to`, `the period ends (${p.to}) before it starts (${p.from})`);
      }
    });
  });
}

/** The earliest-starting busy period of `visitor` that shares a day with `from..to`, or null. */
export function busyDuring(visitor: Visitor, from: LocalDate, to: LocalDate): Period | null {
  let found: Period | null = null;
  for (const p of visitor.busy) {
    if (p.from <= to && (p.to == null || p.to >= from) && (found === null || p.from < found.from)) found = p;
  }
  return found;
}
