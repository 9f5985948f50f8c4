import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { Processor, WorkerHost } from '@nestjs/bullmq';
import { DelayedError, Job, UnrecoverableError } from 'bullmq';
import { DataSource } from 'typeorm';
import { Clock } from '@intercity/platform';
import { ClaimedEmail, DeliveryRepository } from '../delivery/delivery.repository';
import { renderEmail, TemplateError } from '../template/render';
import { EMAIL_OPTIONS, EmailOptions } from './email.config';
import { EMAIL_QUEUE, EmailJob } from './email.jobs';
import { EmailTransport, isPermanentSmtpFailure } from './email.transport';

/**
 * How long a job holds its lock without renewing it. A delivery still `sending` this long after
 * its last update belongs to a worker that died (its job stalled and came back). Read when the
 * module loads, since the worker's decorator is: NOTIFICATIONS_EMAIL_LOCK_MS (tests shorten it).
 */
export const EMAIL_LOCK_MS = Number(process.env.NOTIFICATIONS_EMAIL_LOCK_MS) > 0 ? Number(process.env.NOTIFICATIONS_EMAIL_LOCK_MS) : 60_000;

/** How often, and how long apart, a job looks again for a delivery not committed yet. */
const NOT_YET_WAITS = 100;
const NOT_YET_DELAY_MS = 200;

/** What a job did, as its BullMQ return value. */
export type EmailOutcome = 'sent' | 'failed' | 'uncertain' | 'skipped';

const messageOf = (e: unknown): string => (e instanceof Error ? e.message : String(e));

/**
 * Sends the e-mail of one delivery. The delivery is claimed first (queued → sending, one
 * conditional update), so of two runs of its job only one sends; every end is settled in the
 * database with its reason: sent; queued again for a retry (SMTP down, a 4yz reply); failed
 * (the recipient was erased, a template cannot render, a 5yz reply, the last attempt failed).
 * A template failure is dead-lettered at once: the job goes to the failed set with the reason,
 * without retries. A delivery found still `sending` after a lock's time was claimed by a worker
 * that died, perhaps after the relay had accepted it: it becomes `uncertain` and is never sent
 * again by this queue (an admin may resend it).
 */
@Processor(EMAIL_QUEUE, { lockDuration: EMAIL_LOCK_MS, stalledInterval: Math.min(30_000, EMAIL_LOCK_MS) })
@Injectable()
export class EmailWorker extends WorkerHost implements OnApplicationBootstrap {
  private readonly logger = new Logger(EmailWorker.name);

  constructor(
    private readonly deliveries: DeliveryRepository,
    private readonly transport: EmailTransport,
    private readonly clock: Clock,
    private readonly db: DataSource,
    @Inject(EMAIL_OPTIONS) private readonly options: EmailOptions,
  ) {
    super();
  }

  onApplicationBootstrap(): void {
    this.worker.concurrency = this.options.concurrency;
  }

  async process(job: Job<EmailJob & { waits?: number }>, token?: string): Promise<EmailOutcome> {
    const id = job.data.deliveryId;
    // One round trip on the way to sending: the claim (queued → sending) and what the message needs.
    const claimed = await this.deliveries.claimEmail(id, this.clock.now());
    if (!claimed) return this.notClaimed(job, id, token);
    const { attempt } = claimed;

    let email;
    try {
      email = await this.compose(id, claimed);
    } catch (error) {
      if (error instanceof TemplateError) {
        await this.deliveries.settle(id, attempt, { status: 'failed', detail: error.message }, this.clock.now());
        throw new UnrecoverableError(error.message);
      }
      return this.retryOrFail(job, id, attempt, error);
    }
    if ('failed' in email) {
      await this.deliveries.settle(id, attempt, { status: 'failed', detail: email.failed }, this.clock.now());
      this.logger.warn(`e-mail ${id} not sent: ${email.failed}`);
      return 'failed';
    }

    let response: string;
    try {
      ({ response } = await this.transport.deliver(email));
    } catch (error) {
      if (isPermanentSmtpFailure(error)) {
        await this.deliveries.settle(id, attempt, { status: 'failed', detail: messageOf(error) }, this.clock.now());
        throw new UnrecoverableError(messageOf(error));
      }
      return this.retryOrFail(job, id, attempt, error);
    }
    await this.deliveries.settle(id, attempt, { status: 'sent', detail: response }, this.clock.now());
    return 'sent';
  }

