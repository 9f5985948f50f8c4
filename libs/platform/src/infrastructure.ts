import { connect, NatsConnection } from '@nats-io/transport-node';
import Redis from 'ioredis';

export class UnreachableError extends Error {}

/** Connects to NATS, naming the address in the error instead of a stack trace. */
export async function connectNats(
  url: string,
  name: string,
  opts: { inboxPrefix?: string; user?: string; pass?: string; noAsyncTraces?: boolean } = {},
): Promise<NatsConnection> {
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

/** A service process's connection to its node's NATS server, named `<node>/<service>[/<part>]`. */
export function connectServiceNats(
  config: { NATS_URL: string; NODE_ID: string; SERVICE: string; NATS_USER?: string; NATS_PASSWORD?: string },
  part?: string,
  opts: { inboxPrefix?: string } = {},
): Promise<NatsConnection> {
  const name = [config.NODE_ID, config.SERVICE, part].filter(Boolean).join('/');
  const credentials = config.NATS_USER ? { user: config.NATS_USER, pass: config.NATS_PASSWORD } : {};
  // nats.js otherwise builds two Error objects (stack traces included) for every request, each
  // JetStream publish among them: most of the ingest gate's time in a city's catch-up.
  return connectNats(config.NATS_URL, name, { ...credentials, noAsyncTraces: true, ...opts });
}
