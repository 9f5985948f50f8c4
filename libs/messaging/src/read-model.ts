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
  const columns = checkedColumns(row);
  const names = ['id', 'source_version', ...columns];
  const params = [row.id, row.version, ...columns.map((c) => toParam(row.values[c]))];
  const placeholders = names.map((_, i) => `$${i + 1}`).join(', ');
  const result: unknown[] = await manager.query(
    `INSERT INTO ${row.table} (${names.join(', ')}) VALUES (${placeholders})
     ON CONFLICT (id) DO UPDATE SET ${newerWins(row.table, columns)}
     RETURNING 1`,
    params,
  );
  return result.length === 1;
}

/**
 * The same as applying each row with `applyIfNewer` in order, in as few statements as the rows
 * allow: one per table and set of columns, and a further round for each row whose copy an earlier
 * row of the same call already wrote (one statement can't upsert a row twice, and the second
 * write must see the first). A catch-up of thousands of copies is then a few statements, not
 * thousands of round trips.
 */
export async function applyAllIfNewer(manager: EntityManager, rows: readonly VersionedRow[]): Promise<void> {
  for (const round of rounds(rows)) {
    for (const group of byShape(round)) {
      const { table, columns } = group;
      const names = ['id', 'source_version', ...columns];
      const records = group.rows.map((r) => {
        const record: Record<string, unknown> = { id: r.id, source_version: r.version };
        for (const c of columns) record[c] = r.values[c] ?? null;
        return record;
      });
      // The table's own row type converts each JSON value to its column's type (arrays, dates, jsonb).
      await manager.query(
        `INSERT INTO ${table} (${names.join(', ')})
         SELECT ${names.join(', ')} FROM jsonb_populate_recordset(NULL::${table}, $1::jsonb)
         ON CONFLICT (id) DO UPDATE SET ${newerWins(table, columns)}`,
        [JSON.stringify(records)],
      );
    }
  }
}

/**
 * Copies that handlers of one transaction staged, written together (`applyAllIfNewer`) when the
 * consumer flushes them: before a handler that reads or writes anything itself, and before commit.
 */
export class StagedCopies {
  private rows: VersionedRow[] = [];

  stage(row: VersionedRow): void {
    checkedColumns(row);
    this.rows.push(row);
  }

  get size(): number {
    return this.rows.length;
  }

  async flush(manager: EntityManager): Promise<void> {
    if (!this.rows.length) return;
    const rows = this.rows;
    this.rows = [];
    await applyAllIfNewer(manager, rows);
  }
}

/** Round k holds the k-th row staged for each copy, in staging order. */
function rounds(rows: readonly VersionedRow[]): VersionedRow[][] {
  const seen = new Map<string, number>();
  const out: VersionedRow[][] = [];
  for (const row of rows) {
    const key = `${row.table}\u0000${row.id}`;
    const k = seen.get(key) ?? 0;
    seen.set(key, k + 1);
    (out[k] ??= []).push(row);
  }
  return out;
}

function byShape(rows: readonly VersionedRow[]): { table: string; columns: string[]; rows: VersionedRow[] }[] {
  const groups = new Map<string, { table: string; columns: string[]; rows: VersionedRow[] }>();
  for (const row of rows) {
    const columns = Object.keys(row.values).sort();
    const key = `${row.table}(${columns.join(',')})`;
    const group = groups.get(key) ?? { table: row.table, columns, rows: [] };
    group.rows.push(row);
    groups.set(key, group);
  }
  return [...groups.values()];
}

function checkedColumns(row: VersionedRow): string[] {
  const columns = Object.keys(row.values);
  for (const c of [row.table, ...columns]) if (!IDENT.test(c)) throw new Error(`"${c}" is not a plain identifier`);
  return columns;
}

function newerWins(table: string, columns: readonly string[]): string {
  const updates = ['source_version', ...columns].map((c) => `${c} = EXCLUDED.${c}`).join(', ');
  return `${updates} WHERE ${table}.source_version < EXCLUDED.source_version`;
}

function toParam(v: unknown): unknown {
  if (v !== null && typeof v === 'object' && !(v instanceof Date) && !Array.isArray(v)) return JSON.stringify(v);
  return v ?? null;
}

/**
 * A copy of an aggregate another node writes (`newerCopy` in the database): its state only if newer
 * than the copy's, then the earliest `created_at` of every version seen, so events arriving in any
 * order end at the same row.
 */
export async function keepNewerCopy(manager: EntityManager, row: VersionedRow & { createdAt: Date; updatedAt: Date }): Promise<void> {
  await applyIfNewer(manager, { table: row.table, id: row.id, version: row.version, values: { ...row.values, updated_at: row.updatedAt.toISOString() } });
  await manager.query(`UPDATE ${row.table} SET created_at = $2 WHERE id = $1 AND (created_at IS NULL OR created_at > $2)`, [row.id, row.createdAt.toISOString()]);
}
