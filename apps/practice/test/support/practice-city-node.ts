import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { subjectFor } from '@intercity/contracts';
import { networkStreamName, PULLED_FROM_HUB } from '@intercity/messaging';
import { ServiceUnderTest, TestNode } from '@intercity/service-testing';
import { connectTestNats, waitFor, waitForConsumerIdle } from '@intercity/testing';
import { practiceDefinition } from '../../src/practice.service-definition';

export const CITY_NODE_ID = 'ravenna';
export const HUB_NODE_ID = 'hub';
export const HUB_BASE_URL = 'https://hub.intercity.example/api/practice';

/** An event as the hub's outbox holds it. */
export interface HubEnvelope {
  id: string;
  type: string;
  [field: string]: unknown;
}

/**
 * Practice alone on a city node (FEDERATION_ROLE=city, NODE_ID ravenna): writes refused for the
 * hub, consumers reading the node's network streams. No hub feed runs here: `fromHub` puts the
 * hub's events into those streams as the feed does (`network.<type>`, the event id as message id).
 */
export class PracticeCityNode extends TestNode {
  practice!: ServiceUnderTest;

  constructor() {
    super('practice_city', { env: { FEDERATION_ROLE: 'city', NODE_ID: CITY_NODE_ID, HUB_NODE_ID, HUB_BASE_URL } });
  }

  async startPractice(): Promise<void> {
    await this.startIssuer();
    const app = await this.start(practiceDefinition(this.configFor('practice'), { offerValidForHours: 48, offerSweepMs: 0 }));
    this.practice = new ServiceUnderTest(app, 'practice', this.issuer, await this.operatorToken());
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

  /**
   * People the city's own membership registered: their events go into the node's PEOPLE stream,
   * never through the hub (a person's data lives on their member's home node).
   */
  async ownPeople(envelopes: readonly HubEnvelope[]): Promise<void> {
    const nc = await connectTestNats();
    try {
      const js = jetstream(nc);
      for (const e of envelopes) await js.publish(subjectFor(e.type, this.namespace.ns.subjectPrefix), JSON.stringify(e), { msgID: e.id });
    } finally {
      await nc.close();
    }
  }

  /** Waits until practice's consumer of a service's network stream has applied and acked all it holds. */
  async drained(source: 'practice' | 'membership'): Promise<void> {
    const nc = await connectTestNats();
    try {
      await waitForConsumerIdle(await jetstreamManager(nc), networkStreamName(source, this.namespace.ns), `practice__${source}`, { timeoutMs: 30_000 });
    } finally {
      await nc.close();
    }
  }

  /** Waits until practice's inbox holds these events: each applied, or found stale, and committed. */
  async applied(eventIds: readonly string[]): Promise<void> {
    await waitFor(
      async () => {
        const [{ n }] = await this.practice.db.query(`SELECT count(*)::int AS n FROM inbox WHERE consumer = 'practice__practice' AND event_id = ANY ($1::uuid[])`, [eventIds]);
        return n === new Set(eventIds).size;
      },
      { description: `${eventIds.length} hub events in practice's inbox at the city`, timeoutMs: 30_000 },
    );
  }
}
