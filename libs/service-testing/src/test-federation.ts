import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect, NatsConnection } from '@nats-io/transport-node';
import { jetstreamManager } from '@nats-io/jetstream';
import { DataSource } from 'typeorm';
import request from 'supertest';
import { cityNatsConfig, hubNatsConfig, LinkProxy, LinkTap, NatsServerProcess } from '@intercity/federation';
import { databaseTargetFor, databaseUrl } from '@intercity/persistence';
import { freePort, NodeProcess } from './node-process';
import { dropTestDatabase, randomSuffix, TestIssuer } from '@intercity/testing';

export const HUB = 'hub';

/** The services a node of a test network can run. */
const SERVICES = {
  membership: 'apps/membership/src/main.ts',
  practice: 'apps/practice/src/main.ts',
  grants: 'apps/grants/src/main.ts',
} as const;
export type ServiceName = keyof typeof SERVICES;

export interface FederationOptions {
  cities: string[];
  /** What each node runs: by default membership, which writes, and practice, which keeps copies. */
  services?: ServiceName[];
  /** How long a stream keeps events, in days (the longest outage a city can catch up from). */
  streamMaxAgeDays?: number;
}

/** One node: its NATS server, its services (real processes) and, for a city, its link to the hub. */
export class TestNodeOfNetwork {
  readonly services = new Map<ServiceName, { proc: NodeProcess; url: string; env: Record<string, string> }>();
  private readonly dataSources = new Map<ServiceName, DataSource>();

  constructor(
    readonly id: string,
    readonly nats: NatsServerProcess,
    /** The network between the cities and the hub's leaf port. */
    private readonly network: LinkProxy,
    readonly databasePrefix: string,
  ) {}

  /** Cuts this city's link to the hub: both sides go on running, cut off from each other. */
  cutLink(): void {
    this.network.cut(this.id);
  }

  restoreLink(): void {
    this.network.restore(this.id);
  }

  /** Keeps what the hub sends this city from now on. */
  tapLink(): LinkTap {
    return this.network.tap(this.id);
  }

  url(service: ServiceName): string {
    return this.services.get(service)!.url;
  }

  http(service: ServiceName) {
    return request(this.url(service));
  }

  /** A connection to this node's NATS server, as its services have. */
  connectNats(): Promise<NatsConnection> {
    return connect({ servers: this.nats.url, name: `test/${this.id}` });
  }

  /** The service's own database on this node, to compare read models across nodes. */
  async db(service: ServiceName): Promise<DataSource> {
    let ds = this.dataSources.get(service);
    if (!ds) {
      const target = databaseTargetFor(service, { PG_DATABASE_PREFIX: this.databasePrefix } as NodeJS.ProcessEnv);
      ds = await new DataSource({ type: 'postgres', url: databaseUrl(target), poolSize: 2 }).initialize();
      this.dataSources.set(service, ds);
    }
    return ds;
  }

  async closeDatabases(): Promise<void> {
    for (const ds of this.dataSources.values()) await ds.destroy();
    this.dataSources.clear();
  }
}

/**
 * A network on this machine as the issue describes one: a hub and city nodes, each with its own
 * nats-server process (a JetStream domain of its own, the cities leaf nodes of the hub through a
 * link that can be cut), its own databases and its own service processes.
 */
export class TestFederation {
  readonly nodes = new Map<string, TestNodeOfNetwork>();
  private readonly id = randomSuffix();
  /** One namespace for the whole network (a city sources the hub's streams by name); others' runs use theirs. */
  readonly ns = { subjectPrefix: `f${this.id}.`, streamPrefix: `F${this.id.toUpperCase()}_` };
  private readonly dir = mkdtempSync(join(tmpdir(), 'intercity-federation-'));

  private network?: LinkProxy;

  private constructor(readonly issuer: TestIssuer) {}

  static async start(opts: FederationOptions): Promise<TestFederation> {
    const federation = new TestFederation(await TestIssuer.start());
    try {
      await federation.startNats(opts);
      await federation.startServices(opts);
    } catch (e) {
      await federation.stop();
      throw e;
    }
    return federation;
  }

  get hub(): TestNodeOfNetwork {
    return this.nodes.get(HUB)!;
  }

  node(id: string): TestNodeOfNetwork {
    const n = this.nodes.get(id);
    if (!n) throw new Error(`no node ${id}`);
    return n;
  }

  /** Every node's streams and consumers as they stand: what a failed wait reports. */
  async describe(): Promise<string> {
    const lines: string[] = [];
    for (const node of this.nodes.values()) {
      const nc = await node.connectNats();
      try {
        const jsm = await jetstreamManager(nc);
        for await (const s of jsm.streams.list()) {
          const sources = (s.sources ?? []).map((x) => {
            // The server reports where an external source reads from; the client's type leaves it out.
            const api = (x as { external?: { api: string } }).external?.api;
            return `${x.name}${api ? `@${api}` : ''} lag ${x.lag}${x.error ? ` ${x.error.description}` : ''}`;
          });
          lines.push(`${node.id} ${s.config.name}: ${s.state.messages} messages${sources.length ? ` <- ${sources.join(', ')}` : ''}`);
          for await (const c of jsm.consumers.list(s.config.name)) {
            lines.push(`  ${c.name}: pending ${c.num_pending}, ack pending ${c.num_ack_pending}, redelivered ${c.num_redelivered}`);
          }
        }
      } finally {
        await nc.close();
      }
    }
    return lines.join('\n');
  }

