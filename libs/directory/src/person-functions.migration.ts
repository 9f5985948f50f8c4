import { MigrationInterface, QueryRunner } from 'typeorm';

/** What people do for their city (city-liaison, trainer…): who is told what follows from it. */
export class DirectoryPersonFunctions1763830000000 implements MigrationInterface {
  name = 'DirectoryPersonFunctions1763830000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE people ADD COLUMN functions text[]`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE people DROP COLUMN functions`);
  }
}
