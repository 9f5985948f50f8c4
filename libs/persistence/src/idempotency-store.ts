import { EntityManager } from 'typeorm';

export interface StoredReply {
  requestHash: string;
  status: number;
  body: unknown;
  headers: Record<string, string>;
}

/**
 * Replies kept for `Idempotency-Key`: written in the same transaction as the change, so a retried
 * request either sees the stored reply or finds nothing done.
 */
export class IdempotencyStore {
  async find(manager: EntityManager, scope: string, key: string): Promise<StoredReply | undefined> {
    const rows: { request_hash: string; status: number; body: unknown; headers: Record<string, string> }[] =
      await manager.query(
        'SELECT request_hash, status, body, headers FROM idempotency_keys WHERE scope = $1 AND key = $2',
        [scope, key],
      );
    const r = rows[0];
    return r && { requestHash: r.request_hash, status: r.status, body: r.body, headers: r.headers };
  }

  /** Takes the key for this transaction; a concurrent request with the same key waits on it. */
  async lock(manager: EntityManager, scope: string, key: string): Promise<void> {
    await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`idempotency:${scope}:${key}`]);
  }

  async save(manager: EntityManager, scope: string, key: string, reply: StoredReply): Promise<void> {
    await manager.query(
      `INSERT INTO idempotency_keys (scope, key, request_hash, status, body, headers) VALUES ($1, $2, $3, $4, $5, $6)`,
      [scope, key, reply.requestHash, reply.status, JSON.stringify(reply.body ?? null), JSON.stringify(reply.headers)],
    );
  }

  /**
   * Replaces every kept reply about one resource (the `id` in its body), e.g. once a person's
   * data is erased: a retry then gets the erased record, never the personal data.
   */
  async rewriteReplies(manager: EntityManager, resourceId: string, body: unknown): Promise<void> {
    await manager.query(`UPDATE idempotency_keys SET body = $2 WHERE body->>'id' = $1`, [resourceId, JSON.stringify(body ?? null)]);
  }

  async purgeOlderThan(manager: EntityManager, hours: number): Promise<number> {
    const res = await manager.query(`DELETE FROM idempotency_keys WHERE created_at < now() - make_interval(hours => $1)`, [hours]);
    return Array.isArray(res) ? Number(res[1] ?? 0) : 0;
  }
}
