import { Counter, Histogram, register, Registry } from 'prom-client';

function create(registry: Registry) {
  return {
    outboxPublished: new Counter({ name: 'intercity_outbox_published_total', help: 'Outbox rows published to JetStream', labelNames: ['service'], registers: [registry] }),
    consumed: new Counter({ name: 'intercity_events_consumed_total', help: 'Events handled and acknowledged', labelNames: ['consumer', 'outcome'], registers: [registry] }),
    redeliveries: new Counter({ name: 'intercity_events_redelivered_total', help: 'Deliveries after the first', labelNames: ['consumer'], registers: [registry] }),
    deadLettered: new Counter({ name: 'intercity_events_dead_lettered_total', help: 'Events sent to the dead-letter stream', labelNames: ['consumer', 'reason'], registers: [registry] }),
    handleSeconds: new Histogram({ name: 'intercity_event_batch_seconds', help: 'Time to apply and commit one batch of events', labelNames: ['consumer'], buckets: [0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5], registers: [registry] }),
  };
}

let metrics: ReturnType<typeof create> | undefined;

/** Messaging's metrics, registered once per process in prom-client's default registry. */
export function messagingMetrics(): ReturnType<typeof create> {
  metrics ??= create(register);
  return metrics;
}
