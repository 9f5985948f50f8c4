import { MigrationInterface, QueryRunner } from 'typeorm';
import { RESOURCE_KINDS } from '@intercity/contracts';

const list = (values: readonly string[]) => values.map((v) => `'${v}'`).join(', ');

/**
 * Resources of a community of practice: one row per resource, its versions (the original first,
 * then translations) as a JSON array, since they are always read and written together with the
 * resource and its edition.
 */
export class Resources1732710000000 implements MigrationInterface {
  name = 'Resources1732710000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE resources (
        id                uuid PRIMARY KEY,
        network_id        uuid NOT NULL,
        community_id      uuid NOT NULL REFERENCES communities (id),
        kind              text NOT NULL CHECK (kind IN (${list(RESOURCE_KINDS)})),
        original_language text NOT NULL,
        fallback_language text NOT NULL,
        edition           integer NOT NULL CHECK (edition >= 1),
        versions          jsonb NOT NULL CHECK (jsonb_typeof(versions) = 'array' AND jsonb_array_length(versions) >= 1),
        version           integer NOT NULL,
        created_at        timestamptz NOT NULL,
        updated_at        timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX resources_community ON resources (community_id)`);
    await q.query(`CREATE INDEX resources_network ON resources (network_id)`);
    await q.query(`CREATE INDEX resources_versions ON resources USING gin (versions jsonb_path_ops)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE resources`);
  }
}
