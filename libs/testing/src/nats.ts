import { connect, NatsConnection } from '@nats-io/transport-node';
import { jetstreamManager, JetStreamManager, StoredMsg } from '@nats-io/jetstream';
import { testInfra } from './infra';
import { randomSuffix } from './random';
import { waitFor, WaitForOptions } from './wait-for';

export function connectTestNats(): Promise<NatsConnection> {
  return connect({ servers: testInfra().natsUrl, name: 'intercity-test' });
}

/**
 * Same shape as @intercity/messaging's MessagingNamespace, declared here so that messaging's own
 * specs can use this library without a dependency cycle.
 */
export interface TestMessagingNamespace {
  subjectPrefix: string;
  streamPrefix: string;
}

export interface TestNamespace {
  ns: TestMessagingNamespace;
  /** Deletes every stream (and so every consumer) of this namespace. */
  cleanup(nc: NatsConnection): Promise<void>;
}

/**
 * A namespace of its own for one spec file: its subjects (`t<random>.membership.>`) and streams
 * (`T<RANDOM>_MEMBERSHIP`) overlap no other file's, so files run in parallel on one server.
 */
export function testNamespace(): TestNamespace {
  const id = randomSuffix();
  const ns: TestMessagingNamespace = { subjectPrefix: `t${id}.`, streamPrefix: `T${id.toUpperCase()}_` };
  return {
    ns,
    async cleanup(nc) {
      const jsm = await jetstreamManager(nc);
      const names: string[] = [];
      for await (const name of jsm.streams.names()) if (name.startsWith(ns.streamPrefix)) names.push(name);
      await Promise.all(names.map((name) => jsm.streams.delete(name)));
    },
  };
}

/** Every message a stream holds now, in sequence order (direct reads: no consumer is created). */
export async function readStream(jsm: JetStreamManager, stream: string): Promise<StoredMsg[]> {
  const { state } = await jsm.streams.info(stream);
  const out: StoredMsg[] = [];
  if (state.messages === 0) return out;
  for (let seq = state.first_seq; seq <= state.last_seq; seq++) {
    // Sequences of deleted messages have gaps.
    const m = await jsm.streams.getMessage(stream, { seq });
    if (m) out.push(m);
  }
  return out;
}

/**
 * Waits until a durable consumer has nothing left: no message undelivered, none awaiting its ack
 * (an event being applied, or waiting out a retry backoff).
 */
export async function waitForConsumerIdle(
  jsm: JetStreamManager,
  stream: string,
  consumer: string,
  options: WaitForOptions = {},
): Promise<void> {
  await waitFor(
    async () => {
      const info = await jsm.consumers.info(stream, consumer);
      return info.num_pending === 0 && info.num_ack_pending === 0;
    },
    { description: `consumer ${consumer} on ${stream} to be idle`, ...options },
  );
}
