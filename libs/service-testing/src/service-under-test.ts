import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { DataSource } from 'typeorm';
import type { TestGrant, TestIssuer } from '@intercity/testing';

export interface OutboxEvent {
  type: string;
  aggregateType: string;
  aggregateId: string;
  aggregateVersion: number;
  data: Record<string, unknown>;
  envelope: Record<string, unknown>;
}

/** A running service: its HTTP API with real tokens, and a look at what it stored. */
export class ServiceUnderTest {
  readonly db: DataSource;

  constructor(
    readonly app: INestApplication,
    readonly service: string,
    readonly issuer: TestIssuer,
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

  /** `/api/<service>/<path>` */
  path(p: string): string {
    return `/api/${this.service}/${p.replace(/^\//, '')}`;
  }

  async count(table: string): Promise<number> {
    if (!/^[a-z_]+$/.test(table)) throw new Error(`not a table name: ${table}`);
    const [{ n }] = await this.db.query(`SELECT count(*)::int AS n FROM ${table}`);
    return n;
  }

  /** Events written for one aggregate (or all), in outbox order. */
  async events(aggregateId?: string): Promise<OutboxEvent[]> {
    const rows: { envelope: OutboxEvent['envelope'] & { type: string; aggregate: { type: string; id: string; version: number }; data: Record<string, unknown> } }[] =
      await this.db.query(`SELECT envelope FROM outbox WHERE $1::text IS NULL OR aggregate_id = $1 ORDER BY seq`, [aggregateId ?? null]);
    return rows.map(({ envelope }) => ({
      type: envelope.type,
      aggregateType: envelope.aggregate.type,
      aggregateId: envelope.aggregate.id,
      aggregateVersion: envelope.aggregate.version,
      data: envelope.data,
      envelope,
    }));
  }

  /** What a rejected request must leave untouched: these tables' row counts. */
  async snapshot(tables: readonly string[]): Promise<Record<string, number>> {
    return Object.fromEntries(await Promise.all(tables.map(async (t) => [t, await this.count(t)] as const)));
  }
}
