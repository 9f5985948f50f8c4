import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A city node's copies of the hub's grant data (programmes, sub-grants, expenditure reports,
 * milestones), fed by grants' own events from the network stream: each the hub's state as a
 * jsonb document in the domain's shape, beside the columns reads select by and the watch's
 * figures. `source_version` is the hub's aggregate version: the newest wins (ARCHITECTURE §4.4).
 *
 * No foreign keys and no money checks: the hub's database guards those invariants, the events
 * of different aggregates may arrive in any order, and a copy takes the hub's state as it is.
 * `created_at` is set in the same transaction as the row (the earliest version seen), so it is
 * never empty once committed; it is nullable only because the upsert writes it second.
 */
export class HubCopies1763900000000 implements MigrationInterface {
  name = 'HubCopies1763900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE programme_copies (
        id              uuid PRIMARY KEY,
        source_version  integer NOT NULL CHECK (source_version >= 1),
        network_id      uuid NOT NULL,
        doc             jsonb NOT NULL,
        created_at      timestamptz,
        updated_at      timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX programme_copies_network ON programme_copies (network_id, created_at, id)`);

    await q.query(`
      CREATE TABLE sub_grant_copies (
        id              uuid PRIMARY KEY,
        source_version  integer NOT NULL CHECK (source_version >= 1),
        network_id      uuid NOT NULL,
        programme_id    uuid NOT NULL,
        member_id       uuid NOT NULL,
        status          text NOT NULL,
        doc             jsonb NOT NULL,
        created_at      timestamptz,
        updated_at      timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX sub_grant_copies_programme ON sub_grant_copies (programme_id)`);

    await q.query(`
      CREATE TABLE expenditure_report_copies (
        id              uuid PRIMARY KEY,
        source_version  integer NOT NULL CHECK (source_version >= 1),
        network_id      uuid NOT NULL,
        sub_grant_id    uuid NOT NULL,
        member_id       uuid NOT NULL,
        deadline_key    text NOT NULL,
        status          text NOT NULL,
        currency        char(3) NOT NULL,
        reported_minor  bigint NOT NULL,
        accepted_minor  bigint,
        doc             jsonb NOT NULL,
        created_at      timestamptz,
        updated_at      timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX expenditure_report_copies_sub_grant ON expenditure_report_copies (sub_grant_id)`);

    await q.query(`
      CREATE TABLE milestone_copies (
        id              uuid PRIMARY KEY,
        source_version  integer NOT NULL CHECK (source_version >= 1),
        network_id      uuid NOT NULL,
        sub_grant_id    uuid NOT NULL,
        member_id       uuid NOT NULL,
        key             text NOT NULL,
        title           text NOT NULL,
        due_on          date NOT NULL,
        forecast_on     date,
        status          text NOT NULL,
        doc             jsonb NOT NULL,
        created_at      timestamptz,
        updated_at      timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX milestone_copies_sub_grant ON milestone_copies (sub_grant_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE milestone_copies, expenditure_report_copies, sub_grant_copies, programme_copies`);
  }
}
