import { z } from 'zod';
import { parseConfig } from '@intercity/platform';

/** Settings of the practice service beyond what every service reads. */
export interface PracticeOptions {
  /** How long a waiting person has to take up a freed seat (issue 5: 48 h by default). */
  offerValidForHours: number;
  /**
   * How often a BullMQ job looks for lapsed offers whose own job went missing (Redis lost, say);
   * each offer has a delayed job due when it lapses, and every registration write of an activity
   * sweeps it first. 0 turns the periodic sweep off.
   */
  offerSweepMs: number;
}

const schema = z.object({
  PRACTICE_OFFER_VALID_HOURS: z.coerce.number().positive().default(48),
  PRACTICE_OFFER_SWEEP_MS: z.coerce.number().int().min(0).default(10 * 60_000),
});

export function loadPracticeOptions(env: NodeJS.ProcessEnv = process.env): PracticeOptions {
  const d = parseConfig(schema, env);
  return { offerValidForHours: d.PRACTICE_OFFER_VALID_HOURS, offerSweepMs: d.PRACTICE_OFFER_SWEEP_MS };
}

export const PRACTICE_OPTIONS = Symbol('PRACTICE_OPTIONS');
