import { Client } from 'pg';
import Redis from 'ioredis';
import { connect } from '@nats-io/transport-node';
import { jetstreamManager } from '@nats-io/jetstream';

export interface Unreachable {
  what: string;
  address: string;
  problem: string;
  variable: string;
  composeService: string;
}

const hostOf = (url: string) => {
  const u = new URL(url.split(',')[0]);
  return `${u.hostname}:${u.port}`;
};

/**
 * Asks each piece of infrastructure the node needs whether it answers, and says what to do if not.
 * `nats: false` when the caller runs its own NATS servers (npm run start:network).
 */
export async function checkInfrastructure(env: NodeJS.ProcessEnv = process.env, opts: { nats?: boolean } = {}): Promise<Unreachable[]> {
  const pgUrl = env.PG_URL ?? 'postgres://postgres@127.0.0.1:5432';
  const natsUrl = env.NATS_URL ?? 'nats://127.0.0.1:4222';
  const redisUrl = env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  const results = await Promise.all([
    probe('PostgreSQL', hostOf(pgUrl), 'PG_URL', 'postgres', async () => {
      const url = new URL(pgUrl);
      url.pathname = '/postgres';
      const c = new Client({ connectionString: url.toString(), connectionTimeoutMillis: 3_000 });
      await c.connect();
      await c.end();
    }),
    opts.nats === false
      ? undefined
      : probe('NATS with JetStream', hostOf(natsUrl.startsWith('nats://') ? natsUrl : `nats://${natsUrl}`), 'NATS_URL', 'nats', async () => {
        const nc = await connect({ servers: natsUrl.split(','), timeout: 3_000, reconnect: false });
        try {
          await (await jetstreamManager(nc, { timeout: 3_000 })).getAccountInfo();
        } catch (e) {
          throw new Error(`NATS answers but JetStream does not (${(e as Error).message}); start nats-server with -js`);
        } finally {
          await nc.close();
        }
      }),
    probe('Redis', hostOf(redisUrl), 'REDIS_URL', 'redis', async () => {
      const r = new Redis(redisUrl, { lazyConnect: true, connectTimeout: 3_000, maxRetriesPerRequest: 0, retryStrategy: () => null });
      try {
        await r.connect();
        await r.ping();
      } finally {
        r.disconnect();
      }
    }),
  ]);
  return results.filter((r): r is Unreachable => r !== undefined);
}

async function probe(what: string, address: string, variable: string, composeService: string, check: () => Promise<void>) {
  try {
    await check();
    return undefined;
  } catch (e) {
    return { what, address, problem: (e as Error).message || String(e), variable, composeService };
  }
}
