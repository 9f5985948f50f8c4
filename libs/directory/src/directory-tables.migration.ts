import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The copies of membership's members, people, projects and participations that a consuming
 * service keeps. Columns are nullable, since any event of an aggregate may be the first to
 * arrive; `source_version` lets the newest version win (ARCHITECTURE §4.4). An erased person
 * stays as a tombstone without personal data, so no late event brings them back.
 */
export class DirectoryCopyTables1763800000000 implements MigrationInterface {
  name = 'DirectoryCopyTables1763800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE members (
        id uuid PRIMARY KEY, source_version integer NOT NULL,
        network_id uuid, kind text, name text, country text, region text, time_zone text, languages text[], left_on date
      )`);
    await q.query(`CREATE INDEX members_network ON members (network_id)`);
    await q.query(`
      CREATE TABLE people (
        id uuid PRIMARY KEY, source_version integer NOT NULL,
        member_id uuid, given_name text, family_name text, email text, preferred_language text,
        erased boolean NOT NULL DEFAULT false
      )`);
    await q.query(`CREATE INDEX people_member ON people (member_id)`);
    await q.query(`
      CREATE TABLE projects (
        id uuid PRIMARY KEY, source_version integer NOT NULL,
        network_id uuid, code text, name text, status text
      )`);
    await q.query(`
      CREATE TABLE participations (
        id uuid PRIMARY KEY, source_version integer NOT NULL,
        project_id uuid, member_id uuid, role text, experience_level text, from_date date, to_date date, ended_on date
      )`);
    await q.query(`CREATE INDEX participations_project_member ON participations (project_id, member_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE participations, projects, people, members`);
  }
}
