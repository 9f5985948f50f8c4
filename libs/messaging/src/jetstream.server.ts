import { CustomTransportStrategy, Server, BaseRpcContext } from '@nestjs/microservices';
import { lastValueFrom } from 'rxjs';
import { DataSource, QueryRunner } from 'typeorm';
import { NatsConnection } from '@nats-io/transport-node';
import {
  AckPolicy,
  ConsumerMessages,
  DeliverPolicy,
  jetstream,
  JetStreamClient,
  jetstreamManager,
  JsMsg,
} from '@nats-io/jetstream';
import { EventEnvelope, EventRegistry, streamKeyOf } from '@intercity/contracts';
import { CallContext, CallContexts, UnitOfWork } from '@intercity/persistence';
import { ensureDeadLetterStream, ensureDurableConsumer, ensureEventStream, StreamRetention, DEFAULT_RETENTION } from './streams';
import { eventStreamName, MessagingNamespace, typeFromSubject } from './namespace';
import { ensureNetworkStream, Federation, readStreamName, STANDALONE } from './federation';
import { recordInInbox } from './inbox';
import { StagedCopies } from './read-model';
import { applyInBatches } from './batches';
import { publishDeadLetter } from './dead-letter';
import { messagingMetrics, registerLagProbe } from './metrics';

export interface JetStreamServerOptions {
  /** The consuming service; durable consumers are named `<service>__<source>`. */
  service: string;
  connect: () => Promise<NatsConnection>;
  /** The consuming service's database: handler effects and the inbox commit there together. */
  dataSource: DataSource;
  /** This node's id: the origin of events handlers emit. */
  origin: string;
  ns: MessagingNamespace;
  registry: EventRegistry;
  /** Deliveries before an event goes to the dead-letter stream. */
  maxAttempts?: number;
  /** Delay before redelivery after the n-th failed attempt (the last value repeats). */
  backoffMs?: number[];
  ackWaitMs?: number;
  /** Most events applied in one transaction. */
  batchSize?: number;
  retention?: StreamRetention;
  /** How this node takes part in the network: on a city node, consumers read the network streams. */
  federation?: Federation;
}

/**
 * What a handler gets beside the event: the transaction to apply it in, the raw message, and the
 * copies staged in that transaction (see COPY_ONLY).
 */
export class JetStreamContext extends BaseRpcContext<[UnitOfWork, JsMsg, StagedCopies?]> {
  get uow(): UnitOfWork {
    return this.args[0];
  }
  get message(): JsMsg {
    return this.args[1];
  }
  /** Copies written with the transaction's other staged copies, in as few statements as they allow. */
  get copies(): StagedCopies {
    return (this.args[2] ??= new StagedCopies());
  }
}

/**
 * Extras of an event handler whose only effect is to stage copies (`ctx.copies.stage`):
 * `@EventPattern(PersonRegistered.type, COPY_ONLY)`. The server writes a batch's staged copies
 * together, before the first handler that is not copy-only (which may read them) and before commit.
 */
export const COPY_ONLY = Object.freeze({ copyOnly: true });

type Outcome = { msg: JsMsg; error?: unknown };
type Handler = NonNullable<ReturnType<Server['getHandlerByPattern']>>;

const NANOS_PER_MS = 1_000_000;

/**
 * Nest transport over JetStream, so a handler is `@EventPattern('membership.member.joined')`.
 *
 * Messages are applied in batches: one transaction, a savepoint per event, the inbox row written
 * beside the handler's effect. Acks go out only after the commit; a failed event is retried with
 * backoff and, after the last attempt, dead-lettered with its error. An event that is malformed or
 * of an unknown type is dead-lettered at once. Nothing is dropped silently.
 */
export class JetStreamServer extends Server implements CustomTransportStrategy {
  private nc?: NatsConnection;
  private js?: JetStreamClient;
  private readonly subscriptions: { messages: ConsumerMessages; done: Promise<void>; unregister: () => void }[] = [];
  private running = false;
  private readonly maxAttempts: number;
  private readonly backoffMs: number[];
  private readonly batchSize: number;
  private readonly handlers = new Map<string, Handler | undefined>();

  constructor(private readonly opts: JetStreamServerOptions) {
    super();
    this.maxAttempts = opts.maxAttempts ?? 5;
    this.backoffMs = opts.backoffMs ?? [1_000, 5_000, 15_000, 60_000];
    this.batchSize = opts.batchSize ?? 200;
  }

