import { z } from 'zod';
import { parseConfig } from '@intercity/platform';

/** Settings of webhook delivery beyond what every service reads. */
export interface WebhookOptions {
  /** Only https endpoints may be registered (issue 8): on by default in production. */
  requireHttps: boolean;
  /**
   * Waits before the 1st, 2nd, … retry of a failed delivery (ms); one attempt more than waits, then
   * the delivery is parked. The default spreads 11 attempts over about 24 hours.
   */
  retryScheduleMs: number[];
  /** How long one POST may take before it counts as failed. */
  timeoutMs: number;
  /**
   * AES-256-GCM key (32 bytes) that seals endpoint secrets at rest, or null to store them as is.
   * Secrets must be readable to sign with, so hashing them is no option; a sealed column means a
   * leaked dump or backup of the database signs nothing without the key, which lives elsewhere.
   */
  secretKey: Buffer | null;
}

const MS_LIST = /^\d+(,\d+)*$/;
const DAY_OF_RETRIES = [5, 30, 120, 600, 1800, 3600, 7200, 14400, 28800, 28800].map((s) => s * 1000).join(',');

const schema = z.object({
  NODE_ENV: z.string().optional(),
  NOTIFICATIONS_REQUIRE_HTTPS: z.enum(['true', 'false']).optional(),
  NOTIFICATIONS_WEBHOOK_RETRY_MS: z.string().regex(MS_LIST, 'comma-separated milliseconds, e.g. 5000,30000,120000').default(DAY_OF_RETRIES),
  NOTIFICATIONS_WEBHOOK_TIMEOUT_MS: z.coerce.number().int().positive().default(10_000),
  NOTIFICATIONS_WEBHOOK_SECRET_KEY: z
    .string()
    .refine((s) => Buffer.from(s, 'base64').length === 32, 'base64 of 32 random bytes (openssl rand -base64 32)')
    .optional(),
});

export function loadWebhookOptions(env: NodeJS.ProcessEnv = process.env): WebhookOptions {
  const d = parseConfig(schema, env);
  return {
    requireHttps: d.NOTIFICATIONS_REQUIRE_HTTPS === undefined ? d.NODE_ENV === 'production' : d.NOTIFICATIONS_REQUIRE_HTTPS === 'true',
    retryScheduleMs: d.NOTIFICATIONS_WEBHOOK_RETRY_MS.split(',').map(Number),
    timeoutMs: d.NOTIFICATIONS_WEBHOOK_TIMEOUT_MS,
    secretKey: d.NOTIFICATIONS_WEBHOOK_SECRET_KEY ? Buffer.from(d.NOTIFICATIONS_WEBHOOK_SECRET_KEY, 'base64') : null,
  };
}

export const WEBHOOK_OPTIONS = Symbol('WEBHOOK_OPTIONS');
