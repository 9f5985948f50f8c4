import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A city node's copies of the hub's pairings, fed by exchanges' own events from the network
 * stream: each the hub's state as a jsonb document in the domain's shape (its two visits, their
 * visitors, programmes and reports inside), beside the columns the list filters by.
 * `source_version` is the hub's aggregate version: the newest wins (ARCHITECTURE §4.4).
 *
 * None of the hub's guards: no unique live pairing per community and pair of cities, no exclusion
 * of a person's overlapping visits, no status checks or foreign keys. The hub's database already
 * enforced them on the state it tells, and pairings' events arrive in any order across aggregates
 * (a cancellation after the new pairing that replaced it, say), so a guard here could only refuse
 * a newer copy and leave the city behind. `created_at` is set in the same transaction as the row
 * (the earliest version seen), so it is never empty once committed; it is nullable only because
 * the upsert writes it second.
 */
export class PairingCopies1763900000000 implements MigrationInterface {
  name = 'PairingCopies1763900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE pairing_copies (
        id                     uuid PRIMARY KEY,
        source_version         integer NOT NULL CHECK (source_version >= 1),
        network_id             uuid NOT NULL,
        community_id           uuid NOT NULL,
        mentoring_member_id    uuid NOT NULL,
        implementing_member_id uuid NOT NULL,
        status                 text NOT NULL,
        doc                    jsonb NOT NULL,
        created_at             timestamptz,
        updated_at             timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX pairing_copies_network ON pairing_copies (network_id, created_at, id)`);
    await q.query(`CREATE INDEX pairing_copies_mentoring ON pairing_copies (mentoring_member_id)`);
    await q.query(`CREATE INDEX pairing_copies_implementing ON pairing_copies (implementing_member_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE pairing_copies`);
  }
}