  listen(callback: (err?: unknown) => void): void {
    this.start().then(() => callback(), callback);
  }

  /** Resolves once every in-flight batch has committed and been acked; unstarted ones are released. */
  async close(): Promise<void> {
    this.running = false;
    for (const s of this.subscriptions) {
      s.unregister();
      s.messages.stop();
    }
    await Promise.all(this.subscriptions.map((s) => s.done));
    this.subscriptions.length = 0;
    await this.nc?.drain().catch(() => undefined);
    this.nc = undefined;
  }

  on(): void {
    // JetStream connection events are handled inside start(); Nest's status events are not used.
  }

  unwrap<T>(): T {
    if (!this.nc) throw new Error('JetStream transport is not connected');
    return this.nc as T;
  }

  /** Durable consumer names this server reads with, by source service. */
  consumerName(source: string): string {
    return `${this.opts.service}__${source}`;
  }

  private async start(): Promise<void> {
    this.nc = await this.opts.connect();
    this.js = jetstream(this.nc);
    const jsm = await jetstreamManager(this.nc);
    await ensureDeadLetterStream(jsm, this.opts.ns, this.opts.retention ?? DEFAULT_RETENTION);
    this.running = true;
    const sources = new Set([...this.messageHandlers.keys()].map((pattern) => streamKeyOf(pattern)));
    const federation = this.opts.federation ?? STANDALONE;
    const retention = this.opts.retention ?? DEFAULT_RETENTION;
    for (const source of sources) {
      const stream = readStreamName(source, this.opts.ns, federation);
      // The owner creates its stream too; whoever starts first does, with the same settings.
      await ensureEventStream(jsm, source, this.opts.ns, retention);
      const network = federation.role === 'city' && stream !== eventStreamName(source, this.opts.ns);
      if (network) await ensureNetworkStream(jsm, source, this.opts.ns, retention);
      const durable = this.consumerName(source);
      await ensureDurableConsumer(jsm, stream, {
        durable_name: durable,
        ack_policy: AckPolicy.Explicit,
        deliver_policy: DeliverPolicy.All,
        // A network stream holds one service's events under two subjects (its own and those
        // pulled from the hub); the service's own stream is read by its subjects.
        ...(network ? {} : { filter_subject: `${this.opts.ns.subjectPrefix}${source}.>` }),
        ack_wait: (this.opts.ackWaitMs ?? 30_000) * NANOS_PER_MS,
        // Attempts are counted here, not by the server, so that a message is only ever given up
        // after it reached the dead-letter stream.
        max_deliver: -1,
        max_ack_pending: this.batchSize * 4,
      });
      const consumer = await this.js.consumers.get(stream, durable);
      const messages = await consumer.consume({ max_messages: this.batchSize * 2 });
      const unregister = registerLagProbe(async () => {
        const info = await jsm.consumers.info(stream, durable);
        return { consumer: durable, pending: info.num_pending, ackPending: info.num_ack_pending };
      });
      const done = applyInBatches(messages, this.batchSize, (batch) => this.applyBatch(batch, durable), () => this.running);
      this.subscriptions.push({ messages, done, unregister });
    }
  }

  /**
   * First the quick way: the whole batch in one transaction, the inbox rows in one statement and no
   * savepoints (a savepoint per event is a round trip each way, and more than 64 of them overflow
   * PostgreSQL's subtransaction cache). If anything is off (a redelivery, an invalid event, a
   * handler that throws), nothing of that attempt is kept and the batch is applied event by event.
   */
  private async applyBatch(batch: JsMsg[], consumer: string): Promise<void> {
    if (batch.length > 1 && (await this.applyAtOnce(batch, consumer))) return;
    await this.applyOneByOne(batch, consumer);
  }

