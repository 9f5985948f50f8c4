import { Inject, Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { InjectQueue } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { DataSource, EntityManager, EntitySubscriberInterface, QueryRunner, TransactionCommitEvent, TransactionRollbackEvent } from 'typeorm';
import { EMAIL_OPTIONS, EmailOptions, emailJobOptions } from '../email';
import { WebhookJobs } from '../webhook';
import { EMAIL_QUEUE } from './queues';
import type { Channel } from '../notification/domain/vocabulary';

/** A delivery whose job to add: sent from `notBefore` on. */
export interface DeliveryJob {
  id: string;
  channel: Channel;
  notBefore: Date;
}

/**
 * Adds deliveries' jobs to their channels' queues, with each channel's retries. A job id is its
 * delivery's id: adding it again (a redelivered event, the dispatcher's sweep) does nothing.
 *
 * `addAfterCommit` holds a transaction's jobs until it commits (it listens to the DataSource's
 * transactions), so no worker looks for a delivery not committed yet, and a transaction rolled
 * back leaves no job behind (nor does an event rolled back to its savepoint: only committed
 * deliveries get their jobs). A process that stops between the commit and the add leaves queued
 * deliveries without jobs: the dispatcher's sweep re-adds them.
 */
@Injectable()
export class DeliveryJobs implements EntitySubscriberInterface, OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(DeliveryJobs.name);
  private readonly pending = new WeakMap<QueryRunner, { jobs: DeliveryJob[]; now: Date }[]>();

  constructor(
    @InjectQueue(EMAIL_QUEUE) private readonly email: Queue,
    @Inject(EMAIL_OPTIONS) private readonly emailOptions: EmailOptions,
    private readonly webhooks: WebhookJobs,
    private readonly db: DataSource,
  ) {}

  onModuleInit(): void {
    this.db.subscribers.push(this);
  }

  onModuleDestroy(): void {
    const at = this.db.subscribers.indexOf(this);
    if (at >= 0) this.db.subscribers.splice(at, 1);
  }

  /** Adds the jobs now: the e-mail ones in one round trip (`addBulk`). */
  async addAll(jobs: readonly DeliveryJob[], now: Date): Promise<void> {
    const delayOf = (d: DeliveryJob) => Math.max(0, d.notBefore.getTime() - now.getTime());
    const email = jobs.filter((d) => d.channel === 'email');
    if (email.length) {
      await this.email.addBulk(email.map((d) => ({ name: 'email', data: { deliveryId: d.id }, opts: emailJobOptions(this.emailOptions, d.id, delayOf(d)) })));
    }
    for (const d of jobs) if (d.channel === 'webhook') await this.webhooks.add(d.id, { delayMs: delayOf(d) });
  }

  /** Adds the jobs once the transaction `m` works in has committed (now, when it is in none); never if it rolls back. */
  async addAfterCommit(m: EntityManager, jobs: readonly DeliveryJob[], now: Date): Promise<void> {
    if (!jobs.length) return;
    const runner = m.queryRunner;
    if (!runner?.isTransactionActive) return this.addAll(jobs, now);
    const held = this.pending.get(runner);
    if (held) held.push({ jobs: [...jobs], now });
    else this.pending.set(runner, [{ jobs: [...jobs], now }]);
  }

  /** The DataSource's hook: runs after COMMIT (and after each RELEASE SAVEPOINT, when the transaction goes on). */
  async afterTransactionCommit(event: TransactionCommitEvent): Promise<void> {
    const runner = event.queryRunner;
    if (runner.isTransactionActive) return;
    const held = this.pending.get(runner);
    if (!held) return;
    this.pending.delete(runner);
    // Committed already: a failure here must not look like the transaction's. The deliveries
    // stay queued, and the dispatcher's sweep adds their jobs.
    try {
      // Only deliveries that were committed: a consumer rolls back to a savepoint the event whose
      // handler failed, which no subscriber hears of, and its jobs would look for nothing.
      const ids: string[] = held.flatMap(({ jobs }) => jobs.map((j) => j.id));
      const committed = new Set(
        ((await this.db.query(`SELECT id::text FROM deliveries WHERE id = ANY ($1::uuid[]) AND status = 'queued'`, [ids])) as { id: string }[]).map((r) => r.id),
      );
      for (const { jobs, now } of held) await this.addAll(jobs.filter((j) => committed.has(j.id)), now);
    } catch (e) {
      this.logger.error(`could not add delivery jobs after commit (the dispatcher's sweep will): ${e instanceof Error ? e.message : String(e)}`);
    }
  }

  afterTransactionRollback(event: TransactionRollbackEvent): void {
    if (!event.queryRunner.isTransactionActive) this.pending.delete(event.queryRunner);
  }
}
