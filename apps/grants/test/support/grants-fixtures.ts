import type { Response } from 'supertest';
import { expectRuleProblem, tableDigest } from '@intercity/service-testing';
import type { GrantsNode } from './grants-node';

/** Tables grants owns: a refused request leaves every row of them as it was. */
const OWN_TABLES = ['programmes', 'sub_grants', 'budget_lines', 'expenditure_reports', 'milestones', 'watch_notices', 'outbox', 'audit_trail', 'idempotency_keys'] as const;

/** A digest of every row of grants' own tables: equal before and after means nothing changed. */
export const contents = (node: GrantsNode): Promise<Record<string, string>> => tableDigest(node.grants.db, OWN_TABLES);

export { expectRuleProblem as expectProblem };

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
