import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { feedInboxPrefix, namespaceFromEnv } from '@intercity/messaging';
import { connectNats, retentionOf, SERVICE_CONFIG, ServiceConfig } from '@intercity/platform';
import { HubFeed } from './hub-feed';

/** Runs the hub feed on a city node: membership is the node's link to the network on both sides. */
@Injectable()
export class HubFeedService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(HubFeedService.name);
  private feed?: HubFeed;

  constructor(@Inject(SERVICE_CONFIG) private readonly config: ServiceConfig) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.FEDERATION_ROLE !== 'city') return;
    const config = this.config;
    this.feed = new HubFeed({
      connect: () => connectNats(config.NATS_URL, `${config.NODE_ID}/${config.SERVICE}/hub-feed`, { inboxPrefix: feedInboxPrefix(config.NODE_ID) }),
      ns: namespaceFromEnv(config as unknown as NodeJS.ProcessEnv),
      nodeId: config.NODE_ID,
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
