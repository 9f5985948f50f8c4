import { Inject, Injectable } from '@nestjs/common';
import { InjectQueue } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { EMAIL_OPTIONS, EmailOptions, emailJobOptions } from '../email';
import { WebhookJobs } from '../webhook';
import { EMAIL_QUEUE } from './queues';
import type { Channel } from '../notification/domain/vocabulary';

/**
 * Adds a delivery's job to its channel's queue, with that channel's retries. The job id is the
 * delivery id: adding it again (a redelivered event, the dispatcher's sweep) does nothing.
 */
@Injectable()
export class DeliveryJobs {
  constructor(
    @InjectQueue(EMAIL_QUEUE) private readonly email: Queue,
    @Inject(EMAIL_OPTIONS) private readonly emailOptions: EmailOptions,
    private readonly webhooks: WebhookJobs,
  ) {}

  async add(d: { id: string; channel: Channel }, notBefore: Date, now: Date): Promise<void> {
    const delayMs = Math.max(0, notBefore.getTime() - now.getTime());
    if (d.channel === 'webhook') await this.webhooks.add(d.id, { delayMs });
    else if (d.channel === 'email') await this.email.add('email', { deliveryId: d.id }, emailJobOptions(this.emailOptions, d.id, delayMs));
  }
}
