import { v7 as uuidv7 } from 'uuid';
import { NatsConnection } from '@nats-io/transport-node';
import { jetstreamManager, JetStreamManager } from '@nats-io/jetstream';
import { MemberJoined, MemberUpdated } from '@intercity/contracts';
import { CallContexts, databaseUrl, TransactionRunner, UnitOfWork } from '@intercity/persistence';
import { ensureEventStream, eventStreamName, eventSubject, markForRepublish, OutboxRelay, REPLAYED_HEADER } from '../src';
import { connectTestNats, createTestDataSource, readStream, TestDataSource, testNamespace, waitFor } from '@intercity/testing';
import { memberState, ORIGIN, TRACEPARENT } from './fixtures';

const { ns, cleanup } = testNamespace();
const stream = eventStreamName('membership', ns);

let db: TestDataSource;
let nc: NatsConnection;
let jsm: JetStreamManager;
let tx: TransactionRunner;
const relays: OutboxRelay[] = [];

function newRelay(options: { retentionHours?: number } = {}): OutboxRelay {
  const relay = new OutboxRelay({ service: 'membership', connectionString: databaseUrl(db.target), nc, ns, pollIntervalMs: 50, ...options });
  relays.push(relay);
  return relay;
}

/**
 * Drains until `expected` rows went out. A write transaction open anywhere on the server (another
 * spec file's, say) holds the snapshot's xmin back and so delays what the relay may read.
 */
async function drainUntil(relay: OutboxRelay, expected: number): Promise<void> {
  let published = 0;
  await waitFor(async () => (published += await relay.drain()) >= expected, { description: `${expected} outbox rows published` });
  expect(published).toBe(expected);
}

async function outbox(): Promise<{ event_id: string; sent: boolean }[]> {
  return db.dataSource.query('SELECT event_id, sent_at IS NOT NULL AS sent FROM outbox ORDER BY seq');
}

async function outboxReplays(): Promise<{ event_id: string; sent: boolean; replayed: boolean }[]> {
  return db.dataSource.query(`SELECT event_id, sent_at IS NOT NULL AS sent, headers ? '${REPLAYED_HEADER}' AS replayed FROM outbox ORDER BY seq`);
}

beforeAll(async () => {
  db = await createTestDataSource('messaging_relay');
  tx = new TransactionRunner(db.dataSource, ORIGIN);
  nc = await connectTestNats();
  jsm = await jetstreamManager(nc);
  await ensureEventStream(jsm, 'membership', ns);
});

afterEach(async () => {
  await Promise.all(relays.splice(0).map((r) => r.stop()));
  await jsm.streams.purge(stream);
  await db.dataSource.query('DELETE FROM outbox');
});

afterAll(async () => {
  await cleanup(nc);
  await nc.close();
  await db.close();
});

