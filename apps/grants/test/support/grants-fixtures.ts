import type { Response } from 'supertest';
import type { GrantsNode } from './grants-node';

/** Tables grants owns: a refused request leaves every row of them as it was. */
const OWN_TABLES = ['programmes', 'sub_grants', 'budget_lines', 'expenditure_reports', 'milestones', 'watch_notices', 'outbox', 'audit_trail', 'idempotency_keys'] as const;

/** A digest of every row of grants' own tables: equal before and after means nothing changed. */
export async function contents(node: GrantsNode): Promise<Record<string, string>> {
  const db = node.grants.db;
  const out: Record<string, string> = {};
  for (const t of OWN_TABLES) {
    const [{ present }] = await db.query(`SELECT to_regclass($1) IS NOT NULL AS present`, [t]);
    if (!present) continue;
    // The relay marks outbox rows sent in its own time: which events exist is what counts there.
    const row = t === 'outbox' ? 't.event_id::text' : 't::text';
    const [{ digest }] = await db.query(`SELECT md5(coalesce(string_agg(${row}, '|' ORDER BY ${row}), '')) AS digest FROM ${t} t`);
    out[t] = digest;
  }
  return out;
}

/** A 4xx application/problem+json naming the rule, and the field where one is to blame. */
export function expectProblem(res: Response, status: number, rule: string, field?: string): void {
  expect({ status: res.status, rule: res.body.rule, type: res.headers['content-type'] }).toEqual({
    status,
    rule,
    type: expect.stringMatching(/^application\/problem\+json/),
  });
  if (field !== undefined) expect(res.body.violations).toEqual(expect.arrayContaining([expect.objectContaining({ field, rule })]));
}

/**
 * A 400 from the request's shape, refused by the DTO before any domain rule runs: problem+json
 * naming the field and the DTO's constraint it broke.
 */
export function expectMalformed(res: Response, field: string, rule: string): void {
  expect({ status: res.status, type: res.headers['content-type'] }).toEqual({ status: 400, type: expect.stringMatching(/^application\/problem\+json/) });
  expect(res.body.violations).toEqual(expect.arrayContaining([expect.objectContaining({ field, rule })]));
}

/** Expects the status (200 unless told) and returns the body; otherwise fails naming the step. */
export async function ok<T = Record<string, unknown>>(req: PromiseLike<Response>, what: string, status = 200): Promise<T> {
  const res = await req;
  if (res.status !== status) throw new Error(`${what}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as T;
}
