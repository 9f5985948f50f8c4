import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A city node's copies of the hub's blackouts, fed by exchanges' own events from the network
 * stream. A removal stays as a row (`removed`, at the removal's version), so a stale `added`
 * cannot bring the blackout back; reads leave removed rows out. No date check: the hub's
 * database checked the dates of what it tells. `created_at` is written second in the same
 * transaction as the row (the earliest version seen), hence nullable.
 */
export class BlackoutCopies1763910000000 implements MigrationInterface {
  name = 'BlackoutCopies1763910000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE blackout_copies (
        id             uuid PRIMARY KEY,
        source_version integer NOT NULL CHECK (source_version >= 1),
        network_id     uuid NOT NULL,
        member_id      uuid NOT NULL,
        starts_on      date NOT NULL,
        ends_on        date NOT NULL,
        reason         text NOT NULL,
        removed        boolean NOT NULL,
        created_at     timestamptz,
        updated_at     timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX blackout_copies_member ON blackout_copies (member_id, starts_on) WHERE NOT removed`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE blackout_copies`);
  }
}
