import { connect, NatsConnection } from '@nats-io/transport-node';
import Redis from 'ioredis';

export class UnreachableError extends Error {}

/** Connects to NATS, naming the address in the error instead of a stack trace. */
export async function connectNats(url: string, name: string, opts: { inboxPrefix?: string } = {}): Promise<NatsConnection> {
  try {
    return await connect({ servers: url.split(','), name, maxReconnectAttempts: -1, timeout: 5_000, ...opts });
  } catch (e) {
    throw new UnreachableError(`NATS is not reachable at ${url} (${(e as Error).message})`);
  }
}

export function createRedis(url: string): Redis {
  // BullMQ needs maxRetriesPerRequest null; health checks ping with their own timeout.
  return new Redis(url, { maxRetriesPerRequest: null, lazyConnect: true, enableOfflineQueue: true });
}
