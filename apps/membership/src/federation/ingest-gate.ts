import { headers as natsHeaders, NatsConnection } from '@nats-io/transport-node';
import { AckPolicy, ConsumerMessages, DeliverPolicy, jetstream, JetStreamClient, jetstreamManager, JsMsg } from '@nats-io/jetstream';
import { EVENT_REGISTRY, EventEnvelope } from '@intercity/contracts';
import {
  applyInBatches,
  DEFAULT_RETENTION,
  ensureDurableConsumer,
  ensureEventStream,
  ensureFeedConsumer,
  ensureIngestStream,
  FEDERATED_SERVICES,
  CARRIED_HEADERS,
  publishBatch,
  STREAMS_TO_HUB,
  eventSubject,
  ingestStreamName,
  MessagingNamespace,
  publishDeadLetter,
  StreamRetention,
} from '@intercity/messaging';
import { judgeArrival } from './domain/arrival';
import { advance, Gap, sourcePosition, SourcePosition } from './domain/source-progress';

export interface CityNode {
  id: string;
  /** Its JetStream domain, which the hub sources its streams through. */
  domain: string;
}

export interface GateLogger {
  log(msg: string): void;
  warn(msg: string): void;
  error(msg: string): void;
}

/** Where the gate is in each city's streams, kept where it outlives the process. */
export interface SourceProgress {
  load(nodeId: string): Promise<Map<string, number>>;
  /** Saves the new positions and any gaps, before the messages that moved them are acked. */
  record(nodeId: string, last: ReadonlyMap<string, number>, gaps: readonly Gap[]): Promise<void>;
}

export interface IngestGateOptions {
  connect: () => Promise<NatsConnection>;
  ns: MessagingNamespace;
  hubNodeId: string;
  /** The home node of each member asked for that the hub knows. */
  homesOfMembers(memberIds: string[]): Promise<Map<string, string>>;
  progress: SourceProgress;
  retention?: StreamRetention;
  /** Looks again this often for an event whose member the hub does not know yet… */
  waitMs?: number;
  /** …and refuses it after this many looks. */
  maxWaits?: number;
  batchSize?: number;
  logger?: GateLogger;
}

/** Header naming the city node an accepted event came in from. */
export const VIA_HEADER = 'Intercity-Via';


/** The durable consumer each ingest stream is read with. */
const GATE_CONSUMER = 'ingest-gate';

/**
 * The hub's trust boundary (ARCHITECTURE §6). Each city node's streams are sourced into an ingest
 * stream of their own; the gate reads it, so it knows which node every event came from without
 * believing what the event says, and republishes into the hub's streams only what that node may
 * write. The rest is dead-lettered with the reason. Consumers skip event ids they have seen, so
 * a redelivery never applies twice.
 */
export class IngestGate {
  private nc?: NatsConnection;
  private js?: JetStreamClient;
  private readonly followed = new Map<string, { messages: ConsumerMessages; done: Promise<void>; last: Map<string, number> }>();
  private running = false;

  constructor(private readonly opts: IngestGateOptions) {}

  async start(): Promise<void> {
    this.nc = await this.opts.connect();
    this.js = jetstream(this.nc);
    this.running = true;
  }

  /** Starts reading a city node's streams; following one already followed does nothing. */
  async follow(node: CityNode): Promise<void> {
    if (!this.running || this.followed.has(node.id)) return;
    const jsm = await jetstreamManager(this.nc!);
    const retention = this.opts.retention ?? DEFAULT_RETENTION;
    // The hub's streams the gate republishes into, and what the city pulls from the hub: a
    // consumer of its own on each of them but PEOPLE.
    for (const stream of STREAMS_TO_HUB) await ensureEventStream(jsm, stream, this.opts.ns, retention);
    for (const service of FEDERATED_SERVICES) await ensureFeedConsumer(jsm, service, node.id, this.opts.ns);
    const stream = ingestStreamName(node.id, this.opts.ns);
    await ensureIngestStream(jsm, node, STREAMS_TO_HUB, this.opts.ns, retention);
    await ensureDurableConsumer(jsm, stream, {
      durable_name: GATE_CONSUMER,
      ack_policy: AckPolicy.Explicit,
      deliver_policy: DeliverPolicy.All,
      ack_wait: 30_000 * 1_000_000,
      max_deliver: -1,
      max_ack_pending: (this.opts.batchSize ?? 1_000) * 4,
    });
    const last = await this.opts.progress.load(node.id);
    const consumer = await this.js!.consumers.get(stream, GATE_CONSUMER);
    const messages = await consumer.consume({ max_messages: (this.opts.batchSize ?? 1_000) * 2 });
    const followed = { messages, last, done: Promise.resolve() };
    followed.done = applyInBatches(messages, this.opts.batchSize ?? 1_000, (batch) => this.pass(node, batch, followed), () => this.running);
    this.followed.set(node.id, followed);
    this.opts.logger?.log(`ingest gate: following ${node.id} (domain ${node.domain})`);
  }

  get following(): string[] {
    return [...this.followed.keys()];
  }

  async close(): Promise<void> {
    this.running = false;
    for (const f of this.followed.values()) f.messages.stop();
    await Promise.all([...this.followed.values()].map((f) => f.done));
    this.followed.clear();
    await this.nc?.drain().catch(() => undefined);
  }

