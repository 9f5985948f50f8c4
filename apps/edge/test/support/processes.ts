import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, renameSync, rmdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import type { JWK } from 'jose';
import { Client } from 'pg';
import { databaseTargetFor, databaseUrl } from '@intercity/persistence';
import { connectTestNats, dropTestDatabase, randomSuffix, testNamespace, waitFor } from '@intercity/testing';
import { SERVICES, ServiceName } from '../../src/edge-config';

/** The repository root: child processes run from it, as `npm start` runs them. */
export const ROOT = resolve(__dirname, '..', '..', '..', '..');

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

function sourcesNewerThanDist(dir = join(ROOT, 'apps'), found: string[] = []): string[] {
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
    const child = spawn(process.execPath, ['-r', './tools/run-dist.js', `dist/${entry.replace(/\.ts$/, '.js')}`], {
      cwd: ROOT,
      env: { ...process.env, LOG_LEVEL: 'warn', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    return new NodeProcess(name, child);
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
}

/** A demo user as the demo issuer reads them from its users file (apps/demo-issuer/src/demo-users.ts). */
export interface DemoUser {
  email: string;
  name: string;
  description: string;
  grants: { role: 'network-admin' | 'city-liaison' | 'grant-officer' | 'viewer'; networkId: string; memberId?: string }[];
}

/** The node operator the demo issuer always knows: network admin of every network. */
export const OPERATOR_EMAIL = 'operator@intercity.example';

/**
 * The demo's OpenID Connect issuer (oidc-provider), run as `npm start` runs it. oidc-provider is
 * an ES module that Jest cannot load, so it is a child process in every spec.
 */
export class DemoIssuer {
  readonly audience = 'intercity-api';

  private constructor(
    readonly url: string,
    private readonly dir: string,
    private readonly proc: NodeProcess,
  ) {}

  static async start(users: DemoUser[] = []): Promise<DemoIssuer> {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const dir = mkdtempSync(join(tmpdir(), 'intercity-edge-issuer-'));
    writeUsers(dir, users);
    const proc = await NodeProcess.start('demo-issuer', 'apps/demo-issuer/src/main.ts', {
      PORT: String(port),
      AUTH_ISSUER: url,
      DEMO_ISSUER_DIR: dir,
      DEMO_USERS_FILE: join(dir, 'users.json'),
    });
    const issuer = new DemoIssuer(url, dir, proc);
    try {
      await proc.waitUntilUp(`${url}/.well-known/openid-configuration`);
    } catch (e) {
      await issuer.stop();
      throw e;
    }
    return issuer;
  }

  /** Environment that points a service or the edge at this issuer. */
  get env(): Record<string, string> {
    return { AUTH_ISSUER: this.url, AUTH_AUDIENCE: this.audience };
  }

  /** Replaces the demo users (besides the operator); the issuer reads the file at each sign-in. */
  setUsers(users: DemoUser[]): void {
    writeUsers(this.dir, users);
  }

  /** An access token for a demo user, from the token endpoint, as `npm run token` gets one. */
  async token(email: string): Promise<string> {
    const res = await fetch(`${this.url}/token`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        authorization: `Basic ${Buffer.from('intercity-cli:intercity-demo-cli-secret').toString('base64')}`,
      },
      body: new URLSearchParams({ grant_type: 'urn:intercity:params:oauth:grant-type:demo-user', email }),
    });
    const body = (await res.json()) as { access_token?: string; error_description?: string };
    if (!res.ok || !body.access_token) throw new Error(`no token for ${email}: ${res.status} ${body.error_description ?? ''}`);
    return body.access_token;
  }

  /** The issuer's own signing key, private half included, as it keeps it on disk. */
  async signingKey(): Promise<JWK & { kid: string }> {
    const { keys } = JSON.parse(await readFile(join(this.dir, 'signing-keys.json'), 'utf8')) as { keys: (JWK & { kid: string })[] };
    return keys[0];
  }

  /** What the issuer publishes at its JWKS endpoint. */
  async publicKeys(): Promise<(JWK & { kid: string })[]> {
    const { jwks_uri } = (await (await fetch(`${this.url}/.well-known/openid-configuration`)).json()) as { jwks_uri: string };
    return ((await (await fetch(jwks_uri)).json()) as { keys: (JWK & { kid: string })[] }).keys;
  }

  async stop(): Promise<void> {
    await this.proc.stop();
    rmSync(this.dir, { recursive: true, force: true });
  }
}

function writeUsers(dir: string, users: DemoUser[]): void {
  // Written aside and renamed, so the issuer never reads half a file.
  const file = join(dir, 'users.json');
  const aside = `${file}.${randomSuffix()}`;
  writeFileSync(aside, JSON.stringify(users));
  renameSync(aside, file);
}

/**
 * The services behind the edge, each a process of its own as `npm start` runs them, sharing one
 * spec file's databases (`test_edge_<random>_<service>`) and NATS namespace, and trusting the given
 * issuer. The edge's specs run them as processes rather than in-process: a project may not import
 * another service's code.
 */
export class BackendServices {
  private constructor(
    private readonly env: Record<string, string>,
    private readonly running: Map<ServiceName, { url: string; proc: NodeProcess }>,
    private readonly namespace: ReturnType<typeof testNamespace>,
  ) {}

  static async start(issuerEnv: Record<string, string>, services: readonly ServiceName[] = SERVICES): Promise<BackendServices> {
    const namespace = testNamespace();
    const env = {
      ...issuerEnv,
      HOST: '127.0.0.1',
      PG_DATABASE_PREFIX: `test_edge_${randomSuffix()}_`,
      NATS_SUBJECT_PREFIX: namespace.ns.subjectPrefix,
      NATS_STREAM_PREFIX: namespace.ns.streamPrefix,
    };
    const node = new BackendServices(env, new Map(), namespace);
    const started = await Promise.allSettled(
      services.map(async (name) => {
        const port = await freePort();
        const proc = await NodeProcess.start(name, `apps/${name}/src/main.ts`, { ...env, PORT: String(port) });
        const url = `http://127.0.0.1:${port}`;
        node.running.set(name, { url, proc });
        await proc.waitUntilUp(`${url}/health/ready`);
      }),
    );
    const failed = started.find((r) => r.status === 'rejected');
    if (failed) {
      await node.stop();
      throw failed.reason;
    }
    return node;
  }

  url(service: ServiceName): string {
    const running = this.running.get(service);
    if (!running) throw new Error(`${service} was not started`);
    return running.url;
  }

  /**
   * Where the edge finds each service (`MEMBERSHIP_URL`, …). A service not started here points at
   * a port nothing listens on, so the edge never reaches anything outside the spec.
   */
  async edgeEnv(): Promise<Record<string, string>> {
    const closed = `http://127.0.0.1:${await freePort()}`;
    return Object.fromEntries(SERVICES.map((s) => [`${s.toUpperCase()}_URL`, this.running.get(s)?.url ?? closed]));
  }

  /** Reads a service's own database (its outbox, its audit trail), as an operator would with psql. */
  async query<T>(service: ServiceName, sql: string, params: unknown[] = []): Promise<T[]> {
    const client = new Client({ connectionString: databaseUrl(databaseTargetFor(service, { ...process.env, ...this.env })) });
    await client.connect();
    try {
      return (await client.query(sql, params)).rows as T[];
    } finally {
      await client.end();
    }
  }

  /** Stops the processes (each finishes its in-flight work first), then drops their databases and streams. */
  async stop(): Promise<void> {
    await Promise.all([...this.running.values()].map(({ proc }) => proc.stop()));
    for (const service of this.running.keys()) await dropTestDatabase(databaseTargetFor(service, { ...process.env, ...this.env }));
    const nc = await connectTestNats();
    try {
      await this.namespace.cleanup(nc);
    } finally {
      await nc.close();
    }
  }
}
