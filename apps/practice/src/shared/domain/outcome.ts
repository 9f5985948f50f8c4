import type { EventDefinition } from '@intercity/contracts';

/**
 * An event a rule asks to be emitted: what the service hands to the unit of work's `emit`, in
 * the same transaction as the state it came with.
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

export const iso = (instant: Date): string => instant.toISOString();

export const isoOrNull = (instant: Date | null): string | null => (instant ? instant.toISOString() : null);
