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
 * Events that carry a person's personal data. They stay on the person's home node and the hub
 * (ARCHITECTURE §6), so they have a stream of their own, `PEOPLE`, that no other node reads:
 * a city pulls every other stream of the hub, never this one.
 */
export const PEOPLE_STREAM = 'people';
const PERSONAL_DATA_TYPES = 'membership.person.';

export function carriesPersonalData(type: string): boolean {
  return type.startsWith(PERSONAL_DATA_TYPES);
}

/**
 * The stream an event type is kept in, and the first token of its subject: the owning service,
 * or `people` for personal data.
 */
export function streamKeyOf(type: string): string {
  return carriesPersonalData(type) ? PEOPLE_STREAM : owningService(type);
}

/**
 * Subjects derive from the type: `exchanges.visit.scheduled`, and personal data under its own
 * stream's token, `people.membership.person.registered`. A prefix keeps nodes' or test runs'
 * streams apart on one server (a stream's subjects may not overlap another's).
 */
export function subjectFor(type: string, prefix = ''): string {
  return carriesPersonalData(type) ? `${prefix}${PEOPLE_STREAM}.${type}` : `${prefix}${type}`;
}
