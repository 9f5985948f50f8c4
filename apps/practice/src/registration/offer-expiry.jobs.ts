import { Controller, Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import type { Job, Queue } from 'bullmq';
import { EventEnvelope, RegistrationOffered, RegistrationStateV1 } from '@intercity/contracts';
import { PRACTICE_OPTIONS, PracticeOptions } from '../practice.config';
import { RegistrationService } from './registration.service';

export const OFFER_QUEUE = 'practice-offers';
const SWEEP_SCHEDULER = 'offer-expiry-sweep';

type OfferJob = { name: 'expire-offer'; activityId: string; registrationId: string; expiresAt: string } | { name: 'sweep' };

/**
 * Every offer gets a delayed job due when it lapses. The job is created from the `offered` event
 * (with the event id as job id), not in the request: the event is in the outbox in the same
 * transaction as the offer, so a crash between commit and enqueue loses nothing, and a
 * redelivered event adds no second job.
 */
@Controller()
export class OfferExpiryScheduler {
  constructor(@InjectQueue(OFFER_QUEUE) private readonly queue: Queue) {}

  @EventPattern(RegistrationOffered.type)
  async offered(@Payload() e: EventEnvelope<RegistrationStateV1>): Promise<void> {
    const { activityId, registrationId, offerExpiresAt } = e.data;
    if (!offerExpiresAt) return;
    await this.queue.add(
      'expire-offer',
      { activityId, registrationId, expiresAt: offerExpiresAt },
      {
        jobId: e.id,
        delay: Math.max(0, new Date(offerExpiresAt).getTime() - Date.now()),
        attempts: 10,
        backoff: { type: 'exponential', delay: 1_000 },
        removeOnComplete: { age: 24 * 3600 },
        removeOnFail: { age: 7 * 24 * 3600 },
      },
    );
  }
}

/**
 * Lapses offers and passes their seats on. Running a job twice changes nothing the second time
 * (the rule only expires offers still open and past their time), so retries and several workers
 * are safe. A periodic sweep catches any offer whose job Redis lost.
 */
@Processor(OFFER_QUEUE)
@Injectable()
export class OfferExpiryWorker extends WorkerHost implements OnApplicationBootstrap {
  private readonly logger = new Logger(OfferExpiryWorker.name);

  constructor(
    private readonly registrations: RegistrationService,
    @InjectQueue(OFFER_QUEUE) private readonly queue: Queue,
    @Inject(PRACTICE_OPTIONS) private readonly options: PracticeOptions,
  ) {
    super();
  }

  async onApplicationBootstrap(): Promise<void> {
    if (this.options.offerSweepMs > 0) {
      await this.queue.upsertJobScheduler(SWEEP_SCHEDULER, { every: this.options.offerSweepMs }, { name: 'sweep', opts: { removeOnComplete: true, removeOnFail: 100 } });
    } else {
      await this.queue.removeJobScheduler(SWEEP_SCHEDULER);
    }
  }

  async process(job: Job): Promise<number> {
    const data = { name: job.name, ...job.data } as OfferJob;
    if (data.name === 'sweep') {
      const changed = await this.registrations.expireLapsedOffers();
      if (changed) this.logger.log(`lapsed offers passed on in ${changed} activities`);
      return changed;
    }
    // Redis and this process may disagree on the clock by a little: the job is for this very
    // deadline, so it counts as reached even if the job ran a moment early.
    const now = new Date(Math.max(Date.now(), new Date(data.expiresAt).getTime()));
    return this.registrations.expireLapsedOffersOf(data.activityId, now);
  }
}
