import { Controller, INestMicroservice, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { v7 as uuidv7 } from 'uuid';
import { NatsConnection } from '@nats-io/transport-node';
import { jetstream, JetStreamClient, jetstreamManager, JetStreamManager, StoredMsg } from '@nats-io/jetstream';
import { EVENT_REGISTRY, EventEnvelope, MemberJoined, MemberStateV1, MemberUpdated } from '@intercity/contracts';
import { CallContexts, databaseUrl, TransactionRunner } from '@intercity/persistence';
import {
  applyIfNewer,
  DEAD_LETTER_HEADERS,
  deadLetterStreamName,
  ensureEventStream,
  eventStreamName,
  eventSubject,
  EventHandlerErrorFilter,
  JetStreamContext,
  JetStreamServer,
  OutboxRelay,
} from '../src';
import {
  connectTestNats,
  createTestDataSource,
  readStream,
  TestDataSource,
  testNamespace,
  waitFor,
  waitForConsumerIdle,
} from '@intercity/testing';
import { envelopeOf, memberState, ORIGIN, TRACEPARENT } from './fixtures';

/** The one member whose copy always fails, as a bug in a handler would make it. */
const POISONED = uuidv7();
/** The one member whose copy breaks a deferred constraint: its transaction fails only at commit. */
const BREAKS_COMMIT = uuidv7();
/** The one member whose copy waits until the test lets it go, to catch the consumer mid-batch. */
const HELD = uuidv7();
const held: { entered: boolean; release?: () => void } = { entered: false };

async function copyMember(envelope: EventEnvelope<MemberStateV1>, { uow }: JetStreamContext): Promise<void> {
  if (envelope.data.memberId === POISONED) throw new Error(`no copy for member ${POISONED}: the handler is broken`);
  if (envelope.data.memberId === BREAKS_COMMIT) await uow.manager.query('INSERT INTO commit_guard (member_id) VALUES ($1)', [uuidv7()]);
  if (envelope.data.memberId === HELD) {
    held.entered = true;
    await new Promise<void>((resolve) => (held.release = resolve));
  }
  // Not idempotent on purpose: only the inbox stands between a redelivery and a second effect.
  await uow.manager.query('INSERT INTO member_copy_effects (event_id, member_id) VALUES ($1, $2)', [envelope.id, envelope.aggregate.id]);
  await applyIfNewer(uow.manager, {
    table: 'member_copies',
    id: envelope.aggregate.id,
    version: envelope.aggregate.version,
    values: { name: envelope.data.name, country: envelope.data.country },
  });
}

@Controller()
class MemberCopyConsumer {
  @EventPattern(MemberJoined.type)
  joined(@Payload() envelope: EventEnvelope<MemberStateV1>, @Ctx() ctx: JetStreamContext) {
    return copyMember(envelope, ctx);
  }

  @EventPattern(MemberUpdated.type)
  updated(@Payload() envelope: EventEnvelope<MemberStateV1>, @Ctx() ctx: JetStreamContext) {
    return copyMember(envelope, ctx);
  }
}

@Module({ controllers: [MemberCopyConsumer] })
class MemberCopyModule {}

const { ns, cleanup } = testNamespace();
const stream = eventStreamName('membership', ns);
const deadLetters = deadLetterStreamName(ns);

let db: TestDataSource;
let nc: NatsConnection;
let js: JetStreamClient;
let jsm: JetStreamManager;
let app: INestMicroservice;
let server: JetStreamServer;
let tx: TransactionRunner;
const relays: OutboxRelay[] = [];

async function startConsumer(): Promise<void> {
  server = new JetStreamServer({
    service: 'practice',
    connect: connectTestNats,
    dataSource: db.dataSource,
    origin: ORIGIN,
    ns,
    registry: EVENT_REGISTRY,
    maxAttempts: 3,
    backoffMs: [50],
    ackWaitMs: 5_000,
  });
  app = await NestFactory.createMicroservice(MemberCopyModule, { strategy: server, logger: false });
  app.useGlobalFilters(new EventHandlerErrorFilter());
  await app.listen();
}

function relayOptions() {
  return { service: 'membership', connectionString: databaseUrl(db.target), nc, ns, pollIntervalMs: 50 };
}

async function copyOf(memberId: string): Promise<{ name: string; country: string; source_version: string } | undefined> {
  const rows = await db.dataSource.query('SELECT name, country, source_version FROM member_copies WHERE id = $1', [memberId]);
  return rows[0];
}

async function effectsOf(eventId: string): Promise<number> {
  const [{ n }] = await db.dataSource.query('SELECT count(*)::int AS n FROM member_copy_effects WHERE event_id = $1', [eventId]);
  return n;
}

async function inboxed(eventId: string): Promise<boolean> {
  const rows = await db.dataSource.query('SELECT 1 FROM inbox WHERE consumer = $1 AND event_id = $2', [server.consumerName('membership'), eventId]);
  return rows.length === 1;
}

function publish(envelope: EventEnvelope<object>, msgID = envelope.id) {
  return js.publish(eventSubject(envelope.type, ns), JSON.stringify(envelope), { msgID });
}

function deadLetterWhere(description: string, match: (m: StoredMsg) => boolean): Promise<StoredMsg> {
  return waitFor(async () => (await readStream(jsm, deadLetters)).find(match), { description });
}

function carriesEvent(id: string) {
  return (m: StoredMsg) => {
    try {
      return (m.json() as { id?: string }).id === id;
    } catch {
      return false;
    }
  };
}

beforeAll(async () => {
  db = await createTestDataSource('messaging_consumer');
  await db.dataSource.query(`
    CREATE TABLE member_copies (id uuid PRIMARY KEY, source_version bigint NOT NULL, name text NOT NULL, country text NOT NULL);
    CREATE TABLE member_copy_effects (event_id uuid NOT NULL, member_id uuid NOT NULL);
    CREATE TABLE commit_guard (member_id uuid NOT NULL REFERENCES member_copies (id) DEFERRABLE INITIALLY DEFERRED)`);
  tx = new TransactionRunner(db.dataSource, ORIGIN);
  nc = await connectTestNats();
  js = jetstream(nc);
  jsm = await jetstreamManager(nc);
  await ensureEventStream(jsm, 'membership', ns);

  await startConsumer();
});

afterEach(async () => {
  await Promise.all(relays.splice(0).map((r) => r.stop()));
});

afterAll(async () => {
  await app?.close();
  await cleanup(nc);
  await nc.close();
  await db.close();
});

describe('JetStreamServer', () => {
  it('carries a change from the outbox through the relay and the stream into a read model', async () => {
    const memberId = uuidv7();
    const relay = new OutboxRelay(relayOptions());
    relays.push(relay);
    relay.start();

    const call = { actor: { kind: 'person' as const, id: 'liaison-1' }, correlationId: uuidv7(), causationId: null, traceparent: TRACEPARENT };
    await CallContexts.run(call, () =>
      tx.run((uow) => uow.emit(MemberJoined, { aggregateId: memberId, aggregateVersion: 1, data: memberState(memberId, { name: 'Kreis Offenbach', country: 'DE' }) })),
    );

    expect(await waitFor(() => copyOf(memberId), { description: 'the member copy' })).toEqual({ name: 'Kreis Offenbach', country: 'DE', source_version: '1' });
  });

  it('applies an event once when the relay died after publishing it and before marking it sent', async () => {
    class KilledBeforeMarking extends OutboxRelay {
      private killed = false;
      protected override async markSent(seqs: string[]): Promise<void> {
        if (!this.killed) {
          this.killed = true;
          throw new Error('relay killed before marking sent');
        }
        await super.markSent(seqs);
      }
    }
    const memberId = uuidv7();
    const emitted = await tx.run(async (uow) => [
      await uow.emit(MemberJoined, { aggregateId: memberId, aggregateVersion: 1, data: memberState(memberId) }),
      await uow.emit(MemberUpdated, { aggregateId: memberId, aggregateVersion: 2, data: memberState(memberId, { name: 'Amsterdam-Oost' }) }),
    ]);
    const ids = emitted.map((e) => e.id);

    const dying = new KilledBeforeMarking(relayOptions());
    relays.push(dying);
    const crash = await waitFor(() => dying.drain().then(() => undefined, (e: Error) => e), { description: 'the relay to die' });
    expect(crash.message).toBe('relay killed before marking sent');
    await dying.stop();
    const unsent: { n: number }[] = await db.dataSource.query('SELECT count(*)::int AS n FROM outbox WHERE event_id = ANY($1) AND sent_at IS NULL', [ids]);
    expect(unsent).toEqual([{ n: 2 }]);

    const successor = new OutboxRelay(relayOptions());
    relays.push(successor);
    await waitFor(async () => (await successor.drain()) > 0, { description: 'the successor to republish' });

    await waitFor(async () => (await inboxed(ids[0])) && (await inboxed(ids[1])), { description: 'both events applied' });
    await waitForConsumerIdle(jsm, stream, server.consumerName('membership'));
    const inStream = (await readStream(jsm, stream)).map((m) => m.header.get('Nats-Msg-Id')).filter((id) => ids.includes(id));
    expect(inStream).toEqual(ids);
    expect([await effectsOf(ids[0]), await effectsOf(ids[1])]).toEqual([1, 1]);
    expect(await copyOf(memberId)).toMatchObject({ name: 'Amsterdam-Oost', source_version: '2' });
  });

  it('has no second effect when the same event is delivered again', async () => {
    const memberId = uuidv7();
    const event = envelopeOf(MemberJoined, memberId, 1, memberState(memberId));

    // Different message ids get past JetStream's duplicate window: the inbox must catch it.
    await publish(event, `${event.id}:first`);
    await publish(event, `${event.id}:again`);

    await waitFor(() => inboxed(event.id), { description: 'the event applied' });
    await waitForConsumerIdle(jsm, stream, server.consumerName('membership'));
    expect((await readStream(jsm, stream)).filter(carriesEvent(event.id))).toHaveLength(2);
    expect(await effectsOf(event.id)).toBe(1);
  });

  it('does not let a stale event overwrite a newer copy', async () => {
    const memberId = uuidv7();
    const newer = envelopeOf(MemberUpdated, memberId, 2, memberState(memberId, { name: 'Amsterdam-Oost' }));
    const older = envelopeOf(MemberJoined, memberId, 1, memberState(memberId, { name: 'Amsterdam-East' }));

    await publish(newer);
    await waitFor(() => copyOf(memberId), { description: 'the copy at version 2' });
    await publish(older);
    await waitFor(() => inboxed(older.id), { description: 'the stale event handled' });

    expect(await effectsOf(older.id)).toBe(1);
    expect(await copyOf(memberId)).toEqual({ name: 'Amsterdam-Oost', country: 'NL', source_version: '2' });
  });

  it('dead-letters an event that keeps failing, with its error, and goes on with the next', async () => {
    const poisoned = envelopeOf(MemberJoined, POISONED, 1, memberState(POISONED));

    await publish(poisoned);
    const dead = await deadLetterWhere('the poisoned event dead-lettered', carriesEvent(poisoned.id));

    expect(dead.subject).toBe(`${ns.subjectPrefix}deadletter.practice.membership.member.joined`);
    expect(dead.header.get(DEAD_LETTER_HEADERS.reason)).toContain(`no copy for member ${POISONED}: the handler is broken`);
    expect(dead.header.get(DEAD_LETTER_HEADERS.attempts)).toBe('3');
    expect(dead.header.get(DEAD_LETTER_HEADERS.originalSubject)).toBe(eventSubject(MemberJoined.type, ns));
    expect(dead.header.get(DEAD_LETTER_HEADERS.consumer)).toBe(server.consumerName('membership'));
    expect(await inboxed(poisoned.id)).toBe(false);
    expect(await copyOf(POISONED)).toBeUndefined();

    const healthy = uuidv7();
    await publish(envelopeOf(MemberJoined, healthy, 1, memberState(healthy)));
    await waitFor(() => copyOf(healthy), { description: 'the next event applied' });
    await waitForConsumerIdle(jsm, stream, server.consumerName('membership'));
    expect((await readStream(jsm, deadLetters)).filter(carriesEvent(poisoned.id))).toHaveLength(1);
  });

  it('isolates an event that makes its batch fail at commit, applies the others, and dead-letters it', async () => {
    await app.close();
    const breaker = envelopeOf(MemberJoined, BREAKS_COMMIT, 1, memberState(BREAKS_COMMIT));
    const healthy = uuidv7();
    const neighbour = envelopeOf(MemberJoined, healthy, 1, memberState(healthy));
    // Published while the consumer is down, so they most likely arrive in one batch.
    await publish(breaker);
    await publish(neighbour);

    await startConsumer();

    await waitFor(() => copyOf(healthy), { description: 'the neighbour applied' });
    const dead = await deadLetterWhere('the commit breaker dead-lettered', carriesEvent(breaker.id));
    expect(dead.header.get(DEAD_LETTER_HEADERS.reason)).toContain('commit_guard');
    expect(dead.header.get(DEAD_LETTER_HEADERS.attempts)).toBe('3');
    expect(await copyOf(BREAKS_COMMIT)).toBeUndefined();
    expect(await effectsOf(neighbour.id)).toBe(1);
  });

  it('finishes the event in hand when shut down, commits it and acks it, and takes no more', async () => {
    const inHand = envelopeOf(MemberJoined, HELD, 1, memberState(HELD));
    await publish(inHand);
    await waitFor(async () => held.entered, { description: 'the handler to be applying the event' });

    const closed = app.close();
    held.release!();
    await closed;

    expect(await effectsOf(inHand.id)).toBe(1);
    expect(await inboxed(inHand.id)).toBe(true);
    // Acked before the connection closed: nothing is left for a successor to apply again.
    const info = await jsm.consumers.info(stream, server.consumerName('membership'));
    expect(info.num_ack_pending).toBe(0);
    expect(info.num_pending).toBe(0);
    await startConsumer();
  });

  it('catches up after a restart with what was published while it was down', async () => {
    await app.close();
    const memberId = uuidv7();
    const missed = envelopeOf(MemberJoined, memberId, 1, memberState(memberId, { name: 'Kreis Offenbach', country: 'DE' }));
    await publish(missed);

    await startConsumer();

    expect(await waitFor(() => copyOf(memberId), { description: 'the event published while down, applied' })).toMatchObject({ name: 'Kreis Offenbach' });
    expect(await effectsOf(missed.id)).toBe(1);
  });

  describe('dead-letters at once, with the reason,', () => {
    it('an event that is not JSON', async () => {
      const body = `{"id": "${uuidv7()}", "type": "membership.member.joined"`;
      await js.publish(eventSubject(MemberJoined.type, ns), body, { msgID: uuidv7() });

      const dead = await deadLetterWhere('the unreadable event', (m) => m.string() === body);

      expect(dead.header.get(DEAD_LETTER_HEADERS.reason)).toBe('payload is not JSON');
      expect(dead.header.get(DEAD_LETTER_HEADERS.attempts)).toBe('1');
    });

    it('an event whose payload breaks its schema, naming the field and the rule', async () => {
      const memberId = uuidv7();
      const invalid = envelopeOf(MemberJoined, memberId, 1, memberState(memberId, { country: 'Netherlands' }));
      await publish(invalid);

      const dead = await deadLetterWhere('the invalid event', carriesEvent(invalid.id));

      expect(dead.header.get(DEAD_LETTER_HEADERS.reason)).toBe('invalid membership.member.joined v1 payload (data.country: matches)');
      expect(dead.header.get(DEAD_LETTER_HEADERS.attempts)).toBe('1');
      expect(await copyOf(memberId)).toBeUndefined();
    });

    it('an event of a type nobody defined', async () => {
      const memberId = uuidv7();
      const unknown = { ...envelopeOf(MemberJoined, memberId, 1, memberState(memberId)), type: 'membership.member.exploded' };
      await publish(unknown);

      const dead = await deadLetterWhere('the unknown event', carriesEvent(unknown.id));

      expect(dead.header.get(DEAD_LETTER_HEADERS.reason)).toBe('unknown event type membership.member.exploded');
      expect(dead.header.get(DEAD_LETTER_HEADERS.attempts)).toBe('1');
      expect(dead.subject).toBe(`${ns.subjectPrefix}deadletter.practice.membership.member.exploded`);
    });
  });
});
