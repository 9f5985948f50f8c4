import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { connect, NatsConnection } from '@nats-io/transport-node';
import { jetstreamManager } from '@nats-io/jetstream';
import { MessagingNamespace } from '@intercity/messaging';
import { createServiceDataSource, DatabaseTarget, databaseUrl, dropDatabase, ensureDatabase, runMigrations } from '@intercity/persistence';

export const PG_URL = process.env.PG_URL ?? 'postgres://postgres@127.0.0.1:5432';
export const NATS_URL = process.env.NATS_URL ?? 'nats://127.0.0.1:4222';

/**
 * What one run owns, apart from everyone else's on the same servers: databases named
 * `bench_<id>_*` and streams `B<ID>_*` on subjects `b<id>.*`. Everything is removed at the end.
 */
export class BenchEnv {
  readonly id = randomBytes(4).toString('hex');
  readonly databasePrefix = `bench_${this.id}_`;
  /** Where the relay and the raw publisher write (case 1), and the latency case's emitter. */
  readonly ns: MessagingNamespace = { subjectPrefix: `b${this.id}.`, streamPrefix: `B${this.id.toUpperCase()}_` };
  /** The raw publisher's own stream, so its copies of the same event ids are not deduplicated away. */
  readonly rawNs: MessagingNamespace = { subjectPrefix: `b${this.id}.raw.`, streamPrefix: `B${this.id.toUpperCase()}_RAW_` };
  /** The membership service child's namespace: its events reach none of this process's consumers. */
  readonly serviceNs: MessagingNamespace = { subjectPrefix: `b${this.id}.svc.`, streamPrefix: `B${this.id.toUpperCase()}_SVC_` };

  private readonly dataSources: DataSource[] = [];
  private readonly connections: NatsConnection[] = [];

  target(name: string): DatabaseTarget {
    return { serverUrl: PG_URL, database: `${this.databasePrefix}${name}` };
  }

  url(name: string): string {
    return databaseUrl(this.target(name));
  }

  /** A fresh database with the platform tables (outbox, inbox, idempotency keys) and `migrations`. */
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- TypeORM's own migration list type
  async database(name: string, migrations: Function[] = [], poolSize = 10): Promise<DataSource> {
    const target = this.target(name);
    await ensureDatabase(target);
    const ds = createServiceDataSource({ target, entities: [], migrations, poolSize, applicationName: `bench-${name}` });
    this.dataSources.push(ds);
    await ds.initialize();
    await runMigrations(ds);
    return ds;
  }

  async nats(name: string): Promise<NatsConnection> {
    const nc = await connect({ servers: NATS_URL.split(','), name: `bench-${this.id}-${name}` });
    this.connections.push(nc);
    return nc;
  }

  private cleaned?: Promise<void>;

  /** Closes what is open, deletes this run's streams and drops this run's databases (once). */
  cleanup(): Promise<void> {
    this.cleaned ??= this.removeAll();
    return this.cleaned;
  }

  private async removeAll(): Promise<void> {
    for (const ds of this.dataSources.splice(0)) if (ds.isInitialized) await ds.destroy().catch(() => undefined);
    try {
      const nc = await connect({ servers: NATS_URL.split(','), name: `bench-${this.id}-cleanup` });
      const jsm = await jetstreamManager(nc);
      const names: string[] = [];
      for await (const n of jsm.streams.names()) if (n.startsWith(this.ns.streamPrefix)) names.push(n);
      await Promise.all(names.map((n) => jsm.streams.delete(n)));
      await nc.close();
    } catch (e) {
      console.error(`bench: could not delete streams ${this.ns.streamPrefix}*: ${(e as Error).message}`);
    }
    for (const nc of this.connections.splice(0)) await nc.close().catch(() => undefined);
    const admin = new Client({ connectionString: databaseUrl({ serverUrl: PG_URL, database: 'postgres' }) });
    try {
      await admin.connect();
      const { rows } = await admin.query<{ datname: string }>('SELECT datname FROM pg_database WHERE starts_with(datname, $1)', [
        this.databasePrefix,
      ]);
      for (const { datname } of rows) await dropDatabase({ serverUrl: PG_URL, database: datname });
    } catch (e) {
      console.error(`bench: could not drop databases ${this.databasePrefix}*: ${(e as Error).message}`);
    } finally {
      await admin.end().catch(() => undefined);
    }
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/** Polls `probe` until it returns true; fails after `timeoutMs`. */
export async function until(description: string, probe: () => Promise<boolean>, timeoutMs: number, everyMs = 20): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await probe()) return;
    if (Date.now() > deadline) throw new Error(`bench: timed out after ${timeoutMs} ms waiting for ${description}`);
    await sleep(everyMs);
  }
}

export function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1));
  return sorted[i];
}
