import { ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, openSync, writeFileSync } from 'node:fs';
import { connect as tcpConnect } from 'node:net';
import { join } from 'node:path';

export interface NatsServerOptions {
  /** Names the config, log and store files under `dir`. */
  name: string;
  /** The server's configuration file's text. */
  config: string;
  /** Its client port, to tell when it is ready. */
  port: number;
  dir: string;
  /** The nats-server binary; `NATS_SERVER_BIN` or `nats-server` on the PATH by default. */
  binary?: string;
  /**
   * In a process group of its own: a Ctrl-C at the terminal then reaches the services but not the
   * server, which the caller stops after them (npm run start:network).
   */
  detached?: boolean;
}

/** One nats-server process with a generated configuration, for a local federation or its tests. */
export class NatsServerProcess {
  private child?: ChildProcess;
  private exited?: Promise<void>;

  private constructor(readonly opts: NatsServerOptions) {}

  get url(): string {
    return `nats://127.0.0.1:${this.opts.port}`;
  }

  get configFile(): string {
    return join(this.opts.dir, `${this.opts.name}.conf`);
  }

  get logFile(): string {
    return join(this.opts.dir, `${this.opts.name}.log`);
  }

  static async start(opts: NatsServerOptions): Promise<NatsServerProcess> {
    const server = new NatsServerProcess(opts);
    await server.start();
    return server;
  }

  /** Starts it (again, after a stop or a kill) with the same configuration and store. */
  async start(): Promise<void> {
    mkdirSync(this.opts.dir, { recursive: true });
    writeFileSync(this.configFile, this.opts.config);
    const log = openSync(this.logFile, 'a');
    const child = spawn(this.opts.binary ?? process.env.NATS_SERVER_BIN ?? 'nats-server', ['-c', this.configFile], {
      stdio: ['ignore', log, log],
      detached: this.opts.detached ?? false,
    });
    this.child = child;
    this.exited = new Promise((resolve) => child.once('exit', () => resolve()));
    const failed = new Promise<never>((_, reject) =>
      child.once('exit', (code) => reject(new Error(`nats-server ${this.opts.name} exited (${code}); see ${this.logFile}`))),
    );
    failed.catch(() => undefined);
    await Promise.race([waitForPort(this.opts.port, 15_000), failed]);
  }

  /** Shuts down cleanly (lame-duck skipped): JetStream state is flushed to the store. */
  async stop(): Promise<void> {
    if (!this.child || this.child.exitCode !== null) return;
    this.child.kill('SIGTERM');
    await this.exited;
  }

  /** Dies at once, as when the machine loses its process. */
  async kill(): Promise<void> {
    if (!this.child || this.child.exitCode !== null) return;
    this.child.kill('SIGKILL');
    await this.exited;
  }
}

async function waitForPort(port: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const open = await new Promise<boolean>((resolve) => {
      const s = tcpConnect(port, '127.0.0.1');
      s.once('connect', () => {
        s.destroy();
        resolve(true);
      });
      s.once('error', () => resolve(false));
    });
    if (open) return;
    if (Date.now() > deadline) throw new Error(`nothing listens on ${port} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
