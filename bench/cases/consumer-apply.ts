import { performance } from 'node:perf_hooks';
import { INestMicroservice } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AckPolicy, DeliverPolicy, jetstream, jetstreamManager } from '@nats-io/jetstream';
import { eventStreamName } from '@intercity/messaging';
import { BenchEnv, until } from '../support/env';
import { createReader } from '../support/reader';
import { Figure, figure } from '../support/report';

const NANOS_PER_MS = 1_000_000;

/**
 * Case 2: a consuming service's apply rate (decode and check the envelope, inbox row, read-model
 * upsert through applyIfNewer, commit, ack) vs a bare durable pull consumer that only acks the same
 * messages. Both read the whole stream the relay case filled. Returns the reader app, still
 * running, for the latency case.
 */
export async function consumerApplyCase(env: BenchEnv, reader: DataSource): Promise<{ figures: Figure[]; app: INestMicroservice }> {
  const nc = await env.nats('raw-consumer');
  const jsm = await jetstreamManager(nc);
  const stream = eventStreamName('membership', env.ns);
  const n = (await jsm.streams.info(stream)).state.messages;

  // The same consumer settings JetStreamServer uses (explicit acks, 800 unacked, 400 buffered).
  await jsm.consumers.add(stream, {
    durable_name: 'raw',
    ack_policy: AckPolicy.Explicit,
    deliver_policy: DeliverPolicy.All,
    filter_subject: `${env.ns.subjectPrefix}membership.>`,
    ack_wait: 30_000 * NANOS_PER_MS,
    max_ack_pending: 800,
  });
  const consumer = await jetstream(nc).consumers.get(stream, 'raw');
  const rawStarted = performance.now();
  const messages = await consumer.consume({ max_messages: 400 });
  let seen = 0;
  for await (const m of messages) {
    m.ack();
    if (++seen === n) break;
  }
  await nc.flush();
  const rawMs = performance.now() - rawStarted;
  messages.stop();
  const info = await jsm.consumers.info(stream, 'raw');
  if (info.num_pending !== 0) throw new Error(`bench: raw consumer left ${info.num_pending} messages`);

  const app = await createReader(reader, env.ns);
  const started = performance.now();
  await app.listen();
  await until(
    `${n} events applied`,
    async () => (await reader.query('SELECT count(*)::int AS c FROM member_copy'))[0].c >= n,
    120_000,
    10,
  );
  const applyMs = performance.now() - started;
  const [{ c: inboxed }] = await reader.query('SELECT count(*)::int AS c FROM inbox');
  if (inboxed !== n) throw new Error(`bench: the inbox holds ${inboxed} events, expected ${n}`);

  return {
    app,
    figures: [
      figure({ name: 'consumer.apply_rate', value: (n / applyMs) * 1000, unit: 'events/s', baseline: (n / rawMs) * 1000, target: 0.25, better: 'high' }),
    ],
  };
}
