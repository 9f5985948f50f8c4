import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Certificates of attendance: one per person and activity, the unique constraint guarding what
 * two concurrent issues could otherwise both pass.
 */
export class Certificates1732720000000 implements MigrationInterface {
  name = 'Certificates1732720000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE certificates (
        id                uuid PRIMARY KEY,
        network_id        uuid NOT NULL,
        person_id         uuid NOT NULL,
        member_id         uuid NOT NULL,
        activity_id       uuid NOT NULL REFERENCES activities (id),
        rule              jsonb NOT NULL,
        attended_minutes  integer NOT NULL CHECK (attended_minutes >= 0),
        attended_sessions integer NOT NULL CHECK (attended_sessions >= 0),
        language          text NOT NULL,
        issued_on         date NOT NULL,
        issued_at         timestamptz NOT NULL,
        CONSTRAINT certificates_person_activity UNIQUE (person_id, activity_id)
      )`);
    await q.query(`CREATE INDEX certificates_activity ON certificates (activity_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE certificates`);
  }
}
