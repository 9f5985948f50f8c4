/** What every aggregate of this service carries: a version bumped on each change. */
export interface Versioned {
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

function same(a: unknown, b: unknown): boolean {
  // Values here are strings, numbers, booleans, null and arrays of strings.
  return a === b || JSON.stringify(a) === JSON.stringify(b);
}

/**
 * The aggregate after `changes` (fields left undefined stay as they are), at the next version; or
 * undefined when nothing would change, so a repeated PATCH emits no event and keeps its ETag.
 */
export function revise<T extends Versioned>(current: T, changes: Partial<Omit<T, keyof Versioned>>, now: Date): T | undefined {
  const defined = Object.entries(changes).filter(([, v]) => v !== undefined);
  if (defined.every(([k, v]) => same(current[k as keyof T], v))) return undefined;
  return { ...current, ...Object.fromEntries(defined), version: current.version + 1, updatedAt: now };
}

/** Versioned fields of a new aggregate. */
export function firstVersion(now: Date): Versioned {
  return { version: 1, createdAt: now, updatedAt: now };
}

/** `T` with its nullable fields made optional and non-null: the shape of an event payload. */
export type Present<T> = { [K in keyof T as null extends T[K] ? never : K]: T[K] } & {
  [K in keyof T as null extends T[K] ? K : never]?: Exclude<T[K], null>;
};

/** Drops null fields: event payloads leave absent optional fields out rather than send null. */
export function present<T extends object>(o: T): Present<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== null && v !== undefined)) as Present<T>;
}
