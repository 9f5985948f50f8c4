/**
 * What a grants rule returns: the new state and the facts it causes, in order. Facts are plain
 * typed records in domain terms (Money with bigint minor units); the service maps each to its
 * versioned contract in libs/contracts/src/grants and writes it to the outbox in the same
 * transaction as the state.
 */
export type GrantAggregate = 'programme' | 'sub-grant' | 'city-report' | 'report-review' | 'milestone';

export interface Fact<T extends string = string, D extends object = object> {
  /** `grants.<aggregate>.<fact>`, past tense: the event type the service publishes. */
  type: T;
  aggregateType: GrantAggregate;
  aggregateId: string;
  /** The aggregate's version after the change the fact reports. */
  aggregateVersion: number;
  data: D;
}

export interface Outcome<S, F extends Fact = Fact> {
  state: S;
  facts: F[];
}

export function fact<T extends string, D extends object>(
  type: T,
  aggregateType: GrantAggregate,
  aggregate: { id: string; version: number },
  data: D,
): Fact<T, D> {
  return { type, aggregateType, aggregateId: aggregate.id, aggregateVersion: aggregate.version, data };
}

/** Nothing to change, nothing to tell: a repeated request emits no second fact. */
export function unchanged<S>(state: S): Outcome<S, never> {
  return { state, facts: [] };
}
