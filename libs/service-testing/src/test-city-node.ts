import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { subjectFor } from '@intercity/contracts';
import { networkStreamName, PULLED_FROM_HUB } from '@intercity/messaging';
import type { ServiceConfig, ServiceDefinition } from '@intercity/platform';
import { connectTestNats, waitFor, waitForConsumerIdle } from '@intercity/testing';
import { ServiceUnderTest } from './service-under-test';
import { TestNode } from './test-node';

export const CITY_NODE_ID = 'ravenna';

/** An event as an outbox holds it. */
export interface HubEnvelope {
  id: string;
  type: string;
  [field: string]: unknown;
}

/** The hub base URL a city node's service names in its 409 `node.home` answers. */
export function hubBaseUrlOf(service: string): string {
  return `https://hub.intercity.example/api/${service}`;
}

/**
 * One service alone on a city node (FEDERATION_ROLE=city, NODE_ID ravenna): writes refused for the
 * hub, consumers reading the node's network streams. No hub feed runs here: `fromHub` puts the
 * hub's events into those streams as the feed does (`network.<type>`, the event id as message id),
 * and `ownEvents` what the city's own services wrote into the node's own streams.
 */
export class TestCityNode extends TestNode {
  service!: ServiceUnderTest;

  constructor(private readonly serviceName: string) {
    super(`${serviceName.replace(/-/g, '_')}_city`, {
      env: { FEDERATION_ROLE: 'city', NODE_ID: CITY_NODE_ID, HUB_NODE_ID: 'hub', HUB_BASE_URL: hubBaseUrlOf(serviceName) },
    });
  }

  async startService(define: (config: ServiceConfig) => ServiceDefinition): Promise<ServiceUnderTest> {
    await this.startIssuer();
    this.service = new ServiceUnderTest(await this.start(define(this.configFor(this.serviceName))), this.serviceName, this.issuer, await this.operatorToken());
    return this.service;
  }

  /** Publishes the hub's events, in this order, into the node's network streams of their services. */
  fromHub(envelopes: readonly HubEnvelope[]): Promise<void> {
    return this.publish(envelopes, (type) => `${this.namespace.ns.subjectPrefix}${PULLED_FROM_HUB}.${type}`);
  }

  /** Publishes events the city's own services wrote (its people, say) into the node's own streams. */
  ownEvents(envelopes: readonly HubEnvelope[]): Promise<void> {
    return this.publish(envelopes, (type) => subjectFor(type, this.namespace.ns.subjectPrefix));
  }

  /** Waits until the service's consumer of another service's network stream has applied and acked all it holds. */
  async drained(source: string): Promise<void> {
    const nc = await connectTestNats();
    try {
      await waitForConsumerIdle(await jetstreamManager(nc), networkStreamName(source, this.namespace.ns), `${this.serviceName}__${source}`, { timeoutMs: 30_000 });
    } finally {
      await nc.close();
    }
  }

  /** Waits until the service's inbox holds these of its own events: each applied, or found stale, and committed. */
  async applied(eventIds: readonly string[]): Promise<void> {
    const consumer = `${this.serviceName}__${this.serviceName}`;
    await waitFor(
      async () => {
        const [{ n }] = await this.service.db.query(`SELECT count(*)::int AS n FROM inbox WHERE consumer = $1 AND event_id = ANY ($2::uuid[])`, [consumer, eventIds]);
        return n === new Set(eventIds).size;
      },
      { description: `${eventIds.length} hub events in ${this.serviceName}'s inbox at the city`, timeoutMs: 30_000 },
    );
  }

  private async publish(envelopes: readonly HubEnvelope[], subject: (type: string) => string): Promise<void> {
    const nc = await connectTestNats();
    try {
      const js = jetstream(nc);
      for (const e of envelopes) await js.publish(subject(e.type), JSON.stringify(e), { msgID: e.id });
    } finally {
      await nc.close();
    }
  }
}
