import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A webhook endpoint's version, the aggregate version of the events its changes emit (a secret
 * rotated is audited as `notifications.webhook-endpoint.secret-rotated`): registering it is
 * version 1, each audited change adds one, so consumers apply them in order.
 */
export class WebhookEndpointVersions1763850000000 implements MigrationInterface {
  name = 'WebhookEndpointVersions1763850000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE webhook_endpoints ADD COLUMN version integer NOT NULL DEFAULT 1 CHECK (version >= 1)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE webhook_endpoints DROP COLUMN version`);
  }
}
