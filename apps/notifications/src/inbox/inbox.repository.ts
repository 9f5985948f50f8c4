import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { StoredNotification } from '../delivery/delivery.repository';
import type { NotificationKind } from '../notification/domain/vocabulary';
import type { TemplateValue } from '../notification/domain/intent';

type InboxItem = Pick<StoredNotification, 'id' | 'kind' | 'subject' | 'facts' | 'language' | 'createdAt' | 'readAt'>;

/** A person's in-app notifications. */
@Injectable()
export class InboxRepository {
  constructor(private readonly db: DataSource) {}

  async page(personId: string, q: { unread: boolean; limit: number; offset: number }): Promise<{ items: InboxItem[]; total: number; unread: number; limit: number; offset: number }> {
    const rows: Record<string, unknown>[] = await this.db.query(
      `SELECT id, kind, subject_type, subject_id, facts, language, created_at, read_at FROM notifications
        WHERE person_id = $1 AND in_app AND (NOT $2 OR read_at IS NULL) ORDER BY created_at DESC, id DESC LIMIT $3 OFFSET $4`,
      [personId, q.unread, q.limit, q.offset],
    );
    const [{ total, unread }] = await this.db.query(
      `SELECT count(*) FILTER (WHERE NOT $2 OR read_at IS NULL)::int AS total, count(*) FILTER (WHERE read_at IS NULL)::int AS unread
         FROM notifications WHERE person_id = $1 AND in_app`,
      [personId, q.unread],
    );
    return {
      items: rows.map((r) => ({
        id: r.id as string,
        kind: r.kind as NotificationKind,
        subject: { type: r.subject_type as string, id: r.subject_id as string },
        facts: r.facts as Record<string, TemplateValue>,
        language: r.language as string,
        createdAt: r.created_at as Date,
        readAt: (r.read_at as Date) ?? null,
      })),
      total,
      unread,
      limit: q.limit,
      offset: q.offset,
    };
  }

  async unread(personId: string): Promise<number> {
    const [{ n }] = await this.db.query(`SELECT count(*)::int AS n FROM notifications WHERE person_id = $1 AND in_app AND read_at IS NULL`, [personId]);
    return n;
  }

  /** True when the notification is the person's (read now, or read before). */
  async markRead(personId: string, id: string, now: Date): Promise<boolean> {
    const rows: unknown[] = await this.db.query(
      `WITH marked AS (UPDATE notifications SET read_at = coalesce(read_at, $3) WHERE id = $1 AND person_id = $2 AND in_app RETURNING 1) SELECT * FROM marked`,
      [id, personId, now],
    );
    return rows.length === 1;
  }

  async markAllRead(personId: string, now: Date): Promise<void> {
    await this.db.query(`UPDATE notifications SET read_at = $2 WHERE person_id = $1 AND in_app AND read_at IS NULL`, [personId, now]);
  }

  /** An erased person's notifications go: their facts may name them. */
  async forget(m: { query: DataSource['query'] }, personId: string): Promise<void> {
    await m.query(`DELETE FROM delivery_attempts WHERE delivery_id IN (SELECT d.id FROM deliveries d JOIN notifications n ON n.id = d.notification_id WHERE n.person_id = $1)`, [personId]);
    await m.query(`DELETE FROM deliveries WHERE notification_id IN (SELECT id FROM notifications WHERE person_id = $1)`, [personId]);
    await m.query(`DELETE FROM notifications WHERE person_id = $1`, [personId]);
  }
}
