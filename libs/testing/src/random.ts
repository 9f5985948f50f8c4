import { randomBytes } from 'node:crypto';

/** Lower-case hex, short enough to keep database and stream names readable. */
export function randomSuffix(bytes = 4): string {
  return randomBytes(bytes).toString('hex');
}
