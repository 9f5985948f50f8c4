import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdirSync, readdirSync, rmdirSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, relative, resolve } from 'node:path';
import { waitFor } from '@intercity/testing';

/** The repository root: child processes run from it, as `npm start` runs them. */
export const ROOT = resolve(__dirname, '..', '..', '..');

/** A port nothing listens on right now (the OS picks it). */
export function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const srv = createServer();
    srv.once('error', rej);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => res(port));
    });
  });
}

function sourcesNewerThanDist(dir: string, found: string[] = []): string[] {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const from = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'test' && entry.name !== 'node_modules') sourcesNewerThanDist(from, found);
    } else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts')) {
      const to = join(ROOT, 'dist', relative(ROOT, from)).replace(/\.ts$/, '.js');
      let stale = true;
      try {
        stale = statSync(to).mtimeMs < statSync(from).mtimeMs;
      } catch {
        // not built yet
      }
      if (stale) found.push(from);
    }
  }
  return found;
}

/**
 * Compiles the node's processes with tools/build.js when dist/ is older than the sources. Spec
 * files run in parallel and build.js empties dist/ first, so one builds at a time (a lock
 * directory) and the others find it fresh afterwards.
 */
export async function ensureBuilt(): Promise<void> {
  const stale = () => sourcesNewerThanDist(join(ROOT, 'apps')).length + sourcesNewerThanDist(join(ROOT, 'libs')).length > 0;
  if (!stale()) return;
  const lock = join(ROOT, 'tmp', 'edge-test-build.lock');
  mkdirSync(join(ROOT, 'tmp'), { recursive: true });
  await waitFor(
    () => {
      try {
        mkdirSync(lock);
        return true;
      } catch {
        // Left behind by a run that was killed while building: the build takes about a second.
        if (Date.now() - statSync(lock).mtimeMs > 30_000) rmdirSync(lock);
        return false;
      }
    },
    { timeoutMs: 45_000, intervalMs: 50, description: `the build lock ${lock}` },
  );
  try {
    if (stale()) execFileSync(process.execPath, ['tools/build.js'], { cwd: ROOT, stdio: 'pipe' });
  } finally {
    rmdirSync(lock);
  }
}

/** One process of the node, run from its compiled form (`node -r ./tools/run-dist.js dist/…/main.js`). */
export class NodeProcess {
  private output = '';
  private exited?: string;

  private constructor(
    readonly name: string,
    private readonly child: ChildProcess,
  ) {
    const keep = (d: Buffer) => {
      this.output = (this.output + d.toString()).slice(-8_000);
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    child.once('exit', (code, signal) => (this.exited = signal ? `signal ${signal}` : `exit code ${code}`));
  }

  static async start(name: string, entry: string, env: Record<string, string>): Promise<NodeProcess> {
    await ensureBuilt();
    // CPU_PROF_DIR=<dir> has each process write a V8 CPU profile there when it stops (NODE_OPTIONS
    // may not carry --cpu-prof): how bench/RESULTS.md found where a catch-up spends its time.
    const profile = process.env.CPU_PROF_DIR ? ['--cpu-prof', '--cpu-prof-dir', process.env.CPU_PROF_DIR] : [];
    const child = spawn(process.execPath, [...profile, '-r', './tools/run-dist.js', `dist/${entry.replace(/\.ts$/, '.js')}`], {
      cwd: ROOT,
      env: { ...process.env, LOG_LEVEL: 'warn', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    return new NodeProcess(name, child);
  }

  /** The last 8 000 characters the process wrote (stdout and stderr), for a failure's message. */
  get recentOutput(): string {
    return this.output;
  }

  /** Waits until `url` answers 200; fails at once, with what the process said, if it exits. */
  async waitUntilUp(url: string, timeoutMs = 30_000): Promise<void> {
    await waitFor(
      async () => {
        if (this.exited) throw new Error(`${this.name} stopped (${this.exited}) before it was up:\n${this.output}`);
        return (await fetch(url, { signal: AbortSignal.timeout(2_000) })).ok;
      },
      { timeoutMs, intervalMs: 100, description: `${this.name} to answer at ${url}` },
    ).catch((e: Error) => {
      throw new Error(`${e.message}\n--- ${this.name} output ---\n${this.output}`);
    });
  }

  /** SIGTERM, and SIGKILL if it has not finished within `graceMs`. */
  async stop(graceMs = 10_000): Promise<void> {
    if (this.exited) return;
    const exited = new Promise<void>((res) => this.child.once('exit', () => res()));
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), graceMs);
    await exited;
    clearTimeout(timer);
  }

  /** SIGKILL at once, as a crash or the OOM killer would: nothing is finished or cleaned up. Resolves once it is gone. */
  async kill(): Promise<void> {
    if (this.exited) return;
    const exited = new Promise<void>((res) => this.child.once('exit', () => res()));
    this.child.kill('SIGKILL');
    await exited;
  }
}
