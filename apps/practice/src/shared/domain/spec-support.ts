import { validatePayload } from '@intercity/contracts';
import type { Emission } from './outcome';

/**
 * Helpers for the domain specs only. Checking each emitted payload strictly against its contract
 * here catches a rule and its contract drifting apart in milliseconds, not in an integration run.
 */

/** A UUID from a small number, readable in failures: uid(7) → 0190a1b2-0000-7000-8000-000000000007. */
export const uid = (n: number): string => `0190a1b2-0000-7000-8000-${String(n).padStart(12, '0')}`;

/** `type: field rule` for every way an emitted payload breaks its contract. */
export function eventViolations(events: readonly Emission[]): string[] {
  return events.flatMap((e) =>
    validatePayload(e.event.payload, JSON.parse(JSON.stringify(e.data)), { strict: true, path: 'data' }).violations.map(
      (v) => `${e.event.type}: ${v.field} ${v.rule}`,
    ),
  );
}

/** The event types of an outcome, in order. */
export const typesOf = (events: readonly Emission[]): string[] => events.map((e) => e.event.type);
