import { Controller, INestMicroservice, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import fc from 'fast-check';
import { v7 as uuidv7 } from 'uuid';
import { NatsConnection } from '@nats-io/transport-node';
import { jetstream, JetStreamClient, jetstreamManager } from '@nats-io/jetstream';
import { EVENT_REGISTRY, EventEnvelope, MemberJoined, MemberLeft, MemberLeftV1, MemberStateV1, MemberUpdated } from '@intercity/contracts';
import {
  applyAllIfNewer,
  applyIfNewer,
  COPY_ONLY,
  ensureEventStream,
  eventSubject,
  EventHandlerErrorFilter,
  JetStreamContext,
  JetStreamServer,
  VersionedRow,
} from '../src';
import { connectTestNats, createTestDataSource, TestDataSource, testNamespace, waitForConsumerIdle } from '@intercity/testing';
import { envelopeOf, memberState, ORIGIN } from './fixtures';

const { ns, cleanup } = testNamespace();

let db: TestDataSource;
let nc: NatsConnection;
let js: JetStreamClient;
let app: INestMicroservice;
let server: JetStreamServer;

/** What the member-left handler, which is not copy-only, found in the copy when it ran. */
async function seenAtLeave(memberId: string): Promise<string | null | undefined> {
  const rows = await db.dataSource.query('SELECT name_seen FROM left_seen WHERE member_id = $1', [memberId]);
  return rows[0]?.name_seen;
}

@Controller()
class StagingConsumer {
  @EventPattern(MemberJoined.type, COPY_ONLY)
  joined(@Payload() e: EventEnvelope<MemberStateV1>, @Ctx() ctx: JetStreamContext) {
    ctx.copies.stage({ table: 'copies', id: e.aggregate.id, version: e.aggregate.version, values: { name: e.data.name, languages: e.data.languages } });
  }

  @EventPattern(MemberUpdated.type, COPY_ONLY)
  updated(@Payload() e: EventEnvelope<MemberStateV1>, @Ctx() ctx: JetStreamContext) {
    ctx.copies.stage({ table: 'copies', id: e.aggregate.id, version: e.aggregate.version, values: { name: e.data.name } });
  }

  /** Reads the copy: every copy staged before it must already be written. */
  @EventPattern(MemberLeft.type)
  async left(@Payload() e: EventEnvelope<MemberLeftV1>, @Ctx() { uow }: JetStreamContext) {
    const [row] = await uow.manager.query('SELECT name FROM copies WHERE id = $1', [e.aggregate.id]);
    await uow.manager.query('INSERT INTO left_seen (member_id, name_seen) VALUES ($1, $2)', [e.aggregate.id, row?.name ?? null]);
  }
}

@Module({ controllers: [StagingConsumer] })
class StagingModule {}

async function startConsumer(): Promise<void> {
  server = new JetStreamServer({ service: 'practice', connect: connectTestNats, dataSource: db.dataSource, origin: ORIGIN, ns, registry: EVENT_REGISTRY, batchSize: 500 });
  app = await NestFactory.createMicroservice(StagingModule, { strategy: server, logger: false });
  app.useGlobalFilters(new EventHandlerErrorFilter());
  await app.listen();
}

beforeAll(async () => {
  db = await createTestDataSource('messaging_staged_copies');
  await db.dataSource.query(`
    CREATE TABLE copies (id uuid PRIMARY KEY, source_version integer NOT NULL, name text, languages text[], joined_on date, extra jsonb);
    CREATE TABLE staged (LIKE copies INCLUDING ALL);
    CREATE TABLE one_by_one (LIKE copies INCLUDING ALL);
    CREATE TABLE left_seen (member_id uuid PRIMARY KEY, name_seen text)`);
  nc = await connectTestNats();
  js = jetstream(nc);
});

afterAll(async () => {
  await app?.close();
  await cleanup(nc);
  await nc.close();
  await db.close();
});

describe('applyAllIfNewer', () => {
  const ids = ['0190a1b2-0000-7000-8000-00000000000a', '0190a1b2-0000-7000-8000-00000000000b', '0190a1b2-0000-7000-8000-00000000000c'];
  const value = {
    name: fc.option(fc.string({ maxLength: 8 }), { nil: null }),
    languages: fc.option(fc.array(fc.constantFrom('it', 'de', 'en'), { maxLength: 3 }), { nil: null }),
    joined_on: fc.option(fc.constantFrom('2025-01-31', '2026-02-28'), { nil: null }),
    extra: fc.option(fc.dictionary(fc.constantFrom('a', 'b'), fc.integer()), { nil: null }),
  };
  const row = fc.record({
    id: fc.constantFrom(...ids),
    version: fc.integer({ min: 1, max: 6 }),
    // Events of one aggregate set different columns (a rename, a departure), in any order.
    values: fc.record(value, { requiredKeys: [] }),
  });

  async function contents(table: string) {
    return db.dataSource.query(`SELECT id, source_version, name, languages, joined_on::text, extra FROM ${table} ORDER BY id`);
  }

  it('leaves the copies as applying each row in turn with applyIfNewer would, repeats and stale versions included', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(row, { maxLength: 25 }), async (rows) => {
        await db.dataSource.query('TRUNCATE staged, one_by_one');
        await db.dataSource.transaction(async (m) => {
          for (const r of rows) await applyIfNewer(m, { table: 'one_by_one', ...r });
          await applyAllIfNewer(m, rows.map((r): VersionedRow => ({ table: 'staged', ...r })));
        });
        expect(await contents('staged')).toEqual(await contents('one_by_one'));
      }),
      { numRuns: 60 },
    );
  });
});

