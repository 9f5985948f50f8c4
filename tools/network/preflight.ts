import { spawnSync } from 'node:child_process';
import { createServer } from 'node:net';

/** Why nats-server cannot be run, or undefined when it can. */
export function natsServerMissing(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const bin = env.NATS_SERVER_BIN ?? 'nats-server';
  const run = spawnSync(bin, ['--version'], { encoding: 'utf8' });
  if (!run.error && run.status === 0) return undefined;
  return `nats-server (${bin}) does not run: ${run.error?.message ?? run.stderr.trim()}; install it (https://docs.nats.io/running-a-nats-service/introduction/installation) or point NATS_SERVER_BIN at it.`;
}

/**
 * The ports something else listens on already. Checked before anything starts: a server left
 * over from another run would otherwise answer in place of the one this run starts.
 */
export async function busyPorts<T extends { port: number }>(wanted: T[]): Promise<T[]> {
  const busy: T[] = [];
  for (const w of wanted) if (!(await isFree(w.port))) busy.push(w);
  return busy;
}

function isFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}
