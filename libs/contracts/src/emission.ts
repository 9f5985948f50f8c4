import type { EventDefinition } from './event-definition';

/**
 * An event a domain rule asks to be emitted: what a service hands to its unit of work, in the
 * same transaction as the state it came with.
 */
export interface Emission<T extends object = object> {
  event: EventDefinition<T>;
  aggregateId: string;
  /** The aggregate's version after the change the event reports. */
  aggregateVersion: number;
  data: T;
}

/** What a rule returns: the new state and the events it causes, in order. */
export interface Outcome<S> {
  state: S;
  events: Emission[];
}

export function emission<T extends object>(event: EventDefinition<T>, aggregate: { id: string; version: number }, data: T): Emission<T> {
  return { event, aggregateId: aggregate.id, aggregateVersion: aggregate.version, data };
}

/** Nothing to change, nothing to tell: a repeated request emits no second event. */
export function unchanged<S>(state: S): Outcome<S> {
  return { state, events: [] };
}
