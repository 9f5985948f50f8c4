import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { Channel, DeliveryStatus, NotificationKind } from '../notification/domain/vocabulary';
import type { TemplateValue } from '../notification/domain/intent';
import { Coalescer } from './coalescer';

/** A notification as stored: who is told what, in which language. */
export interface StoredNotification {
  id: string;
  key: string;
  kind: NotificationKind;
  personId: string;
  networkId: string;
  memberId: string | null;
  subject: { type: string; id: string };
  facts: Record<string, TemplateValue>;
  eventId: string;
  language: string;
  inApp: boolean;
  readAt: Date | null;
  createdAt: Date;
}

export interface StoredDelivery {
  id: string;
  notificationId: string;
  channel: Channel;
  endpointId: string | null;
  digestId: string | null;
  status: DeliveryStatus | 'held' | 'cancelled';
  notBefore: Date;
  attempts: number;
  lastError: string | null;
  sentAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

/** An e-mail delivery just claimed, with what composing its message needs. */
export interface ClaimedEmail {
  attempt: number;
  notificationId: string;
  /** Null when the notification is gone (it should not be). */
  notification: { kind: NotificationKind; language: string; facts: Record<string, TemplateValue>; personId: string } | null;
  /** Null when the person was erased (or is not known here); `timeZone` null when their city is not known. */
  person: { givenName: string; familyName: string; email: string | null; timeZone: string | null } | null;
}

export interface NewDelivery {
  id: string;
  notificationId: string;
  channel: Channel;
  endpointId: string | null;
  status: 'held' | 'queued';
  notBefore: Date;
  periodKey: string | null;
}

const toNotification = (r: Record<string, unknown>): StoredNotification => ({
  id: r.id as string,
  key: r.key as string,
  kind: r.kind as NotificationKind,
  personId: r.person_id as string,
  networkId: r.network_id as string,
  memberId: (r.member_id as string) ?? null,
  subject: { type: r.subject_type as string, id: r.subject_id as string },
  facts: r.facts as Record<string, TemplateValue>,
  eventId: r.event_id as string,
  language: r.language as string,
  inApp: r.in_app as boolean,
  readAt: (r.read_at as Date) ?? null,
  createdAt: r.created_at as Date,
});

const toDelivery = (r: Record<string, unknown>): StoredDelivery => ({
  id: r.id as string,
  notificationId: r.notification_id as string,
  channel: r.channel as Channel,
  endpointId: (r.endpoint_id as string) ?? null,
  digestId: (r.digest_id as string) ?? null,
  status: r.status as StoredDelivery['status'],
  notBefore: r.not_before as Date,
  attempts: r.attempts as number,
  lastError: (r.last_error as string) ?? null,
  sentAt: (r.sent_at as Date) ?? null,
  createdAt: r.created_at as Date,
  updatedAt: r.updated_at as Date,
});

/**
 * Notifications and their deliveries. A delivery moves queued → sending → sent (or failed,
 * parked) by conditional updates, so of two workers holding the same job only one sends; a
 * delivery left in `sending` by a worker that died is never sent again by e-mail (it may have
 * gone out): it becomes `uncertain`, for an admin to resend.
 */
@Injectable()
export class DeliveryRepository {
  constructor(private readonly db: DataSource) {}

