import { ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import { MessagingNamespace } from '@intercity/messaging';
import { track } from './children';
import { sleep } from './env';

const ROOT = resolve(__dirname, '..', '..');

export async function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const srv = createServer();
    srv.once('error', rej);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => res(port));
    });
  });
}

export interface ServiceProcessOptions {
  /** e.g. apps/membership/src/main.ts */
  entry: string;
  databasePrefix: string;
  ns: MessagingNamespace;
  /** Extra environment, e.g. the identity provider to trust. */
  env?: Record<string, string>;
}

/** A service started from its compiled form (`node -r ./tools/run-dist.js dist/…/main.js`), as `npm start` runs it. */
export class ServiceProcess {
  readonly baseUrl: string;
  private exited?: string;

  private constructor(
    private readonly child: ChildProcess,
    readonly port: number,
  ) {
    this.baseUrl = `http://127.0.0.1:${port}`;
    track(child);
    child.once('exit', (code, signal) => {
      this.exited = signal ? `signal ${signal}` : `code ${code}`;
    });
  }

  get pid(): number {
    return this.child.pid!;
  }

  static async start(opts: ServiceProcessOptions): Promise<ServiceProcess> {
    const port = await freePort();
    const child = spawn(process.execPath, ['-r', './tools/run-dist.js', `dist/${opts.entry.replace(/\.ts$/, '.js')}`], {
      cwd: ROOT,
      env: {
        ...process.env,
        PORT: String(port),
        PG_DATABASE_PREFIX: opts.databasePrefix,
        NATS_SUBJECT_PREFIX: opts.ns.subjectPrefix,
        NATS_STREAM_PREFIX: opts.ns.streamPrefix,
        LOG_LEVEL: 'warn',
        ...opts.env,
      },
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    return new ServiceProcess(child, port);
  }

  /** Waits until `path` (/health/ready by default) answers 200; fails if the process exits first. */
  async ready(timeoutMs = 60_000, path = '/health/ready'): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (this.exited) throw new Error(`bench: the service exited (${this.exited}) before it was ready`);
      try {
        const res = await fetch(`${this.baseUrl}${path}`, { signal: AbortSignal.timeout(2_000) });
        if (res.status === 200) return;
      } catch {
        // not listening yet
      }
      await sleep(200);
    }
    throw new Error(`bench: the service was not ready within ${timeoutMs} ms`);
  }

  /** Resident set size now, in MB (VmRSS of /proc/<pid>/status). */
  rssMb(): number {
    const status = readFileSync(`/proc/${this.pid}/status`, 'utf8');
    const kb = Number(/^VmRSS:\s+(\d+)\s+kB/m.exec(status)?.[1]);
    if (!Number.isFinite(kb)) throw new Error(`bench: no VmRSS for process ${this.pid}`);
    return kb / 1024;
  }

  /** Samples RSS every `everyMs` until the returned function is called; it returns the samples. */
  sampleRss(everyMs = 100): () => number[] {
    const samples = [this.rssMb()];
    const timer = setInterval(() => {
      if (!this.exited) samples.push(this.rssMb());
    }, everyMs);
    return () => {
      clearInterval(timer);
      if (!this.exited) samples.push(this.rssMb());
      return samples;
    };
  }

  /** SIGTERM, then SIGKILL if it has not exited within `graceMs`. */
  async stop(graceMs = 10_000): Promise<void> {
    if (this.exited) return;
    const exited = new Promise<void>((res) => this.child.once('exit', () => res()));
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), graceMs);
    await exited;
    clearTimeout(timer);
  }
}

/** RSS in MB of an empty Node program: what the runtime alone costs, beside a service's figure. */
export async function runtimeRssMb(): Promise<number> {
  const child = track(spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { cwd: ROOT, stdio: 'ignore' }));
  try {
    await sleep(1_500);
    const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
    return Number(/^VmRSS:\s+(\d+)\s+kB/m.exec(status)?.[1]) / 1024;
  } finally {
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGKILL');
    await exited;
  }
}
