import { eachDay, LocalDate, localDateOf, RuleViolation } from '@intercity/domain';

/** One sitting of an activity. Its id outlives reschedules: calendars know the session by it. */
export interface Session {
  id: string;
  startsAt: Date;
  endsAt: Date;
}

const MINUTE = 60_000;

export const sessionMinutes = (s: Session): number => Math.round((s.endsAt.getTime() - s.startsAt.getTime()) / MINUTE);

export const sameSession = (a: Session, b: Session): boolean =>
  a.id === b.id && a.startsAt.getTime() === b.startsAt.getTime() && a.endsAt.getTime() === b.endsAt.getTime();

/**
 * Sessions as the rules accept them: at least one, each ending after it starts, ids unique, none
 * overlapping another (a person cannot sit two sessions at once), sorted by start.
 */
export function checkSessions(input: readonly Session[]): Session[] {
  if (input.length === 0) throw RuleViolation.invalid('activity.sessions', 'sessions', 'an activity has at least one session');
  const seen = new Set<string>();
  input.forEach((s, i) => {
    if (Number.isNaN(s.startsAt.getTime())) throw RuleViolation.invalid('session.instant', `sessions[${i}].startsAt`, 'not a valid instant');
    if (Number.isNaN(s.endsAt.getTime())) throw RuleViolation.invalid('session.instant', `sessions[${i}].endsAt`, 'not a valid instant');
    if (s.endsAt <= s.startsAt) {
      throw RuleViolation.invalid('session.ends-before-start', `sessions[${i}].endsAt`, `a session must end after it starts (${s.startsAt.toISOString()})`);
    }
    if (seen.has(s.id)) throw RuleViolation.invalid('session.duplicate', `sessions[${i}].id`, `session ${s.id} is listed twice`);
    seen.add(s.id);
  });
  const sorted = input.map((s) => ({ id: s.id, startsAt: s.startsAt, endsAt: s.endsAt })).sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i].startsAt < sorted[i - 1].endsAt) {
      throw RuleViolation.invalid('session.overlap', 'sessions', `session ${sorted[i].id} starts before session ${sorted[i - 1].id} ends`);
    }
  }
  return sorted;
}

/**
 * The days of the host's calendar the sessions take place on, in order, each once. A session
 * running past midnight counts both days; one ending at midnight sharp does not touch the next.
 */
export function sessionDays(sessions: readonly Session[], timeZone: string): LocalDate[] {
  const days = new Set<LocalDate>();
  for (const s of sessions) {
    const lastMoment = new Date(Math.max(s.startsAt.getTime(), s.endsAt.getTime() - 1));
    for (const d of eachDay(localDateOf(s.startsAt, timeZone), localDateOf(lastMoment, timeZone))) days.add(d);
  }
  return [...days].sort();
}