  /** POSTs to a node's membership as the operator; anything but 201 fails with the problem. */
  async create(node: TestNodeOfNetwork, path: string, body: object): Promise<{ id: string }> {
    const res = await node
      .http('membership')
      .post(`/api/membership/${path}`)
      .set('Authorization', `Bearer ${await this.operatorToken()}`)
      .send(body);
    if (res.status !== 201) throw new Error(`POST ${path} on ${node.id}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  }

  /**
   * At the hub: every node registered (with its JetStream domain and base URL), a network, and a
   * city member for each entry, homed on the node it names. Returns the network's and members' ids.
   */
  async seedNetwork(members: { slug: string; home: string; country: string; timeZone: string }[]): Promise<{ networkId: string; memberOf: Record<string, string> }> {
    for (const node of this.nodes.values()) {
      await this.create(this.hub, 'nodes', { id: node.id, name: node.id, baseUrl: node.url('membership'), hub: node.id === HUB, jetstreamDomain: node.id });
    }
    const networkId = (await this.create(this.hub, 'networks', { slug: 'eurocities', name: 'Eurocities' })).id;
    const memberOf: Record<string, string> = {};
    for (const m of members) {
      memberOf[m.slug] = (
        await this.create(this.hub, 'members', {
          networkId,
          slug: m.slug,
          kind: 'city',
          name: m.slug,
          legalName: `City of ${m.slug}`,
          country: m.country,
          timeZone: m.timeZone,
          languages: ['en'],
          homeNodeId: m.home,
        })
      ).id;
    }
    return { networkId, memberOf };
  }

  operatorToken(): Promise<string> {
    return this.issuer.mint({ subject: 'operator@intercity.example', grants: [{ role: 'network-admin', networkId: '*' }] });
  }

  async stop(): Promise<void> {
    for (const node of this.nodes.values()) {
      await Promise.all([...node.services.values()].map((s) => s.proc.stop()));
      await node.closeDatabases();
      for (const service of node.services.keys()) {
        await dropTestDatabase(databaseTargetFor(service, { PG_DATABASE_PREFIX: node.databasePrefix } as NodeJS.ProcessEnv)).catch(() => undefined);
      }
      await node.nats.stop();
    }
    await this.network?.stop();
    await this.issuer.stop();
    rmSync(this.dir, { recursive: true, force: true });
  }

  private async startNats(opts: FederationOptions): Promise<void> {
    const leafPort = await freePort();
    const network = (this.network = await LinkProxy.start({ host: '127.0.0.1', port: leafPort }));
    const credentials = Object.fromEntries(opts.cities.map((c) => [c, `${c}-${randomSuffix()}`]));
    const hubPort = await freePort();
    const hubNats = await NatsServerProcess.start({
      name: HUB,
      port: hubPort,
      dir: this.dir,
      config: hubNatsConfig({
        name: HUB,
        port: hubPort,
        leafPort,
        leafAdvertise: `127.0.0.1:${network.port}`,
        storeDir: join(this.dir, HUB, 'jetstream'),
        domain: HUB,
        cities: opts.cities.map((c) => ({ id: c, domain: c, password: credentials[c] })),
        namespace: this.ns,
      }),
    });
    this.nodes.set(HUB, new TestNodeOfNetwork(HUB, hubNats, network, `test_fed_${this.id}_${HUB}_`));
    for (const city of opts.cities) {
      const port = await freePort();
      const nats = await NatsServerProcess.start({
        name: city,
        port,
        dir: this.dir,
        config: cityNatsConfig({
          name: city,
          port,
          storeDir: join(this.dir, city, 'jetstream'),
          domain: city,
          hubDomain: HUB,
          hubLeafUrl: `nats-leaf://127.0.0.1:${network.port}`,
          user: city,
          password: credentials[city],
          namespace: this.ns,
        }),
      });
      this.nodes.set(city, new TestNodeOfNetwork(city, nats, network, `test_fed_${this.id}_${city}_`));
    }
  }

  private async startServices(opts: FederationOptions): Promise<void> {
    // The hub first: a city's services source the hub's streams, which the hub's services create.
    for (const node of this.nodes.values()) {
      const started = await Promise.all(
        (opts.services ?? (['membership', 'practice'] as ServiceName[])).map(async (service) => {
          const port = await freePort();
          const env: Record<string, string> = {
            ...this.issuer.env,
            NODE_ID: node.id,
            FEDERATION_ROLE: node.id === HUB ? 'hub' : 'city',
            HUB_NODE_ID: HUB,
            HUB_JETSTREAM_DOMAIN: HUB,
            // No edge here: each service's own address stands for the hub's base URL.
            ...(node.id === HUB ? {} : { HUB_BASE_URL: this.hub.url(service) }),
            NATS_URL: node.nats.url,
            NATS_SUBJECT_PREFIX: this.ns.subjectPrefix,
            NATS_STREAM_PREFIX: this.ns.streamPrefix,
            PG_DATABASE_PREFIX: node.databasePrefix,
            STREAM_MAX_AGE_DAYS: String(opts.streamMaxAgeDays ?? 30),
            PORT: String(port),
            HOST: '127.0.0.1',
            // Failed events are tried again soon: the tests wait for convergence, not for backoff.
            EVENT_RETRY_BACKOFF_MS: '200,500,1000',
            EVENT_MAX_ATTEMPTS: '20',
          };
          const proc = await NodeProcess.start(`${node.id}/${service}`, SERVICES[service], env);
          const url = `http://127.0.0.1:${port}`;
          await proc.waitUntilUp(`${url}/health/ready`, 60_000);
          return [service, { proc, url, env }] as const;
        }),
      );
      for (const [service, s] of started) node.services.set(service, s);
    }
  }
}
