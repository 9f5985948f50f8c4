import { v7 as uuidv7 } from 'uuid';
import { NatsConnection } from '@nats-io/transport-node';
import { jetstreamManager, JetStreamManager } from '@nats-io/jetstream';
import { MemberJoined } from '@intercity/contracts';
import { databaseUrl, TransactionRunner } from '@intercity/persistence';
import { ensureEventStream, OutboxRelay } from '../src';
import { connectTestNats, createTestDataSource, TestDataSource, testNamespace, waitFor } from '@intercity/testing';
import { memberState, ORIGIN } from './fixtures';

// Both run a relay that polls only every 30 s, so a relay that missed the moment would keep the
// event for that long.
const { ns, cleanup } = testNamespace();
const POLL_MS = 30_000;
const PROMPTLY = { timeoutMs: 5_000 };

let db: TestDataSource;
let nc: NatsConnection;
let jsm: JetStreamManager;
let tx: TransactionRunner;
const relays: OutboxRelay[] = [];

function emitOne() {
  const id = uuidv7();
  return tx.run((uow) => uow.emit(MemberJoined, { aggregateId: id, aggregateVersion: 1, data: memberState(id) }));
}

async function sent(eventId: string): Promise<boolean> {
  const rows: { sent: boolean }[] = await db.dataSource.query('SELECT sent_at IS NOT NULL AS sent FROM outbox WHERE event_id = $1', [eventId]);
  return rows[0]?.sent === true;
}

beforeAll(async () => {
  db = await createTestDataSource('messaging_relay_wakeups');
  tx = new TransactionRunner(db.dataSource, ORIGIN);
  nc = await connectTestNats();
  jsm = await jetstreamManager(nc);
  await ensureEventStream(jsm, 'membership', ns);
});

afterEach(async () => {
  await Promise.all(relays.splice(0).map((r) => r.stop()));
});

afterAll(async () => {
  await cleanup(nc);
  await nc.close();
  await db.close();
});

describe('OutboxRelay wake-ups', () => {
  it('publishes an event committed while it was draining without waiting for the next poll', async () => {
    let during: Promise<{ id: string }> | undefined;
    class CommitsWhileDraining extends OutboxRelay {
      protected override async markSent(seqs: string[]): Promise<void> {
        // Another request commits its event while this drain is still marking the first one.
        during ??= emitOne();
        await during;
        await super.markSent(seqs);
      }
    }
    const relay = new CommitsWhileDraining({ service: 'membership', connectionString: databaseUrl(db.target), nc, ns, pollIntervalMs: POLL_MS });
    relays.push(relay);
    await waitFor(() => relay.tryLead(), { description: 'the relay to lead' });
    relay.start();
    const first = await emitOne();

    await waitFor(() => sent(first.id), { description: 'the first event published', ...PROMPTLY });
    const second = await during!;
    await waitFor(() => sent(second.id), { description: 'the event committed during the drain published', ...PROMPTLY });
  });

  it('publishes an event an older open transaction held back soon after that transaction ends', async () => {
    const relay = new OutboxRelay({ service: 'membership', connectionString: databaseUrl(db.target), nc, ns, pollIntervalMs: POLL_MS });
    relays.push(relay);
    relay.start();
    await waitFor(async () => relay.isLeader, { description: 'the relay to lead' });

    // An older transaction that writes but emits nothing: its end notifies no one.
    const older = db.dataSource.createQueryRunner();
    await older.connect();
    await older.startTransaction();
    await older.query('SELECT pg_current_xact_id()');
    const event = await emitOne();
    // Two full rounds after the commit: the relay has looked at the row and held it back.
    const seen = relay.rounds + 2;
    await waitFor(async () => relay.rounds >= seen, { description: 'the relay to look again', ...PROMPTLY });
    expect(await sent(event.id)).toBe(false);

    await older.commitTransaction();
    await older.release();
    await waitFor(() => sent(event.id), { description: 'the held-back event published', ...PROMPTLY });
  });
});
