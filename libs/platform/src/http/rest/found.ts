import { ProblemException } from '../problem';

/** The aggregate, or a 404 problem naming what was looked for (`member.exists`). */
export function found<T>(value: T | undefined, what: string, id: string): T {
  if (value === undefined) throw ProblemException.notFound(what, id);
  return value;
}
