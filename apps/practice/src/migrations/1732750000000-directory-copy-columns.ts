import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Brings practice's copies (created by PracticeTables) up to the shared library's shape
 * (`@intercity/directory`, DirectoryCopyTables), whose consumer also writes a member's region and
 * a participation's experience level and period. Nullable, like every copy column: rows copied
 * before this stay valid until their next event fills them. Practice keeps its own indexes on
 * participations (project, member), which serve the library's queries as well.
 */
export class DirectoryCopyColumns1732750000000 implements MigrationInterface {
  name = 'DirectoryCopyColumns1732750000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE members ADD COLUMN region text`);
    await q.query(`ALTER TABLE participations ADD COLUMN experience_level text, ADD COLUMN from_date date, ADD COLUMN to_date date`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE participations DROP COLUMN to_date, DROP COLUMN from_date, DROP COLUMN experience_level`);
    await q.query(`ALTER TABLE members DROP COLUMN region`);
  }
}