  /** Returns false, having kept nothing, when the batch needs applying one event at a time. */
  private async applyAtOnce(batch: JsMsg[], consumer: string): Promise<boolean> {
    const events: { msg: JsMsg; envelope?: EventEnvelope<object>; handler?: Handler }[] = [];
    for (const msg of batch) {
      if (msg.info.deliveryCount > 1) return false;
      if (this.unused(msg)) {
        events.push({ msg });
        continue;
      }
      const decoded = this.decode(msg);
      if (!decoded.ok) return false;
      events.push({ msg, envelope: decoded.envelope, handler: this.handlerFor(decoded.envelope.type) });
    }
    const metrics = messagingMetrics();
    const timer = metrics.handleSeconds.startTimer({ consumer });
    const runner = this.opts.dataSource.createQueryRunner();
    try {
      await runner.connect();
      await runner.startTransaction();
      const handled = events.filter((e): e is { msg: JsMsg; envelope: EventEnvelope<object>; handler: Handler } => !!e.handler);
      const rows: { event_id: string }[] = await runner.query(
        `INSERT INTO inbox (consumer, event_id, event_type) SELECT $1, * FROM unnest($2::uuid[], $3::text[])
         ON CONFLICT (consumer, event_id) DO NOTHING RETURNING event_id`,
        [consumer, handled.map((e) => e.envelope.id), handled.map((e) => e.envelope.type)],
      );
      const fresh = new Set(rows.map((r) => r.event_id));
      const copies = new StagedCopies();
      for (const { msg, envelope, handler } of handled) {
        // Not new to the inbox (or a second copy within the batch): already applied.
        if (!fresh.delete(envelope.id)) continue;
        if (!copyOnly(handler)) await copies.flush(runner.manager);
        await this.runHandler(runner, msg, envelope, handler, copies);
      }
      await copies.flush(runner.manager);
      await runner.commitTransaction();
    } catch {
      await runner.rollbackTransaction().catch(() => undefined);
      return false;
    } finally {
      await runner.release();
      timer();
    }
    for (const { msg } of events) {
      msg.ack();
      metrics.consumed.inc({ consumer, outcome: 'applied' });
    }
    return true;
  }

  private async applyOneByOne(batch: JsMsg[], consumer: string): Promise<void> {
    const metrics = messagingMetrics();
    const timer = metrics.handleSeconds.startTimer({ consumer });
    const outcomes: Outcome[] = [];
    const invalid: { msg: JsMsg; reason: string }[] = [];
    let runner: QueryRunner | undefined;
    try {
      runner = this.opts.dataSource.createQueryRunner();
      await runner.connect();
      await runner.startTransaction();
      for (const msg of batch) {
        if (msg.info.deliveryCount > 1) metrics.redeliveries.inc({ consumer });
        if (this.unused(msg)) {
          outcomes.push({ msg });
          continue;
        }
        const decoded = this.decode(msg);
        if (!decoded.ok) {
          invalid.push({ msg, reason: decoded.reason });
          continue;
        }
        const handler = this.handlerFor(decoded.envelope.type);
        if (!handler) {
          // A known event this service has no use for.
          outcomes.push({ msg });
          continue;
        }
        outcomes.push(await this.applyOne(runner, consumer, msg, decoded.envelope, handler));
      }
      await runner.commitTransaction();
    } catch (e) {
      // The transaction failed as a whole (at commit, or the connection went): nothing it did is
      // kept. Each event is tried again on its own, so one that always breaks the commit is
      // isolated, counted and in the end dead-lettered instead of holding up the others.
      await runner?.rollbackTransaction().catch(() => undefined);
      await runner?.release();
      runner = undefined;
      timer();
      this.logger.error(`${consumer}: batch of ${batch.length} failed: ${(e as Error).message}`);
      if (batch.length > 1) {
        for (const msg of batch) await this.applyBatch([msg], consumer);
      } else if (batch[0].info.deliveryCount >= this.maxAttempts) {
        await this.deadLetter(consumer, batch[0], describe(e), 'failed');
      } else {
        batch[0].nak(this.delayFor(batch[0]));
      }
      return;
    } finally {
      await runner?.release();
      if (runner) timer();
    }
    for (const { msg, error } of outcomes) {
      if (!error) {
        msg.ack();
        metrics.consumed.inc({ consumer, outcome: 'applied' });
      } else if (msg.info.deliveryCount >= this.maxAttempts) {
        await this.deadLetter(consumer, msg, describe(error), 'failed');
      } else {
        this.logger.warn(`${consumer}: ${msg.subject} attempt ${msg.info.deliveryCount} failed: ${describe(error)}`);
        msg.nak(this.delayFor(msg));
        metrics.consumed.inc({ consumer, outcome: 'retry' });
      }
    }
    for (const { msg, reason } of invalid) await this.deadLetter(consumer, msg, reason, 'rejected');
  }

