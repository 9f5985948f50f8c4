import { DataSource } from 'typeorm';
import {
  createServiceDataSource,
  DatabaseTarget,
  dropDatabase,
  ensureDatabase,
  runMigrations,
  ServiceDataSourceOptions,
} from '@intercity/persistence';
import { testInfra } from './infra';
import { randomSuffix } from './random';

/** Every database a test creates carries it, and only such databases are ever dropped by tests. */
export const TEST_DATABASE_PREFIX = 'test_';

export interface TestDatabase {
  target: DatabaseTarget;
  drop(): Promise<void>;
}

/** A fresh, empty database of its own for one spec file: `test_<service>_<random>`. */
export async function createTestDatabase(service: string): Promise<TestDatabase> {
  const target: DatabaseTarget = {
    serverUrl: testInfra().pgUrl,
    database: `${TEST_DATABASE_PREFIX}${service.toLowerCase().replace(/[^a-z0-9]+/g, '_')}_${randomSuffix()}`,
  };
  await ensureDatabase(target);
  return { target, drop: () => dropTestDatabase(target) };
}

export async function dropTestDatabase(target: DatabaseTarget): Promise<void> {
  // A test pointed at real data by a stray PG_URL or a typo must not be able to destroy it.
  if (!target.database.startsWith(TEST_DATABASE_PREFIX)) {
    throw new Error(`refusing to drop "${target.database}": not a test database (no "${TEST_DATABASE_PREFIX}" prefix)`);
  }
  await dropDatabase(target);
}

export interface TestDataSource extends TestDatabase {
  dataSource: DataSource;
  /** Closes the pool, then drops the database. */
  close(): Promise<void>;
}

/**
 * A test database with a service's schema: the platform tables and the service's migrations, run
 * the way the service runs them at start.
 */
export async function createTestDataSource(
  service: string,
  { entities = [], migrations = [] }: Partial<Pick<ServiceDataSourceOptions, 'entities' | 'migrations'>> = {},
): Promise<TestDataSource> {
  const db = await createTestDatabase(service);
  const dataSource = createServiceDataSource({ target: db.target, entities, migrations, poolSize: 5, applicationName: `test-${service}` });
  try {
    await dataSource.initialize();
    await runMigrations(dataSource);
  } catch (e) {
    await dataSource.destroy().catch(() => undefined);
    await db.drop();
    throw e;
  }
  return {
    ...db,
    dataSource,
    async close() {
      if (dataSource.isInitialized) await dataSource.destroy();
      await db.drop();
    },
  };
}
