import { z } from 'zod';
import { parseConfig } from '@intercity/platform';

/** How the notifications service sends e-mail. */
export interface EmailOptions {
  /** `smtp://host:port` or `smtps://user:pass@host:port`; nodemailer's URL options apply (`?pool=true`). */
  smtpUrl: string;
  /** The From header of every e-mail. */
  from: string;
  /** Attempts of one delivery's job before it is failed for good (SMTP down, 4xx replies). */
  attempts: number;
  /** First wait before a retry; each further one doubles it (exponential backoff). */
  backoffMs: number;
  /**
   * E-mails one worker process sends at once, over as many pooled SMTP connections. Sending is
   * mostly waiting for the relay: 16 keeps a fan-out's e-mails moving (5 left the process idle).
   */
  concurrency: number;
}

const schema = z.object({
  NOTIFICATIONS_SMTP_URL: z.url({ protocol: /^smtps?$/ }).default('smtp://127.0.0.1:1025'),
  NOTIFICATIONS_MAIL_FROM: z.string().min(3).default('Intercity <notifications@intercity.local>'),
  NOTIFICATIONS_EMAIL_ATTEMPTS: z.coerce.number().int().min(1).default(8),
  NOTIFICATIONS_EMAIL_BACKOFF_MS: z.coerce.number().int().min(0).default(10_000),
  NOTIFICATIONS_EMAIL_CONCURRENCY: z.coerce.number().int().min(1).default(16),
});

export function loadEmailOptions(env: NodeJS.ProcessEnv = process.env): EmailOptions {
  const d = parseConfig(schema, env);
  return {
    smtpUrl: d.NOTIFICATIONS_SMTP_URL,
    from: d.NOTIFICATIONS_MAIL_FROM,
    attempts: d.NOTIFICATIONS_EMAIL_ATTEMPTS,
    backoffMs: d.NOTIFICATIONS_EMAIL_BACKOFF_MS,
    concurrency: d.NOTIFICATIONS_EMAIL_CONCURRENCY,
  };
}

export const EMAIL_OPTIONS = Symbol('EMAIL_OPTIONS');
