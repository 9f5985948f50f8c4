import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Secret calendar links, one per person: only the SHA-256 of the secret is kept, so a leaked
 * database does not hand out working feed URLs. Issuing a new link replaces the old one.
 */
export class CalendarTokens1732700000000 implements MigrationInterface {
  name = 'CalendarTokens1732700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE calendar_tokens (
        person_id uuid PRIMARY KEY,
        secret_hash text NOT NULL UNIQUE CHECK (secret_hash ~ '^[0-9a-f]{64}$'),
        issued_by uuid NOT NULL,
        issued_at timestamptz NOT NULL
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE calendar_tokens');
  }
}
