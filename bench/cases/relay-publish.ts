import { performance } from 'node:perf_hooks';
import { DataSource } from 'typeorm';
import { headers as natsHeaders } from '@nats-io/transport-node';
import { jetstream, jetstreamManager, PubAck } from '@nats-io/jetstream';
import { MemberJoined } from '@intercity/contracts';
import { ensureEventStream, eventStreamName, eventSubject, MessagingNamespace, OutboxRelay } from '@intercity/messaging';
import { BenchEnv, until } from '../support/env';
import { emitOffline, insertOutbox, OutboxRecord } from '../support/events';
import { Figure, figure } from '../support/report';

const WINDOW = 256;

/**
 * Raw JetStream: the same envelopes, with the event id as Nats-Msg-Id, pipelined with at most
 * WINDOW publishes awaiting their ack, in order.
 */
async function rawPublish(js: ReturnType<typeof jetstream>, ns: MessagingNamespace, records: OutboxRecord[]): Promise<number> {
  let inFlight = 0;
  let failed: unknown;
  let slot: (() => void) | undefined;
  const pending = new Set<Promise<PubAck | void>>();
  const started = performance.now();
  for (const r of records) {
    while (inFlight >= WINDOW) await new Promise<void>((res) => (slot = res));
    if (failed) throw failed;
    inFlight++;
    const h = natsHeaders();
    for (const [k, v] of Object.entries(JSON.parse(r.headers) as Record<string, string>)) h.set(k, v);
    const p: Promise<PubAck | void> = js
      .publish(eventSubject(r.eventType, ns), r.envelope, { msgID: r.eventId, headers: h })
      .catch((e) => void (failed ??= e))
      .finally(() => {
        inFlight--;
        pending.delete(p);
        slot?.();
      });
    pending.add(p);
  }
  await Promise.all(pending);
  if (failed) throw failed;
  return performance.now() - started;
}

async function relayDrain(env: BenchEnv, ds: DataSource, records: OutboxRecord[]): Promise<{ ms: number; published: number }> {
  await insertOutbox((sql, params) => ds.query(sql, params), records);
  await ds.query('ANALYZE outbox');
  // The relay reads a row once every transaction older than it has ended, anywhere on the server:
  // wait for that, so the timing holds publishing only.
  await until(
    `${records.length} outbox rows readable by the relay`,
    async () =>
      (
        await ds.query(
          'SELECT count(*)::int AS c FROM outbox WHERE sent_at IS NULL AND xid < pg_snapshot_xmin(pg_current_snapshot())',
        )
      )[0].c >= records.length,
    30_000,
    10,
  );
  const nc = await env.nats('relay');
  const relay = new OutboxRelay({ service: 'membership', connectionString: env.url('outbox'), nc, ns: env.ns });
  try {
    if (!(await relay.tryLead())) throw new Error('bench: the relay could not take the leader lock');
    const started = performance.now();
    const published = await relay.drain();
    return { ms: performance.now() - started, published };
  } finally {
    await relay.stop();
  }
}

/**
 * Case 1: outbox relay publish rate vs raw JetStream async publish of the same envelopes. Two
 * halves of N events each way, in the order raw, relay, relay, raw, so that load drifting on the
 * machine weighs on both alike; each rate is all its events over all its time.
 */
export async function relayPublishCase(env: BenchEnv, outbox: DataSource, n: number): Promise<Figure[]> {
  const nc = await env.nats('raw-publisher');
  const jsm = await jetstreamManager(nc);
  await ensureEventStream(jsm, 'membership', env.ns);
  await ensureEventStream(jsm, 'membership', env.rawNs);
  const js = jetstream(nc);
  const stream = eventStreamName('membership', env.ns);

  // Warm both paths up (JIT, stream files, the outbox's first pages) with events not measured.
  const warm = await emitOffline(MemberJoined, 1000, 1_000_000);
  await rawPublish(js, env.rawNs, warm);
  await relayDrain(env, outbox, warm);

  const storedBefore = (await jsm.streams.info(stream)).state.messages;
  const halves = [await emitOffline(MemberJoined, Math.floor(n / 2)), await emitOffline(MemberJoined, n - Math.floor(n / 2), n)];
  let rawMs = await rawPublish(js, env.rawNs, halves[0]);
  const first = await relayDrain(env, outbox, halves[0]);
  const second = await relayDrain(env, outbox, halves[1]);
  rawMs += await rawPublish(js, env.rawNs, halves[1]);
  const relayMs = first.ms + second.ms;

  if (first.published + second.published !== n) throw new Error(`bench: the relay published ${first.published + second.published} rows, expected ${n}`);
  const [{ unsent }] = await outbox.query('SELECT count(*)::int AS unsent FROM outbox WHERE sent_at IS NULL');
  if (unsent !== 0) throw new Error(`bench: ${unsent} outbox rows left unsent`);
  const stored = (await jsm.streams.info(stream)).state.messages - storedBefore;
  if (stored !== n) throw new Error(`bench: the relay stored ${stored} events in the stream, expected ${n}`);

  return [
    figure({ name: 'relay.publish_rate', value: (n / relayMs) * 1000, unit: 'events/s', baseline: (n / rawMs) * 1000, target: 0.6, better: 'high' }),
  ];
}
