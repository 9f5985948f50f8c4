/**
 * The fixed-window rule: at most `limit` requests per identity in each window. Plain arithmetic,
 * so the counting store (Redis, shared by every edge replica) can be anything that increments.
 */
export interface WindowDecision {
  allowed: boolean;
  remaining: number;
  /** Seconds until the window resets: the `Retry-After` of a refusal. */
  resetSeconds: number;
}

export function windowStart(nowMs: number, windowMs: number): number {
  return Math.floor(nowMs / windowMs) * windowMs;
}

export function decide(count: number, limit: number, nowMs: number, windowMs: number): WindowDecision {
  const resetSeconds = Math.max(1, Math.ceil((windowStart(nowMs, windowMs) + windowMs - nowMs) / 1000));
  return { allowed: count <= limit, remaining: Math.max(0, limit - count), resetSeconds };
}
