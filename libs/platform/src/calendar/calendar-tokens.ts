import { DataSource } from 'typeorm';
import { hashCalendarSecret, isCalendarSecret, newCalendarSecret } from './calendar-secret';

/**
 * Where a service keeps its secret feed links: a table with `secret_hash` (unique, SHA-256 hex),
 * `issued_by`, `issued_at` and the key columns naming whose feed a link opens (one link per key).
 */
export interface CalendarTokenTable<K extends string> {
  table: string;
  keys: readonly K[];
}

const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;

/**
 * Secret links to calendar feeds, for calendar clients that cannot send a bearer token. Issuing a
 * link replaces the key's earlier one (rotation); only the secret's hash is stored, so the link
 * is shown once. A service checks who may issue before it calls `issue`.
 */
export class CalendarTokens<K extends string> {
  constructor(
    private readonly db: DataSource,
    private readonly where: CalendarTokenTable<K>,
  ) {
    for (const name of [where.table, ...where.keys]) if (!IDENTIFIER.test(name)) throw new Error(`not an SQL identifier: ${name}`);
  }

  /** A new secret for the key, replacing any earlier one. */
  async issue(key: Readonly<Record<K, string>>, issuedBy: string, issuedAt: Date): Promise<string> {
    const secret = newCalendarSecret();
    const { table, keys } = this.where;
    const columns = [...keys, 'secret_hash', 'issued_by', 'issued_at'];
    const values = [...keys.map((k) => key[k]), hashCalendarSecret(secret), issuedBy, issuedAt];
    await this.db.query(
      `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map((_, i) => `$${i + 1}`).join(', ')})
       ON CONFLICT (${keys.join(', ')}) DO UPDATE SET secret_hash = EXCLUDED.secret_hash, issued_by = EXCLUDED.issued_by, issued_at = EXCLUDED.issued_at`,
      values,
    );
    return secret;
  }

  /** Whose feed a secret opens; undefined for a malformed, unknown or replaced secret. */
  async resolve(secret: string): Promise<Record<K, string> | undefined> {
    if (!isCalendarSecret(secret)) return undefined;
    const { table, keys } = this.where;
    const [row] = await this.db.query(`SELECT ${keys.map((k) => `${k}::text AS ${k}`).join(', ')} FROM ${table} WHERE secret_hash = $1`, [hashCalendarSecret(secret)]);
    return (row as Record<K, string> | undefined) ?? undefined;
  }
}
