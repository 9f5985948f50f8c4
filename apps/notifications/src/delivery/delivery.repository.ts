import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { Channel, DeliveryStatus, NotificationKind } from '../notification/domain/vocabulary';
import type { TemplateValue } from '../notification/domain/intent';

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

  /** Stores the notification unless one with its key exists (a redelivered event): then false. */
  async insertNotification(m: EntityManager, n: Omit<StoredNotification, 'readAt'>): Promise<boolean> {
    const rows: unknown[] = await m.query(
      `INSERT INTO notifications (id, key, kind, person_id, network_id, member_id, subject_type, subject_id, facts, event_id, language, in_app, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) ON CONFLICT (key) DO NOTHING RETURNING 1`,
      [n.id, n.key, n.kind, n.personId, n.networkId, n.memberId, n.subject.type, n.subject.id, JSON.stringify(n.facts), n.eventId, n.language, n.inApp, n.createdAt],
    );
    return rows.length === 1;
  }

  async insertDeliveries(m: EntityManager, deliveries: readonly NewDelivery[], now: Date): Promise<void> {
    for (const d of deliveries) {
      await m.query(
        `INSERT INTO deliveries (id, notification_id, channel, endpoint_id, status, not_before, period_key, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8) ON CONFLICT DO NOTHING`,
        [d.id, d.notificationId, d.channel, d.endpointId, d.status, d.notBefore, d.periodKey, now],
      );
    }
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

  /** How an attempt ended: sent, back to queued for a retry, failed for good, parked, or uncertain. */
  async settle(id: string, attempt: number, outcome: { status: 'sent' | 'queued' | 'failed' | 'parked' | 'uncertain'; detail?: string }, now: Date): Promise<void> {
    await this.db.transaction(async (m) => {
      await m.query(
        `UPDATE deliveries SET status = $2, last_error = CASE WHEN $2 = 'sent' THEN NULL ELSE $3 END, sent_at = CASE WHEN $2 = 'sent' THEN $4 ELSE sent_at END, updated_at = $4
         WHERE id = $1`,
        [id, outcome.status, outcome.detail ?? null, now],
      );
      await m.query(`INSERT INTO delivery_attempts (delivery_id, attempt, outcome, detail, at) VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING`, [
        id,
        attempt,
        outcome.status,
        outcome.detail ?? null,
        now,
      ]);
    });
  }

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