describe('OutboxRelay', () => {
  it('publishes what a unit of work emitted, in outbox order, with the event id as Nats-Msg-Id and the caller trace', async () => {
    const east = uuidv7();
    const offenbach = uuidv7();
    const call = { actor: { kind: 'person' as const, id: 'liaison-1' }, correlationId: uuidv7(), causationId: null, traceparent: TRACEPARENT };
    const emitted = await CallContexts.run(call, () =>
      tx.run(async (uow) => [
        await uow.emit(MemberJoined, { aggregateId: east, aggregateVersion: 1, data: memberState(east) }),
        await uow.emit(MemberUpdated, { aggregateId: east, aggregateVersion: 2, data: memberState(east, { name: 'Amsterdam-Oost' }) }),
        await uow.emit(MemberJoined, { aggregateId: offenbach, aggregateVersion: 1, data: memberState(offenbach, { country: 'DE' }) }),
      ]),
    );

    await drainUntil(newRelay(), 3);

    const messages = await readStream(jsm, stream);
    expect(messages.map((m) => m.header.get('Nats-Msg-Id'))).toEqual(emitted.map((e) => e.id));
    expect(messages.map((m) => m.subject)).toEqual(emitted.map((e) => eventSubject(e.type, ns)));
    expect(messages.map((m) => m.header.get('traceparent'))).toEqual([TRACEPARENT, TRACEPARENT, TRACEPARENT]);
    expect(messages.map((m) => m.json())).toEqual(emitted);
    expect(await outbox()).toEqual(emitted.map((e) => ({ event_id: e.id, sent: true })));
  });

  it('does not pass over a row that commits after a later-numbered one', async () => {
    const slow = db.dataSource.createQueryRunner();
    await slow.connect();
    await slow.startTransaction();
    const early = await new UnitOfWork(slow.manager, ORIGIN).emit(MemberJoined, { aggregateId: uuidv7(), aggregateVersion: 1, data: memberState(uuidv7()) });
    const late = await tx.run((uow) => uow.emit(MemberJoined, { aggregateId: uuidv7(), aggregateVersion: 1, data: memberState(uuidv7()) }));
    const relay = newRelay();

    // Only the later row is visible yet; publishing it now would tempt a relay that reads "after
    // the last one I sent" to skip the earlier row for good, and would break the outbox order.
    expect(await relay.drain()).toBe(0);
    expect(await readStream(jsm, stream)).toEqual([]);
    expect(await outbox()).toEqual([{ event_id: late.id, sent: false }]);

    await slow.commitTransaction();
    await slow.release();
    await drainUntil(relay, 2);

    expect((await readStream(jsm, stream)).map((m) => m.header.get('Nats-Msg-Id'))).toEqual([early.id, late.id]);
    expect(await outbox()).toEqual([
      { event_id: early.id, sent: true },
      { event_id: late.id, sent: true },
    ]);
  });

  it("is not held back by a transaction left open in another service's database", async () => {
    const other = await createTestDataSource('messaging_other_service');
    const open = other.dataSource.createQueryRunner();
    await open.connect();
    await open.startTransaction();
    try {
      // It has a transaction id older than the event below, as a long report query that writes would.
      await open.query('CREATE TABLE long_running (id int)');
      const event = await tx.run((uow) => uow.emit(MemberJoined, { aggregateId: uuidv7(), aggregateVersion: 1, data: memberState(uuidv7()) }));

      expect(await newRelay().drain()).toBe(1);
      expect(await outbox()).toEqual([{ event_id: event.id, sent: true }]);
    } finally {
      await open.rollbackTransaction();
      await open.release();
      await other.close();
    }
  });

  it('lets one relay of a service lead at a time, until its connection ends', async () => {
    const first = newRelay();
    const second = newRelay();

    expect(await first.tryLead()).toBe(true);
    expect(await second.tryLead()).toBe(false);
    expect(await second.tryLead()).toBe(false);

    // The leader's process dies: PostgreSQL ends its session, and the lock with it.
    await db.dataSource.query(
      `SELECT pg_terminate_backend(pid) FROM pg_locks
       WHERE locktype = 'advisory' AND granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`,
    );

    await waitFor(() => second.tryLead(), { description: 'the standby relay to take over' });
    await waitFor(() => !first.isLeader, { description: 'the old leader to notice it lost its session' });
    expect(await first.tryLead()).toBe(false);
    expect(second.isLeader).toBe(true);
  });

  it('keeps the newest event of each aggregate and type beyond the retention, and republishes them marked as replayed', async () => {
    const relay = newRelay({ retentionHours: 24 });
    expect(await relay.tryLead()).toBe(true);
    const east = uuidv7();
    const offenbach = uuidv7();
    const [joined, , updated, other] = await tx.run(async (uow) => [
      await uow.emit(MemberJoined, { aggregateId: east, aggregateVersion: 1, data: memberState(east) }),
      await uow.emit(MemberUpdated, { aggregateId: east, aggregateVersion: 2, data: memberState(east, { name: 'Amsterdam-Oost' }) }),
      await uow.emit(MemberUpdated, { aggregateId: east, aggregateVersion: 3, data: memberState(east, { name: 'Amsterdam Oost' }) }),
      await uow.emit(MemberJoined, { aggregateId: offenbach, aggregateVersion: 1, data: memberState(offenbach, { country: 'DE' }) }),
    ]);
    await drainUntil(relay, 4);
    // Written and sent long ago.
    await db.dataSource.query(`UPDATE outbox SET created_at = now() - interval '90 days', sent_at = now() - interval '90 days'`);
    expect(await relay.compact()).toBe(1);
    expect((await outboxReplays()).map((r) => r.event_id)).toEqual([joined.id, updated.id, other.id]);
    expect(await relay.compact()).toBe(0);

    // A newer one of its kind, not sent yet, takes the place of the last; an unsent row is never forgotten.
    const pending = await tx.run((uow) => uow.emit(MemberUpdated, { aggregateId: east, aggregateVersion: 4, data: memberState(east, { name: 'Oost' }) }));
    await db.dataSource.query(`UPDATE outbox SET created_at = now() - interval '90 days' WHERE event_id = $1`, [pending.id]);
    expect(await relay.compact()).toBe(1);
    expect(await outboxReplays()).toEqual([
      { event_id: joined.id, sent: true, replayed: false },
      { event_id: other.id, sent: true, replayed: false },
      { event_id: pending.id, sent: false, replayed: false },
    ]);

    // The stream forgot them too (a fresh stream: its duplicate window would drop the same ids).
    await drainUntil(relay, 1);
    await jsm.streams.delete(stream);
    await ensureEventStream(jsm, 'membership', ns);

    expect(await markForRepublish(db.dataSource)).toBe(3);
    expect((await outboxReplays()).map((r) => [r.sent, r.replayed])).toEqual([
      [false, true],
      [false, true],
      [false, true],
    ]);
    await drainUntil(relay, 3);
    const messages = await readStream(jsm, stream);
    expect(messages.map((m) => m.json<{ id: string }>().id)).toEqual([joined.id, other.id, pending.id]);
    expect(messages.every((m) => !!m.header.get(REPLAYED_HEADER))).toBe(true);

    // Since a date: only what was written from then on.
    expect(await markForRepublish(db.dataSource, new Date(Date.now() - 24 * 3600_000))).toBe(0);
  });
});