  /** The message of a claimed delivery, or why none can go. Throws TemplateError when rendering fails. */
  private async compose(id: string, { notificationId, notification, person }: ClaimedEmail) {
    if (!notification) throw new Error(`notification ${notificationId} of delivery ${id} not found`);
    if (!person) return { failed: 'recipient erased' };
    if (!person.email) return { failed: 'recipient has no e-mail address' };
    const recipientName = `${person.givenName} ${person.familyName}`.trim();
    const rendered = await renderEmail({
      kind: notification.kind,
      language: notification.language,
      facts: notification.facts,
      recipientName,
      timeZone: person.timeZone ?? 'UTC',
    });
    return {
      to: { name: recipientName, address: person.email },
      ...rendered,
      messageId: `<${id}@intercity>`,
      headers: { 'Auto-Submitted': 'auto-generated', 'X-Intercity-Delivery': id },
    };
  }

  /**
   * A transient failure: back to `queued` with the error, and the error rethrown so BullMQ
   * retries with backoff; after the last attempt the delivery is failed and the job dead-lettered.
   */
  private async retryOrFail(job: Job<EmailJob>, id: string, attempt: number, error: unknown): Promise<never> {
    const last = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
    await this.deliveries.settle(id, attempt, { status: last ? 'failed' : 'queued', detail: messageOf(error) }, this.clock.now());
    this.logger.warn(`e-mail ${id} attempt ${attempt} failed${last ? ' for good' : ', will retry'}: ${messageOf(error)}`);
    throw error instanceof Error ? error : new Error(messageOf(error));
  }

  /**
   * Nothing was claimed. No delivery: its transaction has not committed yet (or it never will);
   * a delivery of another channel: a job in the wrong queue. Otherwise it was not queued: settled
   * (or held, or cancelled), nothing to do; still `sending`, either another run of this job is at
   * it, or the worker that claimed it died, and after a lock's time without an update it is the
   * latter, and the e-mail may or may not have gone out.
   */
  private async notClaimed(job: Job<EmailJob & { waits?: number }>, id: string, token?: string): Promise<EmailOutcome> {
    const delivery = await this.deliveries.delivery(id);
    if (!delivery) {
      // Jobs are added once the fan-out's transaction committed, but a job re-added by the
      // dispatcher, or a delivery written by another path, may come first: look again shortly,
      // without spending an attempt and its backoff; after a while, a delivery still missing is
      // retried as an error.
      const waits = job.data.waits ?? 0;
      if (token && waits < NOT_YET_WAITS) {
        await job.updateData({ ...job.data, waits: waits + 1 });
        await job.moveToDelayed(Date.now() + NOT_YET_DELAY_MS, token);
        throw new DelayedError();
      }
      throw new Error(`delivery ${id} not found (yet)`);
    }
    if (delivery.channel !== 'email') throw new UnrecoverableError(`delivery ${id} is a ${delivery.channel} delivery, not an e-mail`);
    if (delivery.status !== 'sending') return 'skipped';
    const now = this.clock.now();
    const lockMs = this.worker.opts.lockDuration ?? EMAIL_LOCK_MS;
    if (now.getTime() - delivery.updatedAt.getTime() < lockMs) {
      throw new Error(`delivery ${id} is being sent by another worker`);
    }
    const marked = await markStaleSendingUncertain(this.db, id, new Date(now.getTime() - lockMs), now);
    if (!marked) return 'skipped';
    this.logger.warn(`e-mail ${id} was left sending by a worker that stopped: marked uncertain, not resent`);
    return 'uncertain';
  }
}

/**
 * `sending` → `uncertain`, only if still `sending` and untouched since `staleBefore` (a worker
 * that settles it meanwhile wins), recording the interrupted attempt. True when it changed.
 */
export async function markStaleSendingUncertain(db: DataSource, id: string, staleBefore: Date, now: Date): Promise<boolean> {
  const detail = 'left sending by a worker that stopped; the e-mail may have gone out';
  return db.transaction(async (m) => {
    // UPDATE … RETURNING through TypeORM yields [rows, count]; a WITH … SELECT yields the rows.
    const rows: { attempts: number }[] = await m.query(
      `WITH marked AS (
         UPDATE deliveries SET status = 'uncertain', last_error = $2, updated_at = $3 WHERE id = $1 AND status = 'sending' AND updated_at <= $4 RETURNING attempts
       ) SELECT attempts FROM marked`,
      [id, detail, now, staleBefore],
    );
    if (!rows.length) return false;
    await m.query(`INSERT INTO delivery_attempts (delivery_id, attempt, outcome, detail, at) VALUES ($1, $2, 'uncertain', $3, $4) ON CONFLICT DO NOTHING`, [
      id,
      rows[0].attempts,
      detail,
      now,
    ]);
    return true;
  });
}
