import { Injectable } from '@nestjs/common';
import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import type { Job, Queue } from 'bullmq';
import { v5 as uuidv5 } from 'uuid';
import { TransactionRunner, UnitOfWork } from '@intercity/persistence';
import { Clock } from '@intercity/platform';
import { AudienceRepository } from '../audience/audience.repository';
import { REMINDER_QUEUE } from '../delivery/queues';
import { NotificationPipeline } from '../pipeline/notification-pipeline';
import { intentsForReminder, ReminderPayload, VisitReminderPlan } from '../rules/domain/rules';

const NAMESPACE = '8f5c2d4e-1b7a-5c3d-9e2f-4a6b8c0d1e2f';
/** One job per reminder and instant: moving a reminder is a new job, and the old one is removed. */
const jobIdOf = (key: string, at: Date) => uuidv5(`${key}|${at.toISOString()}`, NAMESPACE);

/**
 * Reminders are delayed BullMQ jobs derived from events: a visit moved is its reminder moved, a
 * pairing cancelled its reminders cancelled. The reminders table is the truth (Redis holds only
 * what can be rebuilt from it); a job that finds its reminder moved or fired does nothing.
 */
@Injectable()
export class ReminderScheduler {
  constructor(
    @InjectQueue(REMINDER_QUEUE) private readonly queue: Queue,
    private readonly clock: Clock,
  ) {}

  async plan(uow: UnitOfWork, plans: readonly VisitReminderPlan[]): Promise<void> {
    const now = this.clock.now();
    for (const p of plans) {
      const [current] = (await uow.manager.query(`SELECT fire_at, fired FROM reminders WHERE key = $1 FOR UPDATE`, [p.key])) as { fire_at: Date | null; fired: boolean }[];
      if (current?.fire_at && current.fire_at.getTime() === p.at?.getTime()) continue;
      if (current?.fire_at && !current.fired) await this.queue.remove(jobIdOf(p.key, current.fire_at));
      await uow.manager.query(
        `INSERT INTO reminders (key, kind, fire_at, event_id, payload, fired, updated_at) VALUES ($1, $2, $3, $4, $5, false, $6)
         ON CONFLICT (key) DO UPDATE SET fire_at = EXCLUDED.fire_at, event_id = EXCLUDED.event_id, payload = EXCLUDED.payload, fired = false, updated_at = EXCLUDED.updated_at`,
        [p.key, p.kind, p.at, p.eventId, JSON.stringify(p.payload ?? {}), now],
      );
      if (p.at) await this.schedule(p.key, p.at, now);
    }
  }

  schedule(key: string, at: Date, now: Date): Promise<unknown> {
    return this.queue.add('remind', { key, at: at.toISOString() }, { jobId: jobIdOf(key, at), delay: Math.max(0, at.getTime() - now.getTime()), removeOnComplete: true, removeOnFail: 100, attempts: 5, backoff: { type: 'exponential', delay: 2_000 } });
  }
}

/** Fires a reminder: its people are told through the same pipeline as any event, once. */
@Processor(REMINDER_QUEUE)
@Injectable()
export class ReminderWorker extends WorkerHost {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly audience: AudienceRepository,
    private readonly pipeline: NotificationPipeline,
    private readonly clock: Clock,
  ) {
    super();
  }

  async process(job: Job<{ key: string; at: string }>): Promise<number> {
    return this.fire(job.data.key, new Date(job.data.at));
  }

  /** Returns how many people were told; nothing when the reminder moved, was cancelled or fired. */
  fire(key: string, at: Date): Promise<number> {
    return this.tx.run(async (uow) => {
      const [r] = (await uow.manager.query(`SELECT event_id, fire_at, fired, payload FROM reminders WHERE key = $1 FOR UPDATE`, [key])) as {
        event_id: string;
        fire_at: Date | null;
        fired: boolean;
        payload: ReminderPayload;
      }[];
      if (!r || r.fired || r.fire_at?.getTime() !== at.getTime()) return 0;
      const intents = await intentsForReminder({ key, eventId: r.event_id, at, payload: r.payload }, this.audience.within(uow.manager), this.clock.now());
      const told = await this.pipeline.notify(uow, intents);
      await uow.manager.query(`UPDATE reminders SET fired = true, updated_at = $2 WHERE key = $1`, [key, this.clock.now()]);
      return told;
    });
  }
}
