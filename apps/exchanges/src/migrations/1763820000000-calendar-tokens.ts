import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Secret links to visit calendars, one per city feed and one per person feed: only the SHA-256 of
 * the secret is kept, so a leaked database does not hand out working feed URLs. Issuing a new link
 * replaces the old one.
 */
export class CalendarTokens1763820000000 implements MigrationInterface {
  name = 'CalendarTokens1763820000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE calendar_tokens (
        feed        text NOT NULL CHECK (feed IN ('city', 'person')),
        subject_id  uuid NOT NULL,
        secret_hash text NOT NULL UNIQUE CHECK (secret_hash ~ '^[0-9a-f]{64}$'),
        issued_by   uuid NOT NULL,
        issued_at   timestamptz NOT NULL,
        PRIMARY KEY (feed, subject_id)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE calendar_tokens');
  }
}