  /**
   * Stores a fan-out's notifications and their deliveries in one statement. A notification whose
   * key exists already (a redelivered event) is skipped with its deliveries, and so is a delivery
   * whose id or channel exists: what comes back is only what this call inserted, so a redelivered
   * event adds nothing and gets no job. Rows are written in key order, so two transactions
   * storing overlapping fan-outs wait for each other instead of deadlocking.
   */
  async insertFanout(
    m: EntityManager,
    notifications: readonly Omit<StoredNotification, 'readAt' | 'createdAt'>[],
    deliveries: readonly NewDelivery[],
    now: Date,
  ): Promise<{ notificationIds: Set<string>; deliveryIds: Set<string> }> {
    if (!notifications.length) return { notificationIds: new Set(), deliveryIds: new Set() };
    const ns = [...notifications].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    // Most fan-outs print the same facts for everyone: each distinct object is serialised once.
    const json = new Map<object, string>();
    const factsOf = (f: object) => json.get(f) ?? json.set(f, JSON.stringify(f)).get(f)!;
    const [row]: { notifications: string[] | null; deliveries: string[] | null }[] = await m.query(
      `WITH n AS (
         INSERT INTO notifications (id, key, kind, person_id, network_id, member_id, subject_type, subject_id, facts, event_id, language, in_app, created_at)
         SELECT id, key, kind, person_id, network_id, member_id, subject_type, subject_id, facts::jsonb, event_id, language, in_app, $13
           FROM unnest($1::uuid[], $2::text[], $3::text[], $4::uuid[], $5::uuid[], $6::uuid[], $7::text[], $8::text[], $9::text[], $10::uuid[], $11::text[], $12::boolean[])
             AS x (id, key, kind, person_id, network_id, member_id, subject_type, subject_id, facts, event_id, language, in_app)
         ON CONFLICT (key) DO NOTHING
         RETURNING id
       ), d AS (
         INSERT INTO deliveries (id, notification_id, channel, endpoint_id, status, not_before, period_key, created_at, updated_at)
         SELECT y.id, y.notification_id, y.channel, y.endpoint_id, y.status, y.not_before, y.period_key, $13, $13
           FROM unnest($14::uuid[], $15::uuid[], $16::text[], $17::uuid[], $18::text[], $19::timestamptz[], $20::text[])
             AS y (id, notification_id, channel, endpoint_id, status, not_before, period_key)
           JOIN n ON n.id = y.notification_id
         ON CONFLICT DO NOTHING
         RETURNING id
       )
       SELECT (SELECT array_agg(id::text) FROM n) AS notifications, (SELECT array_agg(id::text) FROM d) AS deliveries`,
      [
        ns.map((n) => n.id),
        ns.map((n) => n.key),
        ns.map((n) => n.kind),
        ns.map((n) => n.personId),
        ns.map((n) => n.networkId),
        ns.map((n) => n.memberId),
        ns.map((n) => n.subject.type),
        ns.map((n) => n.subject.id),
        ns.map((n) => factsOf(n.facts)),
        ns.map((n) => n.eventId),
        ns.map((n) => n.language),
        ns.map((n) => n.inApp),
        now,
        deliveries.map((d) => d.id),
        deliveries.map((d) => d.notificationId),
        deliveries.map((d) => d.channel),
        deliveries.map((d) => d.endpointId),
        deliveries.map((d) => d.status),
        deliveries.map((d) => d.notBefore),
        deliveries.map((d) => d.periodKey),
      ],
    );
    return { notificationIds: new Set(row.notifications ?? []), deliveryIds: new Set(row.deliveries ?? []) };
  }

  async notification(id: string, m: EntityManager = this.db.manager): Promise<StoredNotification | undefined> {
    const [row] = await m.query(`SELECT * FROM notifications WHERE id = $1`, [id]);
    return row ? toNotification(row) : undefined;
  }

  async delivery(id: string, m: EntityManager = this.db.manager): Promise<StoredDelivery | undefined> {
    const [row] = await m.query(`SELECT * FROM deliveries WHERE id = $1`, [id]);
    return row ? toDelivery(row) : undefined;
  }

  async deliveriesOf(notificationId: string): Promise<StoredDelivery[]> {
    const rows = await this.db.query(`SELECT * FROM deliveries WHERE notification_id = $1 ORDER BY created_at, channel`, [notificationId]);
    return rows.map(toDelivery);
  }

  async attemptsOf(deliveryId: string): Promise<{ attempt: number; outcome: string; detail: string | null; at: Date }[]> {
    return this.db.query(`SELECT attempt, outcome, detail, at FROM delivery_attempts WHERE delivery_id = $1 ORDER BY attempt`, [deliveryId]);
  }

  /**
   * Claims a queued delivery for sending: the attempt number, or null when it is not queued
   * (sent already, taken by another worker, cancelled) so the caller does nothing.
   */
  async claim(id: string, now: Date): Promise<number | null> {
    const rows: { attempts: number }[] = await this.db.query(
      // Through a CTE: TypeORM answers a bare UPDATE … RETURNING with [rows, count].
      `WITH claimed AS (UPDATE deliveries SET status = 'sending', attempts = attempts + 1, updated_at = $2 WHERE id = $1 AND status = 'queued' RETURNING attempts)
       SELECT attempts FROM claimed`,
      [id, now],
    );
    return rows[0]?.attempts ?? null;
  }

  /**
   * `claim` for an e-mail delivery, answering in the same round trip what its message needs: the
   * notification, and its person and their city as the directory's copies know them (a person
   * erased, or not known yet, is null; so is a city not known). Null when nothing was claimed: the
   * delivery is missing, is not an e-mail, or is not queued. Claims made while another is on its
   * way go together in one statement; each row is still claimed on its own condition.
   */
  claimEmail(id: string, now: Date): Promise<ClaimedEmail | null> {
    return this.emailClaims.call({ id, now });
  }

