import { AsyncLocalStorage } from 'node:async_hooks';
import { DataSource, EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { Emission, EventDefinition, EventEnvelope, validatePayload } from '@intercity/contracts';
import { CallContext, CallContexts } from './call-context';

export interface EmitArgs<T> {
  aggregateId: string;
  /** The aggregate's version after this change. */
  aggregateVersion: number;
  data: T;
  /** The network the change belongs to, for the audit trail's scope; defaults to `data.networkId`. */
  networkId?: string;
}

export class InvalidEventError extends Error {}

/**
 * One transaction's worth of work: the EntityManager to change state with, and the outbox those
 * changes' events go into. Both commit together or not at all (ARCHITECTURE §4.1).
 */
export class UnitOfWork {
  private readonly emitted: EventEnvelope<object>[] = [];

  constructor(
    readonly manager: EntityManager,
    private readonly origin: string,
    private readonly context: CallContext = CallContexts.current(),
  ) {}

  get actor() {
    return this.context.actor;
  }

  get events(): readonly EventEnvelope<object>[] {
    return this.emitted;
  }

  /** Writes what a rule asked to tell, in order, to the outbox of this transaction. */
  async emitAll(events: readonly Emission[]): Promise<void> {
    for (const e of events) await this.emit(e.event, { aggregateId: e.aggregateId, aggregateVersion: e.aggregateVersion, data: e.data });
  }

  /** Validates the payload strictly and writes the event to the outbox in this transaction. */
  async emit<T extends object>(def: EventDefinition<T>, args: EmitArgs<T>): Promise<EventEnvelope<T>> {
    const { violations } = validatePayload(def.payload, args.data, { strict: true, path: 'data' });
    if (violations.length) {
      throw new InvalidEventError(
        `refusing to emit an invalid ${def.type} v${def.version}: ` +
          violations.map((v) => `${v.field} ${v.rule}`).join(', '),
      );
    }
    const envelope: EventEnvelope<T> = {
      id: uuidv7(),
      type: def.type,
      version: def.version,
      occurredAt: new Date().toISOString(),
      origin: this.origin,
      aggregate: { type: def.aggregateType, id: args.aggregateId, version: args.aggregateVersion },
      actor: this.context.actor,
      correlationId: this.context.correlationId,
      causationId: this.context.causationId,
      data: args.data,
    };
    const headers = this.context.traceparent ? { traceparent: this.context.traceparent } : {};
    const networkId = args.networkId ?? (typeof (args.data as { networkId?: unknown }).networkId === 'string' ? (args.data as { networkId: string }).networkId : null);
    // One round trip: the event for the relay, and the audit record of who made the change.
    await this.manager.query(
      `WITH event AS (
         INSERT INTO outbox (event_id, event_type, aggregate_type, aggregate_id, envelope, headers)
         VALUES ($1, $2, $3, $4, $5, $6)
       )
       INSERT INTO audit_trail (event_id, occurred_at, action, entity_type, entity_id, entity_version, network_id, actor_kind, actor_id, actor_roles, correlation_id)
       VALUES ($1, $7, $2, $3, $4, $8, $9, $10, $11, $12, $13)`,
      [
        envelope.id,
        envelope.type,
        def.aggregateType,
        args.aggregateId,
        JSON.stringify(envelope),
        JSON.stringify(headers),
        envelope.occurredAt,
        args.aggregateVersion,
        networkId,
        envelope.actor.kind,
        envelope.actor.id,
        envelope.actor.roles ?? [],
        envelope.correlationId,
      ],
    );
    this.emitted.push(envelope);
    return envelope;
  }

  /**
   * Forgets what the outbox holds of an aggregate, sent or not (its events' personal data, on a
   * GDPR erasure). The outbox keeps each aggregate's newest events for good (`OutboxRelay.compact`),
   * so without this they would outlive the erasure; the event that records it is emitted after.
   */
  async forgetOutboxEvents(aggregateType: string, aggregateId: string): Promise<void> {
    await this.manager.query('DELETE FROM outbox WHERE aggregate_type = $1 AND aggregate_id = $2', [aggregateType, aggregateId]);
  }
}

const ambient = new AsyncLocalStorage<UnitOfWork>();

/**
 * Runs a feature's work in one transaction with its outbox. Work started inside another run joins
 * that transaction, so an outer step (such as keeping an Idempotency-Key's reply) commits together
 * with the change it wraps.
 */
export class TransactionRunner {
  constructor(
    private readonly dataSource: DataSource,
    /** The node this service runs on: the `origin` of its events. */
    readonly origin: string,
  ) {}

  run<T>(work: (uow: UnitOfWork) => Promise<T>): Promise<T> {
    const outer = ambient.getStore();
    if (outer) return work(outer);
    return this.dataSource.transaction((manager) => {
      const uow = new UnitOfWork(manager, this.origin);
      return ambient.run(uow, () => work(uow));
    });
  }
}