  private async applyOne(
    runner: QueryRunner,
    consumer: string,
    msg: JsMsg,
    envelope: EventEnvelope<object>,
    handler: Handler,
  ): Promise<Outcome> {
    await runner.query('SAVEPOINT event');
    try {
      if (await recordInInbox(runner.manager, consumer, envelope.id, envelope.type)) {
        const copies = new StagedCopies();
        await this.runHandler(runner, msg, envelope, handler, copies);
        await copies.flush(runner.manager);
      }
      await runner.query('RELEASE SAVEPOINT event');
      return { msg };
    } catch (error) {
      await runner.query('ROLLBACK TO SAVEPOINT event');
      return { msg, error };
    }
  }

  /**
   * Nest's lookup first tries the pattern as JSON, and so throws and catches an error for every
   * event type; the handlers are all registered before the server starts, so each is looked up once.
   */
  private handlerFor(type: string): Handler | undefined {
    if (!this.handlers.has(type)) this.handlers.set(type, this.getHandlerByPattern(type) ?? undefined);
    return this.handlers.get(type);
  }

  private async runHandler(runner: QueryRunner, msg: JsMsg, envelope: EventEnvelope<object>, handler: Handler, copies: StagedCopies): Promise<void> {
    const call: CallContext = {
      actor: { kind: 'service', id: this.opts.service },
      correlationId: envelope.correlationId,
      causationId: envelope.id,
      traceparent: msg.headers?.get('traceparent') || undefined,
    };
    const uow = new UnitOfWork(runner.manager, this.opts.origin, call);
    await CallContexts.run(call, async () => {
      const result = await handler(envelope, new JetStreamContext([uow, msg, copies]));
      await lastValueFrom(this.transformToObservable(result), { defaultValue: undefined });
    });
  }

  /**
   * A known event type this service has no handler for: acked without reading it. Checking its
   * payload is the work of the services that use it, and they dead-letter it if it is invalid.
   */
  private unused(msg: JsMsg): boolean {
    const type = typeFromSubject(msg.subject, this.opts.ns);
    return this.opts.registry.has(type) && !this.handlerFor(type);
  }

  private decode(msg: JsMsg) {
    let raw: unknown;
    try {
      raw = msg.json();
    } catch {
      return { ok: false as const, reason: 'payload is not JSON' };
    }
    const decoded = this.opts.registry.decode(raw);
    if (!decoded.ok) {
      const details = decoded.violations.map((v) => `${v.field}: ${v.rule}`).join(', ');
      return { ok: false as const, reason: details ? `${decoded.reason} (${details})` : decoded.reason };
    }
    const expected = typeFromSubject(msg.subject, this.opts.ns);
    if (decoded.envelope.type !== expected) {
      return { ok: false as const, reason: `envelope type ${decoded.envelope.type} does not match subject ${msg.subject}` };
    }
    return decoded;
  }

  private async deadLetter(consumer: string, msg: JsMsg, reason: string, kind: 'failed' | 'rejected') {
    try {
      await publishDeadLetter(this.js!, this.opts.ns, {
        consumerService: this.opts.service,
        consumer,
        subject: msg.subject,
        data: msg.data,
        headers: msg.headers,
        reason,
        attempts: msg.info.deliveryCount,
        streamSequence: msg.seq,
      });
      msg.ack();
      messagingMetrics().deadLettered.inc({ consumer, reason: kind });
      this.logger.warn(`${consumer}: dead-lettered ${msg.subject} #${msg.seq}: ${reason}`);
    } catch (e) {
      // Not stored as a dead letter yet: keep the original for another try.
      this.logger.error(`${consumer}: could not dead-letter ${msg.subject} #${msg.seq}: ${(e as Error).message}`);
      msg.nak(this.delayFor(msg));
    }
  }

  private delayFor(msg: JsMsg): number {
    const i = Math.min(msg.info.deliveryCount - 1, this.backoffMs.length - 1);
    return this.backoffMs[Math.max(i, 0)];
  }
}

/** Nest chains every handler of one pattern from the first: all of them must be copy-only. */
function copyOnly(handler: Handler): boolean {
  for (let h: Handler | undefined = handler; h; h = h.next as Handler | undefined) if (h.extras?.copyOnly !== true) return false;
  return true;
}

function describe(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  if (error && typeof error === 'object' && 'message' in error) return String((error as { message: unknown }).message);
  return String(error);
}
