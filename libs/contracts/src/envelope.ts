/** Who caused a change: a person through the API, a service acting on an event, or the system. */
export interface Actor {
  kind: 'person' | 'service' | 'system';
  /** Subject of the identity (a person id or a service name). */
  id: string;
  roles?: string[];
}

export interface AggregateRef {
  type: string;
  id: string;
  /** Version of the aggregate after this event; read models use it to ignore stale events. */
  version: number;
}

/** The envelope every event travels in (ARCHITECTURE §3). */
export interface EventEnvelope<T = unknown> {
  id: string;
  type: string;
  version: number;
  occurredAt: string;
  origin: string;
  aggregate: AggregateRef;
  actor: Actor;
  correlationId: string;
  causationId: string | null;
  data: T;
}

export const SYSTEM_ACTOR: Actor = { kind: 'system', id: 'system' };
