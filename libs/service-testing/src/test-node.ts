import type { INestApplication } from '@nestjs/common';
import { databaseTargetFor } from '@intercity/persistence';
import { createServiceApp, loadServiceConfig, migrateService, ServiceConfig, ServiceDefinition } from '@intercity/platform';
import { connectTestNats, dropTestDatabase, randomSuffix, TestIssuer, testNamespace, TestNamespace } from '@intercity/testing';

/** The node operator: network admin of every network, as the demo's seed runs. */
export const OPERATOR_SUBJECT = 'operator@intercity.example';

/**
 * One spec file's node: its own databases (`test_<prefix>_<random>_<service>`), its own NATS
 * namespace and its own identity provider, so files run in parallel on the same servers without
 * seeing each other. Services are real Nest apps on the real infrastructure.
 */
export class TestNode {
  readonly id = randomSuffix();
  readonly namespace: TestNamespace;
  private readonly apps: { app: INestApplication; config: ServiceConfig }[] = [];
  /** The identity provider the node trusts; tests mint tokens from it. */
  issuer!: TestIssuer;

  /**
   * `env` is every service's environment beyond the defaults: a federated node's own NATS server
   * (`NATS_URL`) and role, say. Nodes of one federation share one namespace, because a city node
   * sources the hub's streams by name.
   */
  constructor(
    private readonly prefix = 'node',
    private readonly options: { namespace?: TestNamespace; env?: Record<string, string> } = {},
  ) {
    this.namespace = options.namespace ?? testNamespace();
  }

  async startIssuer(): Promise<TestIssuer> {
    this.issuer ??= await TestIssuer.start();
    return this.issuer;
  }

  /** A service's configuration on this node (start the issuer first). */
  configFor(service: string, extra: Record<string, string> = {}): ServiceConfig {
    if (!this.issuer) throw new Error('start the issuer first');
    return loadServiceConfig(service, 0, {
      ...process.env,
      ...this.issuer.env,
      PG_DATABASE_PREFIX: `test_${this.prefix}_${this.id}_`,
      NATS_SUBJECT_PREFIX: this.namespace.ns.subjectPrefix,
      NATS_STREAM_PREFIX: this.namespace.ns.streamPrefix,
      LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
      ...this.options.env,
      ...extra,
    });
  }

  /** Migrates, builds and initialises a service app (consumers started when it has any). */
  async start(def: ServiceDefinition): Promise<INestApplication> {
    await migrateService(def);
    const app = await createServiceApp(def);
    if (def.consumes) await app.startAllMicroservices();
    await app.init();
    this.apps.push({ app, config: def.config });
    return app;
  }

  operatorToken(): Promise<string> {
    return this.issuer.mint({ subject: OPERATOR_SUBJECT, grants: [{ role: 'network-admin', networkId: '*' }] });
  }

  /** Stops the apps (relay and consumers finish first), then drops their databases and streams. */
  async stop(): Promise<void> {
    for (const { app } of this.apps.reverse()) await app.close();
    for (const { config } of this.apps) await dropTestDatabase(databaseTargetFor(config.SERVICE, config as unknown as NodeJS.ProcessEnv));
    await this.issuer?.stop();
    // A node on a NATS server of its own leaves it to whoever started that server.
    if (this.options.env?.NATS_URL) return;
    const nc = await connectTestNats();
    try {
      await this.namespace.cleanup(nc);
    } finally {
      await nc.close();
    }
  }
}
