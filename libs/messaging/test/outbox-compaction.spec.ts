import { v7 as uuidv7 } from 'uuid';
import { NatsConnection } from '@nats-io/transport-node';
import { jetstream, jetstreamManager, JetStreamManager } from '@nats-io/jetstream';
import { MemberJoined, MemberUpdated } from '@intercity/contracts';
import { databaseUrl, TransactionRunner } from '@intercity/persistence';
import { ensureEventStream, eventStreamName, markForRepublish, OutboxRelay, REPLAYED_HEADER } from '../src';
import { connectTestNats, createTestDataSource, readStream, TestDataSource, testNamespace, waitFor } from '@intercity/testing';
import { memberState, ORIGIN } from './fixtures';

const { ns, cleanup } = testNamespace();
const stream = eventStreamName('membership', ns);

let db: TestDataSource;
let nc: NatsConnection;
let jsm: JetStreamManager;
let tx: TransactionRunner;
let relay: OutboxRelay;

async function drainAll(expected: number): Promise<void> {
  let published = 0;
  await waitFor(async () => (published += await relay.drain()) >= expected, { description: `${expected} outbox rows published` });
}

async function outbox(): Promise<{ event_id: string; sent: boolean; replayed: boolean }[]> {
  return db.dataSource.query(`SELECT event_id, sent_at IS NOT NULL AS sent, headers ? '${REPLAYED_HEADER}' AS replayed FROM outbox ORDER BY seq`);
}

beforeAll(async () => {
  db = await createTestDataSource('messaging_compaction');
  tx = new TransactionRunner(db.dataSource, ORIGIN);
  nc = await connectTestNats();
  jsm = await jetstreamManager(nc);
  await ensureEventStream(jsm, 'membership', ns);
  relay = new OutboxRelay({ service: 'membership', connectionString: databaseUrl(db.target), js: jetstream(nc), ns, retentionHours: 24 });
  expect(await relay.tryLead()).toBe(true);
});

afterAll(async () => {
  await relay.stop();
  await cleanup(nc);
  await nc.close();
  await db.close();
});

it('keeps the newest event of each aggregate and type beyond the retention, and republishes them marked as replayed', async () => {
  const east = uuidv7();
  const offenbach = uuidv7();
  const [joined, , updated, other] = await tx.run(async (uow) => [
    await uow.emit(MemberJoined, { aggregateId: east, aggregateVersion: 1, data: memberState(east) }),
    await uow.emit(MemberUpdated, { aggregateId: east, aggregateVersion: 2, data: memberState(east, { name: 'Amsterdam-Oost' }) }),
    await uow.emit(MemberUpdated, { aggregateId: east, aggregateVersion: 3, data: memberState(east, { name: 'Amsterdam Oost' }) }),
    await uow.emit(MemberJoined, { aggregateId: offenbach, aggregateVersion: 1, data: memberState(offenbach, { country: 'DE' }) }),
  ]);
  await drainAll(4);
  // Written and sent long ago.
  await db.dataSource.query(`UPDATE outbox SET created_at = now() - interval '90 days', sent_at = now() - interval '90 days'`);
  expect(await relay.compact()).toBe(1);
  expect((await outbox()).map((r) => r.event_id)).toEqual([joined.id, updated.id, other.id]);
  expect(await relay.compact()).toBe(0);

  // A newer one of its kind, not sent yet, takes the place of the last; an unsent row is never forgotten.
  const pending = await tx.run((uow) => uow.emit(MemberUpdated, { aggregateId: east, aggregateVersion: 4, data: memberState(east, { name: 'Oost' }) }));
  await db.dataSource.query(`UPDATE outbox SET created_at = now() - interval '90 days' WHERE event_id = $1`, [pending.id]);
  expect(await relay.compact()).toBe(1);
  expect(await outbox()).toEqual([
    { event_id: joined.id, sent: true, replayed: false },
    { event_id: other.id, sent: true, replayed: false },
    { event_id: pending.id, sent: false, replayed: false },
  ]);

  // The stream forgot them too (a fresh stream: its duplicate window would drop the same ids).
  await relay.drain();
  await jsm.streams.delete(stream);
  await ensureEventStream(jsm, 'membership', ns);

  expect(await markForRepublish(db.dataSource)).toBe(3);
  expect((await outbox()).map((r) => [r.sent, r.replayed])).toEqual([
    [false, true],
    [false, true],
    [false, true],
  ]);
  await drainAll(3);
  const messages = await readStream(jsm, stream);
  expect(messages.map((m) => m.json<{ id: string }>().id)).toEqual([joined.id, other.id, pending.id]);
  expect(messages.every((m) => !!m.header.get(REPLAYED_HEADER))).toBe(true);

  // Since a date: only what was written from then on.
  expect(await markForRepublish(db.dataSource, new Date(Date.now() - 24 * 3600_000))).toBe(0);
});
