import { Client } from 'pg';
import { DatabaseTarget, databaseUrl } from './database-config';

const SAFE_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/** Creates the service's database when it does not exist yet; harmless when it does. */
export async function ensureDatabase(target: DatabaseTarget): Promise<void> {
  if (!SAFE_NAME.test(target.database)) throw new Error(`database name "${target.database}" is not a plain identifier`);
  const admin = new Client({ connectionString: databaseUrl({ ...target, database: 'postgres' }) });
  await admin.connect();
  try {
    const { rowCount } = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [target.database]);
    if (!rowCount) {
      try {
        await admin.query(`CREATE DATABASE "${target.database}"`);
      } catch (e) {
        // Another process created it between our check and our CREATE.
        if ((e as { code?: string }).code !== '42P04' && (e as { code?: string }).code !== '23505') throw e;
      }
    }
  } finally {
    await admin.end();
  }
}

export async function dropDatabase(target: DatabaseTarget): Promise<void> {
  if (!SAFE_NAME.test(target.database)) throw new Error(`database name "${target.database}" is not a plain identifier`);
  const admin = new Client({ connectionString: databaseUrl({ ...target, database: 'postgres' }) });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS "${target.database}" WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}
