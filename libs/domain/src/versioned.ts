/** What every aggregate carries: a version bumped on each change, and when it was made and last changed. */
export interface Versioned {
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

/** Versioned fields of a new aggregate. */
export function firstVersion(now: Date): Versioned {
  return { version: 1, createdAt: now, updatedAt: now };
}

/** The aggregate at its next version: every change, however small, gets its own number. */
export function nextVersion<T extends Versioned>(current: T, changes: Partial<Omit<T, keyof Versioned>>, now: Date): T {
  return { ...current, ...changes, version: current.version + 1, updatedAt: now };
}

/** `T` with its nullable fields made optional and non-null: the shape of an event payload. */
export type Present<T> = { [K in keyof T as null extends T[K] ? never : K]: T[K] } & {
  [K in keyof T as null extends T[K] ? K : never]?: Exclude<T[K], null>;
};

/** Drops null fields: event payloads leave absent optional fields out rather than send null. */
export function present<T extends object>(o: T): Present<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== null && v !== undefined)) as Present<T>;
}

/**
 * What a copy of another node's aggregate holds after one more of its events: the newer version's
 * state, whatever the order events arrive in, so a redelivered or stale event changes nothing
 * (ARCHITECTURE §4.4); it was created when the earliest version seen says.
 */
export function newerCopy<T extends Versioned>(held: T | undefined, incoming: T): T {
  if (!held) return incoming;
  const createdAt = held.createdAt <= incoming.createdAt ? held.createdAt : incoming.createdAt;
  const newer = incoming.version > held.version ? incoming : held;
  return { ...newer, createdAt };
}

/** A copy's version fields from the event that carried its state: its aggregate version, written then. */
export function versionOfEvent(e: { aggregate: { version: number }; occurredAt: string }): Versioned {
  const at = new Date(e.occurredAt);
  if (Number.isNaN(at.getTime())) throw new TypeError(`occurredAt "${e.occurredAt}" is not an instant`);
  return { version: e.aggregate.version, createdAt: at, updatedAt: at };
}
