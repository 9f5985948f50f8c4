import type { Response } from 'supertest';
import type { DataSource } from 'typeorm';

/**
 * A digest of every row of the given tables: equal before and after a refused request means it
 * changed nothing. The relay marks outbox rows sent in its own time, so there only which events
 * exist counts. Tables not created (yet) are left out.
 */
export async function tableDigest(db: DataSource, tables: readonly string[]): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const t of tables) {
    const [{ present }] = await db.query(`SELECT to_regclass($1) IS NOT NULL AS present`, [t]);
    if (!present) continue;
    const row = t === 'outbox' ? 't.event_id::text' : 't::text';
    const [{ digest }] = await db.query(`SELECT md5(coalesce(string_agg(${row}, '|' ORDER BY ${row}), '')) AS digest FROM ${t} t`);
    out[t] = digest;
  }
  return out;
}

/** A 4xx application/problem+json naming the rule, and the field where one is to blame. */
export function expectRuleProblem(res: Response, status: number, rule: string, field?: string): void {
  expect({ status: res.status, rule: res.body.rule, type: res.headers['content-type'] }).toEqual({
    status,
    rule,
    type: expect.stringMatching(/^application\/problem\+json/),
  });
  if (field !== undefined) expect(res.body.violations).toEqual(expect.arrayContaining([expect.objectContaining({ field, rule })]));
}
