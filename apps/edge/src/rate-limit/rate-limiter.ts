import type Redis from 'ioredis';
import { decide, WindowDecision, windowStart } from './fixed-window';

/** Counts requests per identity per window in Redis, so every edge replica shares one count. */
export class RateLimiter {
  constructor(
    private readonly redis: Redis,
    private readonly windowMs = 60_000,
  ) {}

  async hit(identity: string, limit: number, nowMs = Date.now()): Promise<WindowDecision> {
    const key = `intercity:rate:${identity}:${windowStart(nowMs, this.windowMs)}`;
    const [[, count]] = (await this.redis.multi().incr(key).pexpire(key, this.windowMs * 2).exec()) as [[Error | null, number]];
    return decide(count, limit, nowMs, this.windowMs);
  }
}
