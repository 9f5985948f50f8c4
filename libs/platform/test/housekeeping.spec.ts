import { v7 as uuidv7 } from 'uuid';
import { createTestDataSource, TestDataSource } from '@intercity/testing';
import { sweepPlatformTables } from '../src';

let db: TestDataSource;

beforeAll(async () => {
  db = await createTestDataSource('platform_housekeeping');
});

afterAll(() => db.close());

describe('sweepPlatformTables', () => {
  it('forgets idempotent replies and inbox rows past their time, and keeps the recent ones', async () => {
    const [oldEvent, newEvent] = [uuidv7(), uuidv7()];
    await db.dataSource.query(
      `INSERT INTO idempotency_keys (scope, key, request_hash, status, body, created_at) VALUES
         ('POST /members', 'old', 'h', 201, '{}', now() - interval '25 hours'),
         ('POST /members', 'new', 'h', 201, '{}', now() - interval '23 hours')`,
    );
    await db.dataSource.query(
      `INSERT INTO inbox (consumer, event_id, event_type, received_at) VALUES
         ('practice__membership', $1, 'membership.member.joined', now() - interval '61 days'),
         ('practice__membership', $2, 'membership.member.joined', now() - interval '59 days')`,
      [oldEvent, newEvent],
    );

    await sweepPlatformTables(db.dataSource, { idempotencyKeyHours: 24, inboxDays: 60 });

    expect(await db.dataSource.query(`SELECT key FROM idempotency_keys`)).toEqual([{ key: 'new' }]);
    expect(await db.dataSource.query(`SELECT event_id FROM inbox`)).toEqual([{ event_id: newEvent }]);
  });
});
