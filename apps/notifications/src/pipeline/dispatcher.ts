import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import type { Job, Queue } from 'bullmq';
import { Clock } from '@intercity/platform';
import { DeliveryRepository } from '../delivery/delivery.repository';
import { DeliveryJobs } from '../delivery/delivery-jobs';
import { HOUSEKEEPING_QUEUE } from '../delivery/queues';
import { DigestService } from '../digest/digest.service';
import { NOTIFICATIONS_OPTIONS, NotificationsOptions } from '../notifications.config';

/**
 * The service's periodic work, as BullMQ job schedulers: re-adding the job of any queued delivery
 * that has none (Redis lost it, or it ran before its transaction committed; a job id is its
 * delivery's, so re-adding one that exists does nothing), and sending digests that are due.
 */
@Processor(HOUSEKEEPING_QUEUE)
@Injectable()
export class Dispatcher extends WorkerHost implements OnApplicationBootstrap {
  private readonly logger = new Logger(Dispatcher.name);

  constructor(
    private readonly deliveries: DeliveryRepository,
    private readonly digests: DigestService,
    private readonly clock: Clock,
    @InjectQueue(HOUSEKEEPING_QUEUE) private readonly housekeeping: Queue,
    private readonly jobs: DeliveryJobs,
    @Inject(NOTIFICATIONS_OPTIONS) private readonly options: NotificationsOptions,
  ) {
    super();
  }

  async onApplicationBootstrap(): Promise<void> {
    for (const [name, every] of [
      ['dispatch', this.options.dispatchEveryMs],
      ['digest', this.options.digestEveryMs],
    ] as const) {
      if (every > 0) await this.housekeeping.upsertJobScheduler(`notifications-${name}`, { every }, { name, opts: { removeOnComplete: 10, removeOnFail: 50 } });
      else await this.housekeeping.removeJobScheduler(`notifications-${name}`);
    }
  }

  async process(job: Job): Promise<number> {
    return job.name === 'digest' ? this.digests.sendDue() : this.dispatch();
  }

  /** Re-adds the jobs of due queued deliveries untouched for a while; returns how many. */
  async dispatch(): Promise<number> {
    const now = this.clock.now();
    const due = await this.deliveries.dueQueued(now, this.options.dispatchGraceMs);
    await this.jobs.addAll(due.map((d) => ({ ...d, notBefore: now })), now);
    if (due.length) this.logger.log(`re-added ${due.length} delivery jobs`);
    return due.length;
  }
}
