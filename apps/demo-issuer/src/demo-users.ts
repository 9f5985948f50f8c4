import { readFileSync } from 'node:fs';
import type { Grant } from '@intercity/auth';

/** A person who can sign in to the demo, with the grants their token carries. */
export interface DemoUser {
  email: string;
  name: string;
  /** What they are in the demo, for the list printed at start. */
  description: string;
  grants: Grant[];
}

/**
 * The node operator exists before anything is seeded (it seeds the demo); everyone else comes from
 * the file the start script writes once the seeded networks and cities have ids.
 */
export const NODE_OPERATOR: DemoUser = {
  email: 'operator@intercity.example',
  name: 'Node operator',
  description: 'network admin of every network on this node (runs the seed)',
  grants: [{ role: 'network-admin', networkId: '*' }],
};

export function loadDemoUsers(file: string | undefined): DemoUser[] {
  if (!file) return [NODE_OPERATOR];
  try {
    const users = JSON.parse(readFileSync(file, 'utf8')) as DemoUser[];
    return [NODE_OPERATOR, ...users.filter((u) => u.email !== NODE_OPERATOR.email)];
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [NODE_OPERATOR];
    throw e;
  }
}
