import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { NotificationKind } from '../notification/domain/vocabulary';
import { scopeOf, WebhookEndpoint } from './domain/webhook-endpoint';

export interface NewWebhookEndpoint extends Omit<WebhookEndpoint, 'scope' | 'active'> {
  /** As stored: sealed or as is (see WebhookOptions.secretKey). */
  secret: string;
}

/** Which endpoints a liaison may see: those of their cities, and of their cities' people. */
export interface EndpointFilter {
  networkId: string;
  memberIds?: readonly string[];
  limit: number;
  offset: number;
}

const toEndpoint = (r: Record<string, unknown>): WebhookEndpoint => {
  const memberId = (r.member_id as string) ?? null;
  const personId = (r.person_id as string) ?? null;
  return {
    id: r.id as string,
    scope: scopeOf({ memberId, personId }),
    networkId: r.network_id as string,
    memberId,
    personId,
    url: r.url as string,
    kinds: r.kinds as NotificationKind[],
    active: r.active as boolean,
    createdBy: r.created_by as string,
    createdAt: r.created_at as Date,
  };
};

const COLUMNS = 'id, network_id, member_id, person_id, url, kinds, active, created_by, created_at';

// TypeORM answers a bare UPDATE … RETURNING with [rows, count]: returned rows are read through a CTE.

/** Webhook endpoints, and the webhook side of a delivery's life. Secrets leave only through `secretOf`. */
@Injectable()
export class WebhookEndpointRepository {
  constructor(private readonly db: DataSource) {}

  /** A new endpoint, active, at version 1. */
  async insert(m: EntityManager, e: NewWebhookEndpoint): Promise<void> {
    await m.query(
      `INSERT INTO webhook_endpoints (id, network_id, member_id, person_id, url, secret, kinds, active, created_by, created_at, version)
       VALUES ($1, $2, $3, $4, $5, $6, $7, true, $8, $9, 1)`,
      [e.id, e.networkId, e.memberId, e.personId, e.url, e.secret, e.kinds, e.createdBy, e.createdAt],
    );
  }

  async get(id: string): Promise<WebhookEndpoint | undefined> {
    const [row] = await this.db.query(`SELECT ${COLUMNS} FROM webhook_endpoints WHERE id = $1`, [id]);
    return row ? toEndpoint(row) : undefined;
  }

  /** A network's endpoints, active first, then oldest first; only those of some cities when `memberIds` is given. */
  async list(f: EndpointFilter): Promise<{ items: WebhookEndpoint[]; total: number }> {
    const rows: Record<string, unknown>[] = await this.db.query(
      `SELECT ${COLUMNS}, count(*) OVER () AS total FROM webhook_endpoints e
        WHERE network_id = $1
          AND ($2::uuid[] IS NULL OR member_id = ANY ($2) OR person_id IN (SELECT id FROM people WHERE member_id = ANY ($2)))
        ORDER BY active DESC, created_at, id LIMIT $3 OFFSET $4`,
      [f.networkId, f.memberIds ?? null, f.limit, f.offset],
    );
    return { items: rows.map(toEndpoint), total: rows.length ? Number(rows[0].total) : 0 };
  }

  /** Deactivates an active endpoint: its version after, or null when it was not active (any more). */
  async deactivate(m: EntityManager, id: string): Promise<number | null> {
    const rows: { version: number }[] = await m.query(
      `WITH changed AS (UPDATE webhook_endpoints SET active = false, version = version + 1 WHERE id = $1 AND active RETURNING version) SELECT version FROM changed`,
      [id],
    );
    return rows[0]?.version ?? null;
  }

  /** Replaces the secret of an active endpoint: its version after, or null when it is not active (any more). */
  async replaceSecret(m: EntityManager, id: string, sealed: string): Promise<number | null> {
    const rows: { version: number }[] = await m.query(
      `WITH changed AS (UPDATE webhook_endpoints SET secret = $2, version = version + 1 WHERE id = $1 AND active RETURNING version) SELECT version FROM changed`,
      [id, sealed],
    );
    return rows[0]?.version ?? null;
  }

  /** Where a delivery goes: the endpoint's URL, whether it is active, and its secret as stored. */
  async target(id: string): Promise<{ url: string; active: boolean; secret: string } | undefined> {
    const [row] = await this.db.query(`SELECT url, active, secret FROM webhook_endpoints WHERE id = $1`, [id]);
    return row;
  }

  /**
   * The active endpoints a person's notification of this kind goes to (their 'webhook' channel):
   * their network's, their city's and their own, each subscribed to the kind.
   */
  async endpointsFor(networkId: string, memberId: string | null, personId: string, kind: NotificationKind, m: EntityManager = this.db.manager): Promise<{ id: string }[]> {
    return m.query(
      `SELECT id FROM webhook_endpoints
        WHERE active AND network_id = $1 AND $4 = ANY (kinds)
          AND ((member_id IS NULL AND person_id IS NULL) OR member_id = $2 OR person_id = $3)
        ORDER BY created_at, id`,
      [networkId, memberId, personId, kind],
    );
  }

  /**
   * Takes over a webhook delivery left in `sending` before `staleBefore` (its worker died mid-POST):
   * the next attempt's number, or null. Unlike e-mail this is safe: the retry carries the same
   * webhook-id, by which receivers drop what they already had.
   */
  async reclaimStale(deliveryId: string, now: Date, staleBefore: Date): Promise<number | null> {
    const rows: { attempts: number }[] = await this.db.query(
      `WITH taken AS (
         UPDATE deliveries SET attempts = attempts + 1, updated_at = $2
          WHERE id = $1 AND channel = 'webhook' AND status = 'sending' AND updated_at <= $3 RETURNING attempts
       ) SELECT attempts FROM taken`,
      [deliveryId, now, staleBefore],
    );
    return rows[0]?.attempts ?? null;
  }
}
