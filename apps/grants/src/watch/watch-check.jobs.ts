import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { TransactionRunner } from '@intercity/persistence';
import { watchEmissionOf } from '../shared/events';
import { GrantsContext } from '../shared/grants-context';
import { GRANTS_OPTIONS, GrantsOptions } from '../grants.config';
import { watchFacts } from './domain/watch';

export const WATCH_QUEUE = 'grants-watch';
const SCHEDULER = 'grants-watch-check';

/**
 * The scheduled check: for every sub-grant being carried out, on its city's local date, tells
 * "report due soon", "report overdue" and "milestone slipping", each once. A notice's key is
 * recorded in the same transaction as its event, so a check run twice, a retried job or two
 * workers at once tell nothing twice.
 */
@Processor(WATCH_QUEUE)
@Injectable()
export class WatchCheck extends WorkerHost implements OnApplicationBootstrap {
  private readonly logger = new Logger(WatchCheck.name);

  constructor(
    private readonly tx: TransactionRunner,
    private readonly grants: GrantsContext,
    @InjectQueue(WATCH_QUEUE) private readonly queue: Queue,
    @Inject(GRANTS_OPTIONS) private readonly options: GrantsOptions,
  ) {
    super();
  }

  async onApplicationBootstrap(): Promise<void> {
    if (this.options.watchEveryMs > 0) {
      await this.queue.upsertJobScheduler(SCHEDULER, { every: this.options.watchEveryMs }, { name: 'check', opts: { removeOnComplete: 100, removeOnFail: 100 } });
    } else {
      await this.queue.removeJobScheduler(SCHEDULER);
    }
  }

  process(): Promise<number> {
    return this.run();
  }

  /** Returns how many notices were told now. */
  async run(): Promise<number> {
    let told = 0;
    for (const { id } of await this.grants.store.watchedSubGrantIds()) {
      told += await this.tx.run(async (uow) => {
        const { sg, programme } = await this.grants.subGrant(id, uow.manager);
        const [reports, milestones] = await Promise.all([this.grants.store.reportsOf([id], uow.manager), this.grants.store.milestonesOf([id], uow.manager)]);
        let n = 0;
        for (const w of watchFacts(sg, reports, milestones, await this.grants.todayAt(sg.memberId, uow.manager))) {
          if (!(await this.grants.store.notice(uow.manager, { key: w.key, type: w.type, subGrantId: w.subGrantId, on: w.on }, this.grants.clock.now()))) continue;
          const about = w.milestoneId ? milestones.find((m) => m.id === w.milestoneId) : sg;
          if (!about) continue;
          await uow.emitAll([watchEmissionOf(w, { id: about.id, version: about.version }, programme.networkId)]);
          n++;
        }
        return n;
      });
    }
    if (told) this.logger.log(`told ${told} notices`);
    return told;
  }
}
