import { EntityManager } from 'typeorm';

const IDENT = /^[a-z_][a-z0-9_]*$/;

export interface VersionedRow {
  /** Read-model table; it has `id` (primary key) and `source_version` columns. */
  table: string;
  id: string;
  /** The aggregate version the event left its owner at. */
  version: number;
  /** Column values of the copy at that version (snake_case column names). */
  values: Record<string, unknown>;
}

/**
 * Writes a copy of another service's aggregate unless the copy already holds that version or a
 * newer one. Redeliveries and out-of-order arrivals therefore never let a stale event overwrite
 * newer state (ARCHITECTURE §4.4). Returns whether the row changed.
 */
export async function applyIfNewer(manager: EntityManager, row: VersionedRow): Promise<boolean> {
  const columns = Object.keys(row.values);
  for (const c of [row.table, ...columns]) if (!IDENT.test(c)) throw new Error(`"${c}" is not a plain identifier`);
  const names = ['id', 'source_version', ...columns];
  const params = [row.id, row.version, ...columns.map((c) => toParam(row.values[c]))];
  const placeholders = names.map((_, i) => `$${i + 1}`).join(', ');
  const updates = ['source_version', ...columns].map((c) => `${c} = EXCLUDED.${c}`).join(', ');
  const result: unknown[] = await manager.query(
    `INSERT INTO ${row.table} (${names.join(', ')}) VALUES (${placeholders})
     ON CONFLICT (id) DO UPDATE SET ${updates}
     WHERE ${row.table}.source_version < EXCLUDED.source_version
     RETURNING 1`,
    params,
  );
  return result.length === 1;
}

function toParam(v: unknown): unknown {
  if (v !== null && typeof v === 'object' && !(v instanceof Date) && !Array.isArray(v)) return JSON.stringify(v);
  return v ?? null;
}
