import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { PRACTICE_OPTIONS, PracticeOptions } from '../practice.config';
import { RegistrationService } from './registration.service';

/**
 * Lapses offers nobody took up and passes their seats on. BullMQ is not installed on this node,
 * so this runs as a periodic check inside the service process; every registration write also
 * sweeps its own activity first, so a lapsed offer never blocks a seat for a request. Sweeping
 * twice changes nothing the second time, so several processes may run it.
 */
@Injectable()
export class OfferExpirySweeper implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(OfferExpirySweeper.name);
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;

  constructor(
    private readonly registrations: RegistrationService,
    @Inject(PRACTICE_OPTIONS) private readonly options: PracticeOptions,
  ) {}

  onApplicationBootstrap(): void {
    if (this.options.offerSweepMs <= 0) return;
    this.timer = setInterval(() => {
      if (this.running) return;
      this.running = this.sweep().finally(() => (this.running = undefined));
    }, this.options.offerSweepMs);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  async sweep(now: Date = new Date()): Promise<void> {
    try {
      const changed = await this.registrations.expireLapsedOffers(now);
      if (changed) this.logger.log(`lapsed offers passed on in ${changed} activities`);
    } catch (e) {
      this.logger.error(`offer expiry sweep failed: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
}
