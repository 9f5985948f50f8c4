import { Inject, Injectable } from '@nestjs/common';
import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import type { BackoffStrategy, Job, JobsOptions, Queue } from 'bullmq';
import { WEBHOOK_QUEUE } from '../../delivery/queues';
import { retryDelay } from '../domain/webhook-message';
import { WEBHOOK_OPTIONS, WebhookOptions } from '../webhook.config';
import { AttemptOutcome, RetryLater, WebhookDeliveryService } from '../webhook-delivery.service';

export { WEBHOOK_QUEUE };

/** A webhook job is for one delivery; its id is the delivery's (or `<delivery>-resend-<n>`). */
export interface WebhookJobData {
  deliveryId: string;
}

/** The backoff type of webhook jobs: the worker says how long to wait, from the configured schedule. */
export const WEBHOOK_BACKOFF = 'webhook-schedule';

/**
 * The worker's custom backoff strategy: the wait the failed attempt asked for. An error that asked
 * for none (which `process` prevents) waits a minute rather than hammering a receiver.
 */
export const webhookBackoff: BackoffStrategy = (_attemptsMade, _type, err) => (err instanceof RetryLater ? err.delayMs : 60_000);

/** Retries of a webhook job: one attempt more than the schedule has waits, each wait as scheduled. */
export function webhookRetry(options: Pick<WebhookOptions, 'retryScheduleMs'>): Pick<JobsOptions, 'attempts' | 'backoff'> {
  return { attempts: options.retryScheduleMs.length + 1, backoff: { type: WEBHOOK_BACKOFF } };
}

/**
 * Adds webhook jobs with their retry schedule. Anything adding to the webhook queue must give its
 * jobs `webhookRetry` (this does): a job without it gets no retries, and parks at its first failure.
 */
@Injectable()
export class WebhookJobs {
  constructor(
    @InjectQueue(WEBHOOK_QUEUE) private readonly queue: Queue<WebhookJobData>,
    @Inject(WEBHOOK_OPTIONS) private readonly options: WebhookOptions,
  ) {}

  /** Job options for a delivery's job, for callers that add to the queue themselves. */
  retry(): Pick<JobsOptions, 'attempts' | 'backoff'> {
    return webhookRetry(this.options);
  }

  async add(deliveryId: string, opts: { jobId?: string; delayMs?: number } = {}): Promise<void> {
    await this.queue.add(
      'webhook',
      { deliveryId },
      { jobId: opts.jobId ?? deliveryId, delay: opts.delayMs ?? 0, ...this.retry(), removeOnComplete: { age: 24 * 3600 }, removeOnFail: { age: 7 * 24 * 3600 } },
    );
  }
}

/**
 * Posts webhook deliveries. A failed attempt throws RetryLater with the schedule's next wait, and
 * BullMQ tries again after it (the custom backoff strategy reads it); the last attempt parks the
 * delivery instead, for an admin to resend. Several workers are safe: the delivery row is claimed.
 */
@Processor(WEBHOOK_QUEUE, { concurrency: 16, settings: { backoffStrategy: webhookBackoff } })
@Injectable()
export class WebhookWorker extends WorkerHost {
  constructor(
    private readonly deliveries: WebhookDeliveryService,
    @Inject(WEBHOOK_OPTIONS) private readonly options: WebhookOptions,
  ) {
    super();
  }

  async process(job: Job<WebhookJobData>): Promise<AttemptOutcome> {
    const attempt = job.attemptsMade + 1;
    const retryInMs = attempt >= (job.opts.attempts ?? 1) ? null : retryDelay(attempt, this.options.retryScheduleMs);
    try {
      return await this.deliveries.attempt(job.data.deliveryId, retryInMs);
    } catch (e) {
      // Anything else (the database away, say) is retried on the same schedule.
      if (e instanceof RetryLater || retryInMs === null) throw e;
      throw new RetryLater(`webhook delivery ${job.data.deliveryId}: ${(e as Error).message}`, retryInMs);
    }
  }
}
