import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { feedInboxPrefix, namespaceFromEnv } from '@intercity/messaging';
import { connectServiceNats, retentionOf, SERVICE_CONFIG, ServiceConfig } from '@intercity/platform';
import { HubFeed } from './hub-feed';
import { NodeLinkRepository } from './node-link.repository';

/** Runs the hub feed on a city node: membership is the node's link to the network on both sides. */
@Injectable()
export class HubFeedService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(HubFeedService.name);
  private feed?: HubFeed;

  constructor(
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
    private readonly links: NodeLinkRepository,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.FEDERATION_ROLE !== 'city') return;
    const config = this.config;
    this.feed = new HubFeed({
      connect: () => connectServiceNats(config, 'hub-feed', { inboxPrefix: feedInboxPrefix(config.NODE_ID) }),
      ns: namespaceFromEnv(config as unknown as NodeJS.ProcessEnv),
      nodeId: config.NODE_ID,
      hubNodeId: config.HUB_NODE_ID,
      progress: this.links,
      hubDomain: config.HUB_JETSTREAM_DOMAIN,
      retention: retentionOf(config),
      logger: this.logger,
    });
    await this.feed.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.feed?.close();
  }
}
