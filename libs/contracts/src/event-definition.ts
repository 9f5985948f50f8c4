/** A payload class: plain fields decorated with class-validator rules. */
export type PayloadClass<T extends object> = new () => T;

/** One version of one event type. Payloads of later versions only add optional fields. */
export interface EventDefinition<T extends object = object> {
  readonly type: string;
  readonly version: number;
  readonly aggregateType: string;
  readonly payload: PayloadClass<T>;
}

/** `<service>.<aggregate>.<fact>`, lower case: the subject is derived from it. */
const TYPE_FORMAT = /^[a-z][a-z0-9-]*\.[a-z][a-z0-9-]*\.[a-z][a-z0-9-]*$/;

export function defineEvent<T extends object>(
  type: string,
  version: number,
  aggregateType: string,
  payload: PayloadClass<T>,
): EventDefinition<T> {
  if (!TYPE_FORMAT.test(type)) throw new Error(`event type "${type}" is not <service>.<aggregate>.<fact>`);
  if (!Number.isInteger(version) || version < 1) throw new Error(`event ${type}: version must be a positive integer`);
  return Object.freeze({ type, version, aggregateType, payload });
}

/** The service that owns (publishes) an event type: its first token. */
export function owningService(type: string): string {
  return type.slice(0, type.indexOf('.'));
}

/**
 * Subjects derive from the type. A prefix keeps nodes' or test runs' streams apart on one server
 * (a stream's subjects may not overlap another's).
 */
export function subjectFor(type: string, prefix = ''): string {
  return `${prefix}${type}`;
}
