import { DataSource, MixedList, EntitySchema } from 'typeorm';
import { types as pgTypes } from 'pg';
import { DatabaseTarget, databaseUrl } from './database-config';
import { PlatformTables1732300000000 } from './migrations/1732300000000-platform-tables';
import { AuditTrail1732500000000 } from './migrations/1732500000000-audit-trail';

export interface ServiceDataSourceOptions {
  target: DatabaseTarget;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- TypeORM's own entity list type
  entities: MixedList<Function | string | EntitySchema>;
  /** The service's own migrations; the platform's tables (outbox, inbox, idempotency) come first. */
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- TypeORM's own migration list type
  migrations: Function[];
  poolSize?: number;
  applicationName?: string;
}

const DATE_OID = 1082;

/**
 * `date` columns hold local dates (a visit day in the host's calendar). node-pg would make each a
 * JS Date at midnight in the process's time zone; kept as 'YYYY-MM-DD' text, no zone can shift it.
 */
const pgTypeParsers = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === DATE_OID ? (value: string) => value : pgTypes.getTypeParser(oid, format)) as typeof pgTypes.getTypeParser,
};

export function createServiceDataSource(opts: ServiceDataSourceOptions): DataSource {
  return new DataSource({
    type: 'postgres',
    url: databaseUrl(opts.target),
    entities: opts.entities,
    migrations: [PlatformTables1732300000000, AuditTrail1732500000000, ...opts.migrations],
    migrationsTableName: 'migrations',
    // Schema changes only ever come from reviewed migrations (ARCHITECTURE §8).
    synchronize: false,
    migrationsRun: false,
    poolSize: opts.poolSize ?? 10,
    applicationName: opts.applicationName,
    extra: { application_name: opts.applicationName, types: pgTypeParsers },
  });
}

/** Runs pending migrations in one transaction each; safe to call from several processes at once. */
export async function runMigrations(ds: DataSource): Promise<string[]> {
  const runner = ds.createQueryRunner();
  await runner.connect();
  try {
    // Two processes starting together must not both apply the same migration.
    await runner.query(`SELECT pg_advisory_lock(hashtext('intercity:migrations'))`);
    const done = await ds.runMigrations({ transaction: 'each' });
    return done.map((m) => m.name);
  } finally {
    await runner.query(`SELECT pg_advisory_unlock(hashtext('intercity:migrations'))`).catch(() => undefined);
    await runner.release();
  }
}
