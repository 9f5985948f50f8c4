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
  CARRIED_HEADERS,
  StreamRetention,
  typeFromSubject,
  eventStreamName,
} from '@intercity/messaging';
import { carriesPersonalData } from '@intercity/contracts';
import { advance, expiredUnread, Gap } from './domain/source-progress';
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
 * gate, are acked and left out: the network stream has them from the city's own stream. People
 * never come this way: the hub keeps them in `PEOPLE`, which has no consumer for a city, so
 * personal data stays on its home node and the hub.
 */
export class HubFeed {
  private nc?: NatsConnection;
  private running = false;
  private readonly current = new Set<ConsumerMessages>();
  private last = new Map<string, number>();
  private readonly noting = new Map<string, Promise<void>>();
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
        await this.checkRetention(stream, (await (await hub.streams.get(stream)).info(true)).state.first_seq);
        messages = await consumer.consume({ max_messages: 1_000, expires: this.opts.pullExpiresMs ?? 5_000 });
        this.current.add(messages);
        void this.watchLink(hub, stream, messages);
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
  private track(stream: string, batch: JsMsg[]): Promise<void> {
    return this.note(stream, () =>
      advance(
        this.last,
        batch.map((m) => ({ source: stream, seq: m.seq })),
      ),
    );
  }

  /**
   * A cut link does not end a pull consumer's messages: the client keeps pulling and reports
   * missed heartbeats. The first heartbeat after those is the link back, and the hub's stream is
   * looked at again then, since nothing newer may come to show what aged out meanwhile.
   */
  private async watchLink(hub: JetStreamClient, stream: string, messages: ConsumerMessages): Promise<void> {
    let missed = false;
    for await (const s of messages.status()) {
      if (s.type === 'heartbeats_missed') missed = true;
      else if (missed && s.type === 'heartbeat') {
        missed = false;
        await this.checkRetention(stream, (await (await hub.streams.get(stream)).info(true)).state.first_seq).catch((e: Error) =>
          this.opts.logger?.warn(`hub feed: ${stream} at ${this.opts.hubDomain}: ${e.message}`),
        );
      }
    }
  }

  /**
   * Events that left the hub's stream before this node pulled them show by the stream's first
   * sequence, even if the hub has written nothing since.
   */
  private checkRetention(stream: string, firstSeq: number): Promise<void> {
    return this.note(stream, () => expiredUnread(this.last, stream, firstSeq));
  }

  /**
   * One stream's position moves one step at a time: its batches and its retention checks run
   * concurrently, and the other streams' loops move their own positions meanwhile.
   */
  private note(stream: string, step: () => { last: Map<string, number>; gaps: Gap[] }): Promise<void> {
    const next = (this.noting.get(stream) ?? Promise.resolve()).then(() => this.noteNow(stream, step()));
    this.noting.set(stream, next.catch(() => undefined));
    return next;
  }

  private async noteNow(stream: string, { last, gaps }: { last: Map<string, number>; gaps: Gap[] }): Promise<void> {
    const seq = last.get(stream);
    if (!gaps.length && seq === this.last.get(stream)) return;
    await this.opts.progress.record(this.opts.hubNodeId, new Map(seq === undefined ? [] : [[stream, seq]]), gaps);
    if (seq !== undefined) this.last.set(stream, seq);
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
        // Its own events it has from its own stream. Person events come only from a hub whose
        // streams predate PEOPLE (they were in MEMBERSHIP then), and stay there.
        const type = typeFromSubject(m.subject, this.opts.ns);
        if (event?.origin === this.opts.nodeId || carriesPersonalData(type)) return;
        const h = natsHeaders();
        for (const k of CARRIED_HEADERS) {
          const v = m.headers?.get(k);
          if (v) h.set(k, v);
        }
        const subject = `${this.opts.ns.subjectPrefix}${PULLED_FROM_HUB}.${type}`;
        // The event id keeps a redelivered message from being stored twice in a row.
        await local.publish(subject, m.data, { headers: h, ...(event?.id ? { msgID: event.id } : {}) });
      }),
    );
    stored.forEach((r, i) => (r.status === 'fulfilled' ? batch[i].ack() : batch[i].nak(1_000)));
  }
}

/** The envelope's id and origin, if the message is one; the consumers judge the rest. */
function peek(m: JsMsg): { id?: string; origin?: string } | undefined {
  try {
    const e = m.json<{ id?: unknown; origin?: unknown }>();
    return { id: typeof e.id === 'string' ? e.id : undefined, origin: typeof e.origin === 'string' ? e.origin : undefined };
  } catch {
    return undefined;
  }
}