  private async pass(node: CityNode, batch: JsMsg[], followed: { last: Map<string, number> }): Promise<void> {
    await this.track(node, batch, followed);
    const decoded = batch.map((msg) => ({ msg, decoded: this.decode(msg) }));
    const memberIds = new Set<string>();
    for (const { decoded: d } of decoded) {
      const memberId = d.ok ? (d.envelope.data as { memberId?: unknown }).memberId : undefined;
      if (typeof memberId === 'string') memberIds.add(memberId);
    }
    const homes = memberIds.size ? await this.opts.homesOfMembers([...memberIds]) : new Map<string, string>();
    const ctx = { fromNode: node.id, hubNode: this.opts.hubNodeId, homeOfMember: (id: string) => homes.get(id) };

    const accepted: { msg: JsMsg; envelope: EventEnvelope<object> }[] = [];
    const refusals: Promise<void>[] = [];
    for (const { msg, decoded: d } of decoded) {
      if (!d.ok) {
        refusals.push(this.refuse(node, msg, d.reason));
        continue;
      }
      const verdict = judgeArrival(d.envelope, ctx);
      if (verdict.verdict === 'reject') refusals.push(this.refuse(node, msg, verdict.reason));
      else if (verdict.verdict === 'wait') {
        if (msg.info.deliveryCount >= (this.opts.maxWaits ?? 20)) refusals.push(this.refuse(node, msg, verdict.reason));
        else msg.nak(this.opts.waitMs ?? 5_000);
      } else accepted.push({ msg, envelope: d.envelope });
    }
    await Promise.all([...refusals, this.accept(node, accepted)]);
  }

  /**
   * Notes how far the gate has read each of the city's streams, and reports any events that left
   * a city's stream before the hub could source them: an outage longer than the streams' retention.
   * Saved before anything is acked, so a restart never mistakes acked messages for missing ones.
   */
  private async track(node: CityNode, batch: JsMsg[], followed: { last: Map<string, number> }): Promise<void> {
    const positions = batch.map((m) => sourcePosition(m.headers?.get('Nats-Stream-Source'))).filter((p): p is SourcePosition => !!p);
    const { last, gaps } = advance(followed.last, positions);
    if (!gaps.length && [...last].every(([source, seq]) => followed.last.get(source) === seq)) return;
    await this.opts.progress.record(node.id, last, gaps);
    followed.last = last;
    for (const g of gaps) {
      this.opts.logger?.error(
        `ingest gate: ${node.id}: events ${g.from}-${g.to} of ${g.source} left the city's stream before the hub read them ` +
          `(an outage longer than the streams keep events): resynchronise by republishing from the city's outbox`,
      );
    }
  }

  /**
   * Republishes what the city may write into the hub's streams, in the city's order (one
   * connection), and acks each once the hub's stream has stored it.
   */
  private async accept(node: CityNode, accepted: { msg: JsMsg; envelope: EventEnvelope<object> }[]): Promise<void> {
    const stored = await publishBatch(
      this.nc!,
      accepted.map(({ msg, envelope }) => {
        const h = natsHeaders();
        for (const k of CARRIED_HEADERS) {
          const v = msg.headers?.get(k);
          if (v) h.set(k, v);
        }
        h.set(VIA_HEADER, node.id);
        // No Nats-Msg-Id: on nats-server 2.9 a duplicate arriving by sourcing stalls the source (see
        // sourcedRetention); a second copy after a redelivery is skipped by consumers' inboxes.
        return { subject: eventSubject(envelope.type, this.opts.ns), data: msg.data, headers: h };
      }),
    );
    stored.forEach((r, i) => {
      const { msg, envelope } = accepted[i];
      if (r.ok) return msg.ack();
      this.opts.logger?.warn(`ingest gate: ${node.id}: could not republish ${envelope.id}: ${r.error}`);
      msg.nak(1_000);
    });
  }

  private async refuse(node: CityNode, msg: JsMsg, reason: string): Promise<void> {
    try {
      await publishDeadLetter(this.js!, this.opts.ns, {
        consumerService: 'ingest-gate',
        consumer: `${GATE_CONSUMER}__${node.id}`,
        subject: msg.subject,
        data: msg.data,
        headers: msg.headers,
        reason: `from ${node.id}: ${reason}`,
        attempts: msg.info.deliveryCount,
        streamSequence: msg.seq,
      });
      msg.ack();
      this.opts.logger?.warn(`ingest gate: refused ${msg.subject} from ${node.id}: ${reason}`);
    } catch (e) {
      this.opts.logger?.warn(`ingest gate: ${node.id}: could not dead-letter #${msg.seq}: ${(e as Error).message}`);
      msg.nak(1_000);
    }
  }

  /**
   * Reads what the gate judges by: the type, origin, aggregate and the member named. Whether the
   * payload is valid is each consumer's to check (they dead-letter what is not); validating every
   * payload here too would make the gate the slowest step of a city's catch-up.
   */
  private decode(msg: JsMsg): { ok: true; envelope: EventEnvelope<object> } | { ok: false; reason: string } {
    let e: Partial<EventEnvelope<object>>;
    try {
      e = msg.json<Partial<EventEnvelope<object>>>();
    } catch {
      return { ok: false, reason: 'payload is not JSON' };
    }
    if (typeof e !== 'object' || e === null || typeof e.type !== 'string' || !EVENT_REGISTRY.has(e.type)) {
      return { ok: false, reason: `unknown event type ${JSON.stringify(e?.type)}` };
    }
    if (typeof e.id !== 'string' || typeof e.origin !== 'string' || typeof e.aggregate?.type !== 'string' || typeof e.data !== 'object' || !e.data) {
      return { ok: false, reason: 'malformed envelope (id, origin, aggregate and data are required)' };
    }
    if (eventSubject(e.type, this.opts.ns) !== msg.subject) {
      return { ok: false, reason: `envelope type ${e.type} does not match subject ${msg.subject}` };
    }
    return { ok: true, envelope: e as EventEnvelope<object> };
  }
}