describe('JetStreamServer with copy-only handlers', () => {
  it('writes a batch of staged copies, and a handler that is not copy-only sees every copy staged before it', async () => {
    await ensureEventStream(await jetstreamManager(nc), 'membership', ns);
    // All published before the consumer starts, so they are applied in large batches.
    const members = Array.from({ length: 300 }, () => uuidv7());
    const leaving = members[150];
    for (const id of members) {
      await js.publish(eventSubject(MemberJoined.type, ns), JSON.stringify(envelopeOf(MemberJoined, id, 1, memberState(id, { name: `M ${id}` }))));
    }
    await js.publish(eventSubject(MemberUpdated.type, ns), JSON.stringify(envelopeOf(MemberUpdated, leaving, 2, memberState(leaving, { name: 'Renamed' }))));
    await js.publish(eventSubject(MemberLeft.type, ns), JSON.stringify(envelopeOf(MemberLeft, leaving, 3, { memberId: leaving, networkId: memberState(leaving).networkId, leftOn: '2026-12-01' })));
    // A stale rename after the departure is read: it must not overwrite the newer copy.
    await js.publish(eventSubject(MemberUpdated.type, ns), JSON.stringify(envelopeOf(MemberUpdated, members[0], 1, memberState(members[0], { name: 'Stale' }))));

    await startConsumer();
    await waitForConsumerIdle(await jetstreamManager(nc), `${ns.streamPrefix}MEMBERSHIP`, server.consumerName('membership'));

    expect(await seenAtLeave(leaving)).toBe('Renamed');
    const [{ n }] = await db.dataSource.query('SELECT count(*)::int AS n FROM copies WHERE id = ANY($1::uuid[])', [members]);
    expect(n).toBe(members.length);
    const [first] = await db.dataSource.query('SELECT name, languages FROM copies WHERE id = $1', [members[0]]);
    expect(first).toEqual({ name: `M ${members[0]}`, languages: ['nl', 'en'] });
    const [{ inbox }] = await db.dataSource.query('SELECT count(*)::int AS inbox FROM inbox WHERE consumer = $1', [server.consumerName('membership')]);
    expect(inbox).toBe(members.length + 3);
  });
});
