import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { namespaceFromEnv } from '@intercity/messaging';
import { connectServiceNats, retentionOf, SERVICE_CONFIG, ServiceConfig } from '@intercity/platform';
import { IngestGate } from './ingest-gate';
import { NodeLinkRepository } from './node-link.repository';

/** Looks for newly registered city nodes this often, beside being told by the node service. */
const REFRESH_MS = 10_000;

/** Runs the ingest gate on the hub: one follower per registered city node with a JetStream domain. */
@Injectable()
export class IngestGateService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(IngestGateService.name);
  private gate?: IngestGate;
  private timer?: NodeJS.Timeout;

  constructor(
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
    private readonly db: DataSource,
    private readonly links: NodeLinkRepository,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.FEDERATION_ROLE !== 'hub') return;
    const config = this.config;
    this.gate = new IngestGate({
      connect: () => connectServiceNats(config, 'ingest-gate'),
      ns: namespaceFromEnv(config as unknown as NodeJS.ProcessEnv),
      hubNodeId: config.NODE_ID,
      retention: retentionOf(config),
      homesOfMembers: async (ids) => {
        const rows: { id: string; home_node_id: string }[] = await this.db.query(
          'SELECT id, home_node_id FROM members WHERE id = ANY($1::uuid[])',
          [ids],
        );
        return new Map(rows.map((r) => [r.id, r.home_node_id]));
      },
      progress: this.links,
      logger: this.logger,
    });
    await this.gate.start();
    await this.refresh();
    this.timer = setInterval(() => void this.refresh().catch((e) => this.logger.warn(`ingest gate refresh: ${(e as Error).message}`)), REFRESH_MS);
  }

  /** Follows every city node registered so far; called again after a node registers. */
  async refresh(): Promise<void> {
    if (!this.gate) return;
    const nodes: { id: string; jetstream_domain: string }[] = await this.db.query(
      'SELECT id, jetstream_domain FROM nodes WHERE NOT hub AND jetstream_domain IS NOT NULL ORDER BY id',
    );
    for (const n of nodes) await this.gate.follow({ id: n.id, domain: n.jetstream_domain });
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.gate?.close();
  }
}
