import type { Response } from 'supertest';
import { expectRuleProblem, tableDigest } from '@intercity/service-testing';
import { randomSuffix, waitFor } from '@intercity/testing';
import { created, ExchangeWorld, ExchangesNode } from './exchanges-node';

/** Tables exchanges owns: a rejected request leaves every row of them as it was. */
const OWN_TABLES = ['pairings', 'visits', 'visitors', 'blackouts', 'calendar_tokens', 'outbox', 'audit_trail', 'idempotency_keys'] as const;

/** A digest of every row of exchanges' own tables: equal before and after means nothing changed. */
export const contents = (node: ExchangesNode): Promise<Record<string, string>> => tableDigest(node.exchanges.db, OWN_TABLES);

export { expectRuleProblem as expectProblem };

/** A 400 from the request's shape (no domain rule): problem+json naming the field. */
export function expectMalformed(res: Response, field: string): void {
  expect({ status: res.status, type: res.headers['content-type'] }).toEqual({ status: 400, type: expect.stringMatching(/^application\/problem\+json/) });
  expect((res.body.violations ?? []).map((v: { field: string }) => v.field)).toContain(field);
}

/** A fresh community of the project, led by Offenbach with Ravenna and Cartagena, once exchanges' copy has it. */
export async function givenCommunity(node: ExchangesNode, world: ExchangeWorld, memberIds = [world.ravenna, world.cartagena]): Promise<string> {
  const p = node.practice;
  const { id } = await created(
    p.http.post(p.path('communities')).send({ projectId: world.projectId, name: `Community ${randomSuffix()}`, theme: 'One-stop-shops', leadMemberId: world.offenbach, memberIds }),
    'community',
  );
  await waitFor(async () => (await node.exchanges.db.query(`SELECT 1 FROM communities WHERE id = $1`, [id])).length === 1, { description: "exchanges' copy of the community" });
  return id;
}

/** Many people of a member at once, once exchanges' copies (and practice's) have them. */
export async function givenStaff(node: ExchangesNode, memberId: string, n: number): Promise<string[]> {
  const m = node.membership;
  const ids = await Promise.all(
    Array.from({ length: n }, async (_, i) => {
      const { id } = await created(
        m.http.post(m.path('people')).send({
          memberId,
          givenName: `Staff${i}`,
          familyName: `x${randomSuffix()}`,
          email: `staff${i}.${randomSuffix()}@example.org`,
          functions: ['integration-officer'],
          preferredLanguage: 'en',
        }),
        'person',
      );
      return id;
    }),
  );
  const known = async (db: ExchangesNode['exchanges']['db']) => {
    const [{ n: count }] = await db.query(`SELECT count(*)::int AS n FROM people WHERE id = ANY ($1::uuid[]) AND NOT erased`, [ids]);
    return count === ids.length;
  };
  await waitFor(async () => (await known(node.exchanges.db)) && (await known(node.practice.db)), { description: `copies of ${n} people`, timeoutMs: 30_000 });
  return ids;
}

/** Expects 200 (or what is given) and returns the body; otherwise fails naming the step. */
export async function ok<T = Record<string, unknown>>(req: PromiseLike<Response>, what: string, status = 200): Promise<T> {
  const res = await req;
  if (res.status !== status) throw new Error(`${what}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as T;
}
