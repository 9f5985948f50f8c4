import { z } from 'zod';
import { parseConfig } from '@intercity/platform';

/** Settings of the grants service beyond what every service reads. */
export interface GrantsOptions {
  /** How often the scheduled check looks for reports due or overdue and milestones slipping; 0 turns it off. */
  watchEveryMs: number;
}

const schema = z.object({
  GRANTS_WATCH_EVERY_MS: z.coerce.number().int().min(0).default(60 * 60_000),
});

export function loadGrantsOptions(env: NodeJS.ProcessEnv = process.env): GrantsOptions {
  return { watchEveryMs: parseConfig(schema, env).GRANTS_WATCH_EVERY_MS };
}

export const GRANTS_OPTIONS = Symbol('GRANTS_OPTIONS');
