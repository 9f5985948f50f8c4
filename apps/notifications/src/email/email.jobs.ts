import type { JobsOptions } from 'bullmq';
import { EMAIL_QUEUE } from '../delivery/queues';
import type { EmailOptions } from './email.config';

export { EMAIL_QUEUE };

/** A job of the e-mail queue. Its job id is the delivery id too. */
export interface EmailJob {
  deliveryId: string;
}

/**
 * Options of a delivery's e-mail job: its id is the delivery's (a second add while the job exists
 * is ignored, and a re-run finds the delivery settled and sends nothing), bounded retries with
 * exponential backoff, and failed jobs kept a while as the dead letters, with their reason.
 */
export function emailJobOptions(options: Pick<EmailOptions, 'attempts' | 'backoffMs'>, deliveryId: string, delayMs = 0): JobsOptions {
  return {
    jobId: deliveryId,
    delay: Math.max(0, delayMs),
    attempts: options.attempts,
    backoff: { type: 'exponential', delay: options.backoffMs },
    removeOnComplete: { age: 24 * 3600 },
    removeOnFail: { age: 30 * 24 * 3600 },
  };
}
