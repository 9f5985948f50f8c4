import { headers as natsHeaders, NatsConnection } from '@nats-io/transport-node';
import { ConsumerMessages, jetstream, JetStreamClient, jetstreamManager, JsMsg } from '@nats-io/jetstream';
import {
  applyInBatches,
  DEFAULT_RETENTION,
  ensureEventStream,
  ensureNetworkStream,
  feedConsumerName,
  FEDERATED_SERVICES,
  MessagingNamespace,
  PULLED_FROM_HUB,
  StreamRetention,
  typeFromSubject,
  eventStreamName,
} from '@intercity/messaging';
import { advance } from './domain/source-progress';
import type { SourceProgress } from './ingest-gate';

export interface FeedLogger {
  log(msg: string): void;
  warn(msg: string): void;
  error(msg: string): void;
}

export interface HubFeedOptions {
  /** Where the feed is in each of the hub's streams, and the gaps it found. */
  progress: SourceProgress;
  hubNodeId: string;
  /** A connection to this node's NATS server whose inbox prefix is the city's feed prefix. */
  connect: () => Promise<NatsConnection>;
  ns: MessagingNamespace;
  nodeId: string;
  hubDomain: string;
  retention?: StreamRetention;
  /** How long a pull waits at the hub: after a link cut, the next pull goes out within this. */
  pullExpiresMs?: number;
  /** Wait before trying again when the hub can't be reached. */
  retryMs?: number;
  logger?: FeedLogger;
}

/**
 * On a city node: pulls the hub's streams through the consumers the hub keeps for this city, and
 * puts each event into the node's network stream of its service, then acks it. Explicit acks make
 * a link cut, a restart or a crash between the two harmless: what was not acked comes again, and
 * consumers skip what they hold by event id. The city's own events, back from the hub after its
 * gate, are acked and left out: the network stream has them from the city's own stream. So are
 * other nodes' people: personal data stays on its home node and the hub.
 */
export class HubFeed {
  private nc?: NatsConnection;
  private running = false;
  private readonly current = new Set<ConsumerMessages>();
  private last = new Map<string, number>();
  private loops: Promise<void>[] = [];
  private wake?: () => void;

  constructor(private readonly opts: HubFeedOptions) {}

  async start(): Promise<void> {
    this.nc = await this.opts.connect();
    this.last = await this.opts.progress.load(this.opts.hubNodeId);
    const jsm = await jetstreamManager(this.nc);
    for (const service of FEDERATED_SERVICES) {
      await ensureEventStream(jsm, service, this.opts.ns, this.opts.retention ?? DEFAULT_RETENTION);
      await ensureNetworkStream(jsm, service, this.opts.ns, this.opts.retention ?? DEFAULT_RETENTION);
    }
    this.running = true;
    this.loops = FEDERATED_SERVICES.map((service) => this.follow(service));
  }

  async close(): Promise<void> {
    this.running = false;
    this.wake?.();
    for (const m of this.current) m.stop();
    await Promise.all(this.loops);
    await this.nc?.drain().catch(() => undefined);
  }

  /** One service's stream at the hub, pulled until the feed stops; a lost link is tried again. */
  private async follow(service: string): Promise<void> {
    const hub = jetstream(this.nc!, { domain: this.opts.hubDomain });
    const local = jetstream(this.nc!);
    const stream = eventStreamName(service, this.opts.ns);
    while (this.running) {
      let messages: ConsumerMessages | undefined;
      try {
        const consumer = await hub.consumers.get(stream, feedConsumerName(this.opts.nodeId));
        messages = await consumer.consume({ max_messages: 1_000, expires: this.opts.pullExpiresMs ?? 5_000 });
        this.current.add(messages);
        await applyInBatches(messages, 500, (batch) => this.put(local, stream, batch), () => this.running);
      } catch (e) {
        // The hub is out of reach, or has not made this city's consumer yet (it does once the
        // node is registered there).
        this.opts.logger?.warn(`hub feed: ${stream} at ${this.opts.hubDomain}: ${(e as Error).message}`);
      } finally {
        if (messages) this.current.delete(messages);
      }
      if (this.running) await new Promise<void>((r) => ((this.wake = r), setTimeout(r, this.opts.retryMs ?? 1_000)));
    }
  }

  /**
   * The hub's consumer for this city delivers every message of a stream in order, so a jump in
   * the hub's sequence means events left the hub's stream (older than its retention) before the
   * city pulled them: an outage longer than the retention, or a city joining after the network
   * had run longer than that. Saved before anything is acked, as the gate does.
   */
  private async track(stream: string, batch: JsMsg[]): Promise<void> {
    const { last, gaps } = advance(
      this.last,
      batch.map((m) => ({ source: stream, seq: m.seq })),
    );
    if (!gaps.length && last.get(stream) === this.last.get(stream)) return;
    await this.opts.progress.record(this.opts.hubNodeId, last, gaps);
    this.last = last;
    for (const g of gaps) {
      this.opts.logger?.error(
        `hub feed: events ${g.from}-${g.to} of the hub's ${g.source} left it before this node pulled them ` +
          `(an outage longer than the streams keep events): this node's copies lack them`,
      );
    }
  }

  private async put(local: JetStreamClient, stream: string, batch: JsMsg[]): Promise<void> {
    await this.track(stream, batch);
    // Publishes are pipelined on one connection: the network stream keeps the hub's order.
    const stored = await Promise.allSettled(
      batch.map(async (m) => {
        const event = peek(m);
        // Its own events it has from its own stream. People are their home node's: a city keeps
        // its own (written here) and never another city's or the hub's (ARCHITECTURE §6). The
        // hub's consumer can't leave them out (one subject filter on 2.9), so they are left here.
        if (event?.origin === this.opts.nodeId || typeFromSubject(m.subject, this.opts.ns).startsWith(PERSON_EVENTS)) return;
        const h = natsHeaders();
        const traceparent = m.headers?.get('traceparent');
        if (traceparent) h.set('traceparent', traceparent);
        const subject = `${this.opts.ns.subjectPrefix}${PULLED_FROM_HUB}.${typeFromSubject(m.subject, this.opts.ns)}`;
        // The event id keeps a redelivered message from being stored twice in a row.
        await local.publish(subject, m.data, { headers: h, ...(event?.id ? { msgID: event.id } : {}) });
      }),
    );
    stored.forEach((r, i) => (r.status === 'fulfilled' ? batch[i].ack() : batch[i].nak(1_000)));
  }
}

const PERSON_EVENTS = 'membership.person.';

/** The envelope's id and origin, if the message is one; the consumers judge the rest. */
function peek(m: JsMsg): { id?: string; origin?: string } | undefined {
  try {
    const e = m.json<{ id?: unknown; origin?: unknown }>();
    return { id: typeof e.id === 'string' ? e.id : undefined, origin: typeof e.origin === 'string' ? e.origin : undefined };
  } catch {
    return undefined;
  }
}
