import { mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { JWK } from 'jose';
import { Client } from 'pg';
import { databaseTargetFor, databaseUrl } from '@intercity/persistence';
import { freePort, NodeProcess } from '@intercity/service-testing';
import { connectTestNats, dropTestDatabase, randomSuffix, testNamespace } from '@intercity/testing';
import { SERVICES, ServiceName } from '../../src/edge-config';

// Generic process handling lives in @intercity/service-testing; re-exported for the edge's specs.
export { ensureBuilt, freePort, NodeProcess, ROOT } from '@intercity/service-testing';

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
