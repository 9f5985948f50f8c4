import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { databaseTargetFor } from '@intercity/persistence';
import { createServiceApp, loadServiceConfig, migrateService, ServiceConfig, ServiceDefinition } from '@intercity/platform';
import { connectTestNats, dropTestDatabase, randomSuffix, TestGrant, TestIssuer, testNamespace, TestNamespace } from '@intercity/testing';
import { membershipDefinition } from '../../src/membership.service-definition';

/**
 * One spec file's world: its own databases (`test_membership_<random>_<service>`) and its own
 * NATS namespace, so files run in parallel on the same servers without seeing each other.
 */
export class TestNode {
  readonly id = randomSuffix();
  readonly namespace: TestNamespace = testNamespace();
  private readonly apps: { app: INestApplication; config: ServiceConfig }[] = [];
  /** The identity provider the node trusts; tests mint tokens from it. */
  issuer!: TestIssuer;

  configFor(service: string): ServiceConfig {
    if (!this.issuer) throw new Error('start the issuer first (startMembership does)');
    return loadServiceConfig(service, 0, {
      ...process.env,
      ...this.issuer.env,
      PG_DATABASE_PREFIX: `test_membership_${this.id}_`,
      NATS_SUBJECT_PREFIX: this.namespace.ns.subjectPrefix,
      NATS_STREAM_PREFIX: this.namespace.ns.streamPrefix,
      LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
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

  async startIssuer(): Promise<TestIssuer> {
    this.issuer ??= await TestIssuer.start();
    return this.issuer;
  }

  async startMembership(): Promise<MembershipUnderTest> {
    await this.startIssuer();
    const app = await this.start(membershipDefinition(this.configFor('membership')));
    const operator = await this.issuer.mint({ subject: 'operator@intercity.example', grants: [{ role: 'network-admin', networkId: '*' }] });
    return new MembershipUnderTest(app, this.issuer, operator);
  }

  /** Stops the apps (relay and consumers finish first), then drops their databases and streams. */
  async stop(): Promise<void> {
    for (const { app } of this.apps.reverse()) await app.close();
    for (const { config } of this.apps) await dropTestDatabase(databaseTargetFor(config.SERVICE, config as unknown as NodeJS.ProcessEnv));
    await this.issuer?.stop();
    const nc = await connectTestNats();
    try {
      await this.namespace.cleanup(nc);
    } finally {
      await nc.close();
    }
  }
}

export interface OutboxEvent {
  type: string;
  aggregateType: string;
  aggregateId: string;
  aggregateVersion: number;
  data: Record<string, unknown>;
  envelope: Record<string, unknown>;
}

const SNAPSHOT_TABLES = ['nodes', 'networks', 'projects', 'members', 'participations', 'people', 'outbox', 'audit_trail'] as const;

/** The membership app, its HTTP API and a look at what it stored. */
export class MembershipUnderTest {
  readonly db: DataSource;

  constructor(
    readonly app: INestApplication,
    readonly issuer: TestIssuer,
    /** The node operator's token: network admin of every network. */
    readonly operatorToken: string,
  ) {
    this.db = app.get(DataSource);
  }

  /** Requests as the node operator (network admin of every network). */
  get http() {
    return this.as(this.operatorToken);
  }

  /** Requests carrying this access token (none: anonymous). */
  as(token?: string) {
    const agent = request.agent(this.app.getHttpServer());
    return token ? agent.set('Authorization', `Bearer ${token}`) : agent;
  }

  /** A token of a person holding these grants. */
  tokenFor(subject: string, ...grants: TestGrant[]): Promise<string> {
    return this.issuer.mint({ subject, grants });
  }

  /** `/api/membership/<path>` */
  path(p: string): string {
    return `/api/membership/${p.replace(/^\//, '')}`;
  }

  async count(table: (typeof SNAPSHOT_TABLES)[number]): Promise<number> {
    const [{ n }] = await this.db.query(`SELECT count(*)::int AS n FROM ${table}`);
    return n;
  }

  /** Events written for one aggregate (or all), in outbox order. */
  async events(aggregateId?: string): Promise<OutboxEvent[]> {
    const rows: { envelope: OutboxEvent['envelope'] & { type: string; aggregate: { type: string; id: string; version: number }; data: Record<string, unknown> } }[] =
      await this.db.query(
        `SELECT envelope FROM outbox WHERE $1::text IS NULL OR aggregate_id = $1 ORDER BY seq`,
        [aggregateId ?? null],
      );
    return rows.map(({ envelope }) => ({
      type: envelope.type,
      aggregateType: envelope.aggregate.type,
      aggregateId: envelope.aggregate.id,
      aggregateVersion: envelope.aggregate.version,
      data: envelope.data,
      envelope,
    }));
  }

  /** What a rejected request must leave untouched: every table's row count, the outbox and the audit trail. */
  async snapshot(): Promise<Record<string, number>> {
    return Object.fromEntries(await Promise.all(SNAPSHOT_TABLES.map(async (t) => [t, await this.count(t)] as const)));
  }
}
