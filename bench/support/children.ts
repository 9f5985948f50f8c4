import { ChildProcess } from 'node:child_process';

const running = new Set<ChildProcess>();

/** Keeps `child` on the list of processes that must not outlive the benchmark. */
export function track(child: ChildProcess): ChildProcess {
  running.add(child);
  child.once('exit', () => running.delete(child));
  return child;
}

export function killChildren(): void {
  for (const child of running) child.kill('SIGKILL');
}

// Whatever way this process ends, the processes it started end with it.
process.on('exit', killChildren);
