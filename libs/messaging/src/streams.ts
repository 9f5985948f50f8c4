import { ConsumerConfig, DiscardPolicy, JetStreamManager, RetentionPolicy, StorageType, StreamConfig, JetStreamApiError } from '@nats-io/jetstream';
import { EVENT_REGISTRY, owningService, streamKeyOf } from '@intercity/contracts';
import { deadLetterStreamName, eventStreamName, eventStreamSubjects, MessagingNamespace } from './namespace';

const NANOS_PER_MS = 1_000_000;
const DAY_MS = 24 * 60 * 60 * 1000;

export interface StreamRetention {
  /** How long events stay: longer than the longest outage a node may have (ARCHITECTURE §6). */
  maxAgeMs: number;
  /** JetStream drops a second publish of the same Nats-Msg-Id inside this window. */
  duplicateWindowMs: number;
  /** Copies of each stream in a JetStream cluster: 3 at a production hub, 1 on a single server. */
  replicas?: number;
}

export const DEFAULT_RETENTION: StreamRetention = { maxAgeMs: 30 * DAY_MS, duplicateWindowMs: 2 * 60 * 1000 };

/** A stream's settings; a stream fed only by sourcing others has no subjects of its own. */
export function baseStreamConfig(name: string, subjects: string[] | undefined, r: StreamRetention): Partial<StreamConfig> & { name: string } {
  return {
    name,
    ...(subjects ? { subjects } : {}),
    storage: StorageType.File,
    // Limits, not work-queue: other nodes and late consumers must still be able to read it.
    retention: RetentionPolicy.Limits,
    discard: DiscardPolicy.Old,
    max_age: r.maxAgeMs * NANOS_PER_MS,
    duplicate_window: Math.min(r.duplicateWindowMs, r.maxAgeMs) * NANOS_PER_MS,
    num_replicas: r.replicas ?? 1,
  };
}

/** Creates the stream, or brings an existing one's settings up to date; safe to run at every start. */
export async function ensureStream(jsm: JetStreamManager, cfg: Partial<StreamConfig> & { name: string }): Promise<void> {
  try {
    const info = await jsm.streams.info(cfg.name);
    const current = info.config;
    const drift =
      JSON.stringify(current.subjects ?? []) !== JSON.stringify(cfg.subjects ?? []) ||
      JSON.stringify(sourceKeys(current.sources)) !== JSON.stringify(sourceKeys(cfg.sources)) ||
      current.max_age !== cfg.max_age ||
      current.num_replicas !== cfg.num_replicas ||
      current.duplicate_window !== cfg.duplicate_window;
    if (drift) await jsm.streams.update(cfg.name, { ...current, ...cfg });
  } catch (e) {
    if (!(e instanceof JetStreamApiError) || e.status !== 404) throw e;
    try {
      await jsm.streams.add(cfg);
    } catch (addError) {
      // Another process of the same node created it first with the same settings.
      if (!(addError instanceof JetStreamApiError) || !/already in use/i.test(addError.message)) throw addError;
    }
  }
}

function sourceKeys(sources: StreamConfig['sources'] | undefined): string[] {
  return (sources ?? []).map((s) => `${s.name}@${s.external?.api ?? ''}`).sort();
}

export function ensureEventStream(jsm: JetStreamManager, service: string, ns: MessagingNamespace, r = DEFAULT_RETENTION) {
  return ensureStream(jsm, baseStreamConfig(eventStreamName(service, ns), eventStreamSubjects(service, ns), r));
}

/** Every stream a service publishes into: its own, and `PEOPLE` for membership's personal data. */
export async function ensureServiceStreams(jsm: JetStreamManager, service: string, ns: MessagingNamespace, r = DEFAULT_RETENTION): Promise<void> {
  const keys = new Set([service, ...EVENT_REGISTRY.types.filter((t) => owningService(t) === service).map(streamKeyOf)]);
  for (const key of keys) await ensureEventStream(jsm, key, ns, r);
}

export function ensureDeadLetterStream(jsm: JetStreamManager, ns: MessagingNamespace, r = DEFAULT_RETENTION) {
  return ensureStream(jsm, baseStreamConfig(deadLetterStreamName(ns), [`${ns.subjectPrefix}deadletter.>`], r));
}

/**
 * Creates a durable consumer, or brings the settings a running one may change (ack wait, unacked
 * limit) up to date; safe to run at every start.
 */
export async function ensureDurableConsumer(jsm: JetStreamManager, stream: string, cfg: Partial<ConsumerConfig> & { durable_name: string }): Promise<void> {
  try {
    await jsm.consumers.info(stream, cfg.durable_name);
    await jsm.consumers.update(stream, cfg.durable_name, { ack_wait: cfg.ack_wait, max_ack_pending: cfg.max_ack_pending });
  } catch (e) {
    if (!(e instanceof JetStreamApiError) || e.status !== 404) throw e;
    await jsm.consumers.add(stream, cfg);
  }
}
