import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What the hub's ingest gate has read of each city node's streams, and the gaps it found: events
 * a city wrote that had left its streams (older than their retention) before the hub could source
 * them, after an outage longer than the retention.
 */
export class NodeLinks1764000000000 implements MigrationInterface {
  name = 'NodeLinks1764000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE node_link_sources (
        node_id    text NOT NULL REFERENCES nodes (id),
        -- The city's stream, as the hub's source names it (its name and a hash of its domain).
        source     text NOT NULL,
        last_seq   bigint NOT NULL CHECK (last_seq >= 0),
        updated_at timestamptz NOT NULL,
        PRIMARY KEY (node_id, source)
      )`);
    await q.query(`
      CREATE TABLE node_link_gaps (
        id          bigserial PRIMARY KEY,
        node_id     text NOT NULL REFERENCES nodes (id),
        source      text NOT NULL,
        from_seq    bigint NOT NULL,
        to_seq      bigint NOT NULL CHECK (to_seq >= from_seq),
        detected_at timestamptz NOT NULL,
        UNIQUE (node_id, source, from_seq)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE node_link_gaps, node_link_sources`);
  }
}
