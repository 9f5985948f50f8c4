import { Counter, Gauge, Histogram, register, Registry } from 'prom-client';

/** Reads how far one durable consumer is behind its stream. */
export type LagProbe = () => Promise<{ consumer: string; pending: number; ackPending: number }>;

const lagProbes = new Set<LagProbe>();

export function registerLagProbe(probe: LagProbe): () => void {
  lagProbes.add(probe);
  return () => lagProbes.delete(probe);
}

function create(registry: Registry) {
  return {
    outboxPublished: new Counter({ name: 'intercity_outbox_published_total', help: 'Outbox rows published to JetStream', labelNames: ['service'], registers: [registry] }),
    consumed: new Counter({ name: 'intercity_events_consumed_total', help: 'Events handled and acknowledged', labelNames: ['consumer', 'outcome'], registers: [registry] }),
    redeliveries: new Counter({ name: 'intercity_events_redelivered_total', help: 'Deliveries after the first', labelNames: ['consumer'], registers: [registry] }),
    deadLettered: new Counter({ name: 'intercity_events_dead_lettered_total', help: 'Events sent to the dead-letter stream', labelNames: ['consumer', 'reason'], registers: [registry] }),
    consumerPending: new Gauge({
      name: 'intercity_consumer_pending',
      help: 'Events in the stream a durable consumer has not yet been given (lag), and given but not acked',
      labelNames: ['consumer', 'state'],
      registers: [registry],
      async collect() {
        for (const probe of lagProbes) {
          const lag = await probe().catch(() => undefined);
          if (!lag) continue;
          this.set({ consumer: lag.consumer, state: 'waiting' }, lag.pending);
          this.set({ consumer: lag.consumer, state: 'unacked' }, lag.ackPending);
        }
      },
    }),
    handleSeconds: new Histogram({ name: 'intercity_event_batch_seconds', help: 'Time to apply and commit one batch of events', labelNames: ['consumer'], buckets: [0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5], registers: [registry] }),
  };
}

let metrics: ReturnType<typeof create> | undefined;

/** Messaging's metrics, registered once per process in prom-client's default registry. */
export function messagingMetrics(): ReturnType<typeof create> {
  metrics ??= create(register);
  return metrics;
}
