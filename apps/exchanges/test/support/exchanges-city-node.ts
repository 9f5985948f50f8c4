import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { networkStreamName, PULLED_FROM_HUB } from '@intercity/messaging';
import { ServiceUnderTest, TestNode } from '@intercity/service-testing';
import { connectTestNats, waitFor, waitForConsumerIdle } from '@intercity/testing';
import { exchangesDefinition } from '../../src/exchanges.service-definition';

export const CITY_NODE_ID = 'ravenna';
export const HUB_BASE_URL = 'https://hub.intercity.example/api/exchanges';

/** An event as the hub's outbox holds it. */
export interface HubEnvelope {
  id: string;
  type: string;
  [field: string]: unknown;
}

/**
 * Exchanges alone on a city node (FEDERATION_ROLE=city, NODE_ID ravenna): writes refused for the
 * hub, consumers reading the node's network streams. No hub feed runs here: `fromHub` puts the
 * hub's events into those streams as the feed does (`network.<type>`, the event id as message id).
 */
export class ExchangesCityNode extends TestNode {
  exchanges!: ServiceUnderTest;

  constructor() {
    super('exchanges_city', { env: { FEDERATION_ROLE: 'city', NODE_ID: CITY_NODE_ID, HUB_NODE_ID: 'hub', HUB_BASE_URL } });
  }

  async startExchanges(): Promise<void> {
    await this.startIssuer();
    this.exchanges = new ServiceUnderTest(await this.start(exchangesDefinition(this.configFor('exchanges'))), 'exchanges', this.issuer, await this.operatorToken());
  }

  /** Publishes the hub's events, in this order, into the node's network streams of their services. */
  async fromHub(envelopes: readonly HubEnvelope[]): Promise<void> {
    const nc = await connectTestNats();
    try {
      const js = jetstream(nc);
      for (const e of envelopes) {
        await js.publish(`${this.namespace.ns.subjectPrefix}${PULLED_FROM_HUB}.${e.type}`, JSON.stringify(e), { msgID: e.id });
      }
    } finally {
      await nc.close();
    }
  }

  /** Waits until exchanges' consumer of a service's network stream has applied and acked all it holds. */
  async drained(source: 'exchanges' | 'membership' | 'practice'): Promise<void> {
    const nc = await connectTestNats();
    try {
      await waitForConsumerIdle(await jetstreamManager(nc), networkStreamName(source, this.namespace.ns), `exchanges__${source}`, { timeoutMs: 30_000 });
    } finally {
      await nc.close();
    }
  }

  /** Waits until exchanges' inbox holds these of its own events: each applied, or found stale, and committed. */
  async applied(eventIds: readonly string[]): Promise<void> {
    await waitFor(
      async () => {
        const [{ n }] = await this.exchanges.db.query(`SELECT count(*)::int AS n FROM inbox WHERE consumer = 'exchanges__exchanges' AND event_id = ANY ($1::uuid[])`, [eventIds]);
        return n === new Set(eventIds).size;
      },
      { description: `${eventIds.length} hub events in exchanges' inbox at the city`, timeoutMs: 30_000 },
    );
  }
}
