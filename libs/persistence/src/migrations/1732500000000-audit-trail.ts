import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Who changed what, kept for good (the outbox keeps events only for a while). It names the entity,
 * the action and the actor; the data itself is not copied, so erasing a person leaves no personal
 * data behind here.
 */
export class AuditTrail1732500000000 implements MigrationInterface {
  name = 'AuditTrail1732500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE audit_trail (
        seq            bigserial PRIMARY KEY,
        event_id       uuid NOT NULL UNIQUE,
        occurred_at    timestamptz NOT NULL,
        action         text NOT NULL,
        entity_type    text NOT NULL,
        entity_id      text NOT NULL,
        entity_version integer NOT NULL,
        network_id     text,
        actor_kind     text NOT NULL,
        actor_id       text NOT NULL,
        actor_roles    text[] NOT NULL DEFAULT '{}',
        correlation_id text NOT NULL
      )`);
    await q.query(`CREATE INDEX audit_trail_entity ON audit_trail (entity_type, entity_id, seq)`);
    await q.query(`CREATE INDEX audit_trail_network ON audit_trail (network_id, seq)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE audit_trail');
  }
}
