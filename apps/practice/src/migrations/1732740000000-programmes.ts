import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Training programmes (activities of one community whose attendance counts towards one
 * certificate), and certificates for them: a certificate is for one activity or for one
 * programme, and a person holds at most one of each, the unique index guarding what two
 * concurrent issues could otherwise both pass. `activity_ids` keeps what a certificate counted.
 */
export class Programmes1732740000000 implements MigrationInterface {
  name = 'Programmes1732740000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE programmes (
        id           uuid PRIMARY KEY,
        network_id   uuid NOT NULL,
        community_id uuid NOT NULL REFERENCES communities (id),
        title        text NOT NULL,
        activity_ids uuid[] NOT NULL CHECK (cardinality(activity_ids) >= 1),
        rule         jsonb NOT NULL,
        version      integer NOT NULL CHECK (version >= 1),
        created_at   timestamptz NOT NULL,
        updated_at   timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX programmes_community ON programmes (community_id)`);
    await q.query(`ALTER TABLE certificates ADD COLUMN programme_id uuid REFERENCES programmes (id), ADD COLUMN activity_ids uuid[]`);
    await q.query(`UPDATE certificates SET activity_ids = ARRAY[activity_id]`);
    await q.query(`
      ALTER TABLE certificates
        ALTER COLUMN activity_ids SET NOT NULL,
        ALTER COLUMN activity_id DROP NOT NULL,
        ADD CONSTRAINT certificates_one_subject CHECK ((activity_id IS NULL) <> (programme_id IS NULL)),
        ADD CONSTRAINT certificates_counted CHECK (cardinality(activity_ids) >= 1)`);
    await q.query(`CREATE UNIQUE INDEX certificates_person_programme ON certificates (person_id, programme_id) WHERE programme_id IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM certificates WHERE programme_id IS NOT NULL`);
    await q.query(`DROP INDEX certificates_person_programme`);
    await q.query(`ALTER TABLE certificates DROP CONSTRAINT certificates_one_subject, DROP CONSTRAINT certificates_counted`);
    await q.query(`ALTER TABLE certificates ALTER COLUMN activity_id SET NOT NULL, DROP COLUMN activity_ids, DROP COLUMN programme_id`);
    await q.query(`DROP TABLE programmes`);
  }
}
