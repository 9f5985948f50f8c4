import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { v5 as uuidv5 } from 'uuid';
import { Clock } from '@intercity/platform';
import { AudienceRepository } from '../audience/audience.repository';
import type { NotificationKind } from '../notification/domain/vocabulary';
import type { TemplateValue } from '../notification/domain/intent';
import { renderDigest, TemplateError } from '../template/render';
import { MAIL_SENDER, MailSender } from '../delivery/mail-sender';

const NAMESPACE = '5b1e9c7a-2d4f-5e6a-8b9c-0d1e2f3a4b5c';

interface DueGroup {
  person_id: string;
  period_key: string;
  ids: string[];
}

/**
 * Daily and weekly digests: the e-mails a person chose to get gathered are held until their
 * digest is due on their clock, then go out as one mail. A digest is claimed once per person and
 * period (a unique row) before it is sent, so two runs never send the same digest; one whose run
 * died mid-send stays `sending` and is not sent again.
 */
@Injectable()
export class DigestService {
  private readonly logger = new Logger(DigestService.name);

  constructor(
    private readonly db: DataSource,
    private readonly audience: AudienceRepository,
    private readonly clock: Clock,
    @Inject(MAIL_SENDER) private readonly mail: MailSender,
  ) {}

  /** Sends every digest that is due; returns how many went out. */
  async sendDue(): Promise<number> {
    const now = this.clock.now();
    const groups: DueGroup[] = await this.db.query(
      `SELECT n.person_id, d.period_key, array_agg(d.id::text ORDER BY n.created_at, d.id) AS ids
         FROM deliveries d JOIN notifications n ON n.id = d.notification_id
        WHERE d.status = 'held' AND d.channel = 'email' AND d.not_before <= $1
        GROUP BY n.person_id, d.period_key ORDER BY n.person_id, d.period_key`,
      [now],
    );
    let sent = 0;
    for (const g of groups) if (await this.send(g, now)) sent++;
    if (sent) this.logger.log(`sent ${sent} digests`);
    return sent;
  }

  private async send(g: DueGroup, now: Date): Promise<boolean> {
    const digestId = uuidv5(`${g.person_id}|${g.period_key}`, NAMESPACE);
    const claimed = await this.db.transaction(async (m) => {
      const rows: unknown[] = await m.query(
        `INSERT INTO digests (id, person_id, period_key, status, item_count, created_at, updated_at) VALUES ($1, $2, $3, 'sending', $4, $5, $5)
         ON CONFLICT (person_id, period_key) DO NOTHING RETURNING 1`,
        [digestId, g.person_id, g.period_key, g.ids.length, now],
      );
      if (!rows.length) return false;
      await m.query(`UPDATE deliveries SET status = 'sending', digest_id = $2, attempts = attempts + 1, updated_at = $3 WHERE id = ANY ($1::uuid[]) AND status = 'held'`, [g.ids, digestId, now]);
      return true;
    });
    if (!claimed) return false;
    const finish = (status: 'sent' | 'failed', error: string | null) =>
      this.db.transaction(async (m) => {
        await m.query(`UPDATE digests SET status = $2, last_error = $3, updated_at = $4 WHERE id = $1`, [digestId, status, error, this.clock.now()]);
        await m.query(
          `UPDATE deliveries SET status = $2, last_error = $3, sent_at = CASE WHEN $2 = 'sent' THEN $4::timestamptz END, updated_at = $4 WHERE digest_id = $1`,
          [digestId, status, error, this.clock.now()],
        );
      });
    const recipient = await this.audience.within().person(g.person_id);
    if (!recipient?.email) {
      await finish('failed', 'recipient has no e-mail address here any more');
      return false;
    }
    const items: { kind: NotificationKind; facts: Record<string, TemplateValue>; created_at: Date; language: string }[] = await this.db.query(
      `SELECT n.kind, n.facts, n.created_at, n.language FROM deliveries d JOIN notifications n ON n.id = d.notification_id WHERE d.digest_id = $1 ORDER BY n.created_at`,
      [digestId],
    );
    try {
      const rendered = await renderDigest({
        language: items[0]?.language ?? recipient.language,
        recipientName: recipient.name,
        timeZone: recipient.timeZone,
        items: items.map((i) => ({ kind: i.kind, facts: i.facts, createdAt: i.created_at })),
      });
      await this.mail.send({ to: recipient.email, subject: rendered.subject, html: rendered.html, text: rendered.text, messageId: `<digest-${digestId}@intercity>` });
    } catch (e) {
      if (e instanceof TemplateError) {
        await finish('failed', e.message);
        return false;
      }
      // Not sent: the items wait for the next run, the claim is released.
      await this.db.transaction(async (m) => {
        await m.query(`UPDATE deliveries SET status = 'held', digest_id = NULL, last_error = $2, updated_at = $3 WHERE digest_id = $1`, [digestId, String((e as Error).message), this.clock.now()]);
        await m.query(`DELETE FROM digests WHERE id = $1`, [digestId]);
      });
      throw e;
    }
    await finish('sent', null);
    return true;
  }
}
