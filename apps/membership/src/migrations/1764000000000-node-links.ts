import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What this node has read of another node's streams, and the gaps it found: events that had left
 * those streams (older than their retention) before they could be read, after an outage longer
 * than the retention. The hub's gate keeps one per city; a city's hub feed keeps the hub's. No
 * foreign key to nodes: a city's feed starts before its copy of the hub's node record arrives.
 */
export class NodeLinks1764000000000 implements MigrationInterface {
  name = 'NodeLinks1764000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE node_link_sources (
        node_id    text NOT NULL,
        -- The stream as this node reads it (a source's name and a hash of its domain, or the hub's stream).
        source     text NOT NULL,
        last_seq   bigint NOT NULL CHECK (last_seq >= 0),
        updated_at timestamptz NOT NULL,
        PRIMARY KEY (node_id, source)
      )`);
    await q.query(`
      CREATE TABLE node_link_gaps (
        id          bigserial PRIMARY KEY,
        node_id     text NOT NULL,
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
