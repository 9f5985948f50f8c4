/** Where a sourced message came from: the source's name on the hub and its sequence there. */
export interface SourcePosition {
  source: string;
  seq: number;
}

/**
 * Reads the `Nats-Stream-Source` header the server puts on every sourced message:
 * `<stream>[:<hash of the other domain's API>] <sequence in that stream> …`.
 */
export function sourcePosition(header: string | undefined): SourcePosition | undefined {
  const [source, seq] = (header ?? '').trim().split(/\s+/);
  const n = Number(seq);
  return source && Number.isSafeInteger(n) && n > 0 ? { source, seq: n } : undefined;
}

export interface Gap {
  source: string;
  /** The first and last sequence of the city's stream that never arrived. */
  from: number;
  to: number;
}

/**
 * A city's stream numbers its events one by one, and the hub sources them in order, so a jump
 * means events left the city's stream (older than its retention) before the hub could read them.
 * A message seen again (a redelivery) moves nothing. Returns the new last sequences and the gaps.
 */
export function advance(last: ReadonlyMap<string, number>, arrivals: readonly SourcePosition[]): { last: Map<string, number>; gaps: Gap[] } {
  const next = new Map(last);
  const gaps: Gap[] = [];
  for (const { source, seq } of arrivals) {
    const before = next.get(source) ?? 0;
    if (seq <= before) continue;
    if (seq > before + 1) gaps.push({ source, from: before + 1, to: seq - 1 });
    next.set(source, seq);
  }
  return { last: next, gaps };
}

/**
 * What a stream no longer holds (below its first sequence) and was never read: events that aged
 * out while the reader was away. Found as soon as the reader looks at the stream, without waiting
 * for a later event to show the jump. Those sequences count as read from then on.
 */
export function expiredUnread(last: ReadonlyMap<string, number>, source: string, firstSeq: number): { last: Map<string, number>; gaps: Gap[] } {
  const next = new Map(last);
  const before = next.get(source) ?? 0;
  if (firstSeq - 1 <= before) return { last: next, gaps: [] };
  next.set(source, firstSeq - 1);
  return { last: next, gaps: [{ source, from: before + 1, to: firstSeq - 1 }] };
}
