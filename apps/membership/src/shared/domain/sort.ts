export type SortDirection = 'ASC' | 'DESC';

/** `name,-createdAt` → [['name','ASC'], ['createdAt','DESC']]. */
export function parseSort(spec: string): [string, SortDirection][] {
  return spec
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((s) => (s.startsWith('-') ? [s.slice(1), 'DESC'] : [s.replace(/^\+/, ''), 'ASC']));
}

/** Fields of a sort spec that are not on the resource's list (each only once). */
export function unknownSortFields(spec: string, allowed: readonly string[]): string[] {
  return [...new Set(parseSort(spec).map(([f]) => f))].filter((f) => !allowed.includes(f));
}
