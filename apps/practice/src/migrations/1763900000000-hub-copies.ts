import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A city node's copies of the hub's practice data (communities, activities with their sessions,
 * registrations, attendance sheets, programmes, resources), fed by practice's own events from the
 * network stream: each the state the event told (`doc`, jsonb, as the contract shapes it) beside
 * the columns reads select and order by. `source_version` is the hub's aggregate version: the
 * newest wins (ARCHITECTURE §4.4).
 *
 * No foreign keys, no seat or quota triggers: the hub's database guards those invariants, events
 * of different aggregates arrive in any order, and a copy takes the hub's state as it is.
 * `created_at` is set in the same transaction as the row (the earliest version seen), so it is
 * never empty once committed; it is nullable only because the upsert writes it second.
 */
export class HubCopies1763900000000 implements MigrationInterface {
  name = 'HubCopies1763900000000';

  async up(q: QueryRunner): Promise<void> {
    const versioned = `
        id              uuid PRIMARY KEY,
        source_version  integer NOT NULL CHECK (source_version >= 1),
        network_id      uuid NOT NULL,
        doc             jsonb NOT NULL,
        created_at      timestamptz,
        updated_at      timestamptz NOT NULL`;

    await q.query(`CREATE TABLE community_copies (${versioned}, project_id uuid NOT NULL, name text NOT NULL, member_ids uuid[] NOT NULL)`);
    await q.query(`CREATE INDEX community_copies_members ON community_copies USING gin (member_ids)`);

    // `first_start` orders lists as the hub does (its first session's start).
    await q.query(`
      CREATE TABLE activity_copies (${versioned},
        community_id   uuid NOT NULL,
        host_member_id uuid NOT NULL,
        status         text NOT NULL,
        first_start    timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX activity_copies_community ON activity_copies (community_id)`);
    await q.query(`CREATE INDEX activity_copies_host ON activity_copies (host_member_id)`);

    // An activity's seats taken are counted from these, as the hub's trigger counts its own.
    await q.query(`
      CREATE TABLE registration_copies (${versioned},
        activity_id uuid NOT NULL,
        person_id   uuid NOT NULL,
        member_id   uuid NOT NULL,
        status      text NOT NULL,
        arrival     integer NOT NULL
      )`);
    await q.query(`CREATE INDEX registration_copies_activity ON registration_copies (activity_id, arrival)`);
    await q.query(`CREATE INDEX registration_copies_person ON registration_copies (person_id)`);

    // One sheet per session: its id is the session's.
    await q.query(`CREATE TABLE attendance_sheet_copies (${versioned}, activity_id uuid NOT NULL, starts_at timestamptz NOT NULL)`);
    await q.query(`CREATE INDEX attendance_sheet_copies_activity ON attendance_sheet_copies (activity_id)`);
    await q.query(`CREATE INDEX attendance_sheet_copies_marks ON attendance_sheet_copies USING gin ((doc -> 'marks') jsonb_path_ops)`);

    await q.query(`CREATE TABLE programme_copies (${versioned}, community_id uuid NOT NULL)`);

    await q.query(`CREATE TABLE resource_copies (${versioned}, community_id uuid NOT NULL, kind text NOT NULL)`);
    await q.query(`CREATE INDEX resource_copies_community ON resource_copies (community_id)`);
    await q.query(`CREATE INDEX resource_copies_versions ON resource_copies USING gin ((doc -> 'versions') jsonb_path_ops)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE resource_copies, programme_copies, attendance_sheet_copies, registration_copies, activity_copies, community_copies`);
  }
}
