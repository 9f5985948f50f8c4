import type { DataSource } from 'typeorm';
import { IdempotencyStore } from '@intercity/persistence';

export interface HousekeepingOptions {
  /** How long a reply is kept for Idempotency-Key retries. */
  idempotencyKeyHours: number;
  /**
   * How long a consumer remembers an event it applied. Longer than the streams keep events, so a
   * replay from a stream (or a stream sourced from another node) finds every event it could hold.
   */
  inboxDays: number;
}

/** Forgets what no longer protects anything: old idempotent replies and inbox rows. */
export async function sweepPlatformTables(dataSource: DataSource, opts: HousekeepingOptions): Promise<void> {
  await new IdempotencyStore().purgeOlderThan(dataSource.manager, opts.idempotencyKeyHours);
  await dataSource.query(`DELETE FROM inbox WHERE received_at < now() - $1 * interval '1 day'`, [opts.inboxDays]);
}
