import { MigrationInterface, QueryRunner } from 'typeorm';

/** Tables every service has: its outbox, its inbox, and the replies kept for Idempotency-Key. */
export class PlatformTables1732300000000 implements MigrationInterface {
  name = 'PlatformTables1732300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE outbox (
        seq            bigserial PRIMARY KEY,
        event_id       uuid NOT NULL UNIQUE,
        event_type     text NOT NULL,
        aggregate_type text NOT NULL,
        aggregate_id   text NOT NULL,
        envelope       jsonb NOT NULL,
        headers        jsonb NOT NULL DEFAULT '{}'::jsonb,
        -- The writing transaction: the relay reads a row only once every older transaction has
        -- ended, so a row that commits after a later-numbered one is never skipped.
        xid            xid8 NOT NULL DEFAULT pg_current_xact_id(),
        created_at     timestamptz NOT NULL DEFAULT now(),
        sent_at        timestamptz
      )`);
    await q.query(`CREATE INDEX outbox_unsent ON outbox (seq) WHERE sent_at IS NULL`);
    await q.query(`CREATE INDEX outbox_sent_at ON outbox (sent_at) WHERE sent_at IS NOT NULL`);
    await q.query(`CREATE INDEX outbox_aggregate ON outbox (aggregate_type, aggregate_id, seq)`);
    // Notifications are delivered at commit and folded per transaction, so this wakes the relay
    // once per committed transaction, never for a rolled-back one.
    await q.query(`
      CREATE FUNCTION outbox_notify() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN PERFORM pg_notify('intercity_outbox', ''); RETURN NULL; END $$`);
    await q.query(`CREATE TRIGGER outbox_notify AFTER INSERT ON outbox FOR EACH STATEMENT EXECUTE FUNCTION outbox_notify()`);

    await q.query(`
      CREATE TABLE inbox (
        consumer    text NOT NULL,
        event_id    uuid NOT NULL,
        event_type  text NOT NULL,
        received_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (consumer, event_id)
      )`);
    await q.query(`CREATE INDEX inbox_received_at ON inbox (received_at)`);

    await q.query(`
      CREATE TABLE idempotency_keys (
        scope        text NOT NULL,
        key          text NOT NULL,
        request_hash text NOT NULL,
        status       integer NOT NULL,
        body         jsonb,
        headers      jsonb NOT NULL DEFAULT '{}'::jsonb,
        created_at   timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (scope, key)
      )`);
    await q.query(`CREATE INDEX idempotency_keys_created_at ON idempotency_keys (created_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE idempotency_keys');
    await q.query('DROP TABLE inbox');
    await q.query('DROP TRIGGER outbox_notify ON outbox');
    await q.query('DROP FUNCTION outbox_notify()');
    await q.query('DROP TABLE outbox');
  }
}