  private readonly emailClaims = new Coalescer<{ id: string; now: Date }, ClaimedEmail | null>(
    async (items) => {
      const rows: Record<string, unknown>[] = await this.db.query(
        `WITH wanted AS (SELECT * FROM unnest($1::uuid[], $2::timestamptz[]) AS w (id, at)),
         claimed AS (
           UPDATE deliveries d SET status = 'sending', attempts = d.attempts + 1, updated_at = w.at
             FROM wanted w
            WHERE d.id = w.id AND d.status = 'queued' AND d.channel = 'email'
           RETURNING d.id, d.notification_id, d.attempts
         )
         SELECT c.id::text AS id, c.attempts, c.notification_id, n.id AS found, n.kind, n.language, n.facts, n.person_id,
                p.id AS person_found, p.given_name, p.family_name, p.email, m.time_zone
           FROM claimed c
           LEFT JOIN notifications n ON n.id = c.notification_id
           LEFT JOIN people p ON p.id = n.person_id AND NOT p.erased AND p.member_id IS NOT NULL AND p.given_name IS NOT NULL
           LEFT JOIN members m ON m.id = p.member_id AND m.network_id IS NOT NULL AND m.kind IS NOT NULL`,
        [items.map((i) => i.id), items.map((i) => i.now)],
      );
      const byId = new Map(rows.map((r) => [r.id as string, r]));
      return items.map(({ id }) => {
        const row = byId.get(id.toLowerCase());
        if (!row) return null;
        return {
          attempt: row.attempts as number,
          notificationId: row.notification_id as string,
          notification: row.found
            ? { kind: row.kind as NotificationKind, language: row.language as string, facts: row.facts as Record<string, TemplateValue>, personId: row.person_id as string }
            : null,
          person: row.person_found
            ? { givenName: row.given_name as string, familyName: (row.family_name as string) ?? '', email: (row.email as string) ?? null, timeZone: (row.time_zone as string) ?? null }
            : null,
        };
      });
    },
    (i) => i.id.toLowerCase(),
  );

  /**
   * How an attempt ended: sent, back to queued for a retry, failed for good, parked, or
   * uncertain; with its row in the attempts log, in the same statement (both or neither).
   * Outcomes settled while another is on its way go together in one statement.
   */
  async settle(id: string, attempt: number, outcome: { status: 'sent' | 'queued' | 'failed' | 'parked' | 'uncertain'; detail?: string }, now: Date): Promise<void> {
    await this.settles.call({ id, attempt, status: outcome.status, detail: outcome.detail ?? null, at: now });
  }

  private readonly settles = new Coalescer<{ id: string; attempt: number; status: string; detail: string | null; at: Date }, void>(
    async (items) => {
      await this.db.query(
        `WITH outcome AS (SELECT * FROM unnest($1::uuid[], $2::int[], $3::text[], $4::text[], $5::timestamptz[]) AS o (id, attempt, status, detail, at)),
         settled AS (
           UPDATE deliveries d
              SET status = o.status, last_error = CASE WHEN o.status = 'sent' THEN NULL ELSE o.detail END,
                  sent_at = CASE WHEN o.status = 'sent' THEN o.at ELSE d.sent_at END, updated_at = o.at
             FROM outcome o
            WHERE d.id = o.id
           RETURNING d.id, o.attempt, o.status, o.detail, o.at
         )
         INSERT INTO delivery_attempts (delivery_id, attempt, outcome, detail, at) SELECT id, attempt, status, detail, at FROM settled ON CONFLICT DO NOTHING`,
        [items.map((i) => i.id), items.map((i) => i.attempt), items.map((i) => i.status), items.map((i) => i.detail), items.map((i) => i.at)],
      );
      return items.map(() => undefined);
    },
    (i) => i.id.toLowerCase(),
  );

  /** Deliveries due and queued whose job may be missing (Redis lost it, or it ran before its commit). */
  async dueQueued(now: Date, olderThanMs: number, limit = 1000): Promise<{ id: string; channel: Channel }[]> {
    return this.db.query(
      `SELECT id, channel FROM deliveries WHERE status = 'queued' AND channel <> 'in-app' AND not_before <= $1 AND updated_at <= $2 ORDER BY not_before LIMIT $3`,
      [now, new Date(now.getTime() - olderThanMs), limit],
    );
  }

  /** Puts a delivery back in the queue (an admin's resend, or a held digest item released). */
  async requeue(id: string, now: Date): Promise<boolean> {
    const rows: unknown[] = await this.db.query(
      `WITH requeued AS (UPDATE deliveries SET status = 'queued', not_before = $2, updated_at = $2 WHERE id = $1 AND status IN ('failed', 'parked', 'uncertain', 'sent') RETURNING 1)
       SELECT * FROM requeued`,
      [id, now],
    );
    return rows.length === 1;
  }
}
