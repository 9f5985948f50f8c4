import { z } from 'zod';
import { parseConfig } from '@intercity/platform';

/** Settings of the notifications service beyond what every service reads. */
export interface NotificationsOptions {
  /** How often queued deliveries whose job went missing get it back; 0 turns it off. */
  dispatchEveryMs: number;
  /** How long a queued delivery may sit before the dispatcher re-adds its job. */
  dispatchGraceMs: number;
  /** How often due digests are gathered and sent; 0 turns it off. */
  digestEveryMs: number;
}

const schema = z.object({
  NOTIFICATIONS_DISPATCH_EVERY_MS: z.coerce.number().int().min(0).default(30_000),
  NOTIFICATIONS_DISPATCH_GRACE_MS: z.coerce.number().int().min(0).default(60_000),
  NOTIFICATIONS_DIGEST_EVERY_MS: z.coerce.number().int().min(0).default(5 * 60_000),
});

export function loadNotificationsOptions(env: NodeJS.ProcessEnv = process.env): NotificationsOptions {
  const d = parseConfig(schema, env);
  return { dispatchEveryMs: d.NOTIFICATIONS_DISPATCH_EVERY_MS, dispatchGraceMs: d.NOTIFICATIONS_DISPATCH_GRACE_MS, digestEveryMs: d.NOTIFICATIONS_DIGEST_EVERY_MS };
}

export const NOTIFICATIONS_OPTIONS = Symbol('NOTIFICATIONS_OPTIONS');
