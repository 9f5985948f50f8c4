import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { BACKEND_SERVICES, commandFor, envFor } from './node-layout';

/**
 * `npm run migrate`: each service creates its database if needed and applies its pending
 * migrations (`main.ts --migrate`), as it also does at every start.
 */
for (const p of BACKEND_SERVICES) {
  const r = spawnSync(process.execPath, commandFor(p, '--migrate'), {
    cwd: path.resolve(__dirname, '..', '..'),
    env: envFor(p),
    stdio: 'inherit',
  });
  if (r.status !== 0) {
    console.error(`✗ migrating ${p.name} failed`);
    process.exit(r.status ?? 1);
  }
}
