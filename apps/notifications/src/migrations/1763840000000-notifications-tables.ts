import { MigrationInterface, QueryRunner } from 'typeorm';

const list = (values: readonly string[]) => values.map((v) => `'${v}'`).join(', ');
const CHANNELS = ['email', 'in-app', 'webhook'];
const STATUSES = ['held', 'queued', 'sending', 'sent', 'failed', 'uncertain', 'parked', 'cancelled'];

/**
 * Notifications: who is told what (one row per event, kind and person, unique, so a redelivered
 * event tells nobody twice), its deliveries per channel (unique per notification and channel, and
 * their ids are the BullMQ job ids, so a retried job or a restarted worker sends nothing twice),
 * people's preferences, webhook endpoints, digests and reminders; and the copies of other
 * services' data the rules need to find the right people.
 */
export class NotificationsTables1763840000000 implements MigrationInterface {
  name = 'NotificationsTables1763840000000';

  async up(q: QueryRunner): Promise<void> {
    // Audiences: copies of what decides who hears of what, newest version wins.
    await q.query(`
      CREATE TABLE activities (
        id uuid PRIMARY KEY, source_version integer NOT NULL,
        network_id uuid, community_id uuid, title text, host_member_id uuid, time_zone text, status text, first_day date, starts_at timestamptz
      )`);
    await q.query(`
      CREATE TABLE registrations (
        id uuid PRIMARY KEY, source_version integer NOT NULL,
        activity_id uuid, person_id uuid, member_id uuid, status text
      )`);
    await q.query(`CREATE INDEX registrations_activity ON registrations (activity_id, status)`);
    await q.query(`
      CREATE TABLE preferences (
        person_id   uuid PRIMARY KEY,
        settings    jsonb NOT NULL,
        version     integer NOT NULL,
        updated_at  timestamptz NOT NULL
      )`);

    await q.query(`
      CREATE TABLE notifications (
        id            uuid PRIMARY KEY,
        key           text NOT NULL UNIQUE,
        kind          text NOT NULL,
        person_id     uuid NOT NULL,
        network_id    uuid NOT NULL,
        member_id     uuid,
        subject_type  text NOT NULL,
        subject_id    text NOT NULL,
        facts         jsonb NOT NULL,
        event_id      uuid NOT NULL,
        language      text NOT NULL,
        in_app        boolean NOT NULL,
        read_at       timestamptz,
        created_at    timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX notifications_inbox ON notifications (person_id, created_at DESC) WHERE in_app`);

    await q.query(`
      CREATE TABLE webhook_endpoints (
        id          uuid PRIMARY KEY,
        network_id  uuid NOT NULL,
        member_id   uuid,
        person_id   uuid,
        url         text NOT NULL,
        secret      text NOT NULL,
        kinds       text[] NOT NULL,
        active      boolean NOT NULL DEFAULT true,
        created_by  text NOT NULL,
        created_at  timestamptz NOT NULL,
        CONSTRAINT webhook_endpoint_scope CHECK (member_id IS NULL OR person_id IS NULL)
      )`);
    await q.query(`CREATE INDEX webhook_endpoints_network ON webhook_endpoints (network_id) WHERE active`);

    await q.query(`
      CREATE TABLE digests (
        id          uuid PRIMARY KEY,
        person_id   uuid NOT NULL,
        period_key  text NOT NULL,
        status      text NOT NULL CHECK (status IN ('sending', 'sent', 'failed', 'uncertain')),
        item_count  integer NOT NULL,
        last_error  text,
        created_at  timestamptz NOT NULL,
        updated_at  timestamptz NOT NULL,
        CONSTRAINT digest_once_per_period UNIQUE (person_id, period_key)
      )`);

    // A delivery is a notification on one channel (or one webhook endpoint); its id is its job id.
    await q.query(`
      CREATE TABLE deliveries (
        id               uuid PRIMARY KEY,
        notification_id  uuid NOT NULL REFERENCES notifications (id),
        channel          text NOT NULL CHECK (channel IN (${list(CHANNELS)})),
        endpoint_id      uuid REFERENCES webhook_endpoints (id),
        digest_id        uuid REFERENCES digests (id),
        -- the digest a held delivery waits for, e.g. 'daily:2026-11-23'
        period_key       text,
        status           text NOT NULL CHECK (status IN (${list(STATUSES)})),
        not_before       timestamptz NOT NULL,
        attempts         integer NOT NULL DEFAULT 0,
        last_error       text,
        sent_at          timestamptz,
        created_at       timestamptz NOT NULL,
        updated_at       timestamptz NOT NULL
      )`);
    await q.query(`CREATE UNIQUE INDEX delivery_once_per_channel ON deliveries (notification_id, channel, coalesce(endpoint_id, '00000000-0000-0000-0000-000000000000'))`);
    await q.query(`CREATE INDEX deliveries_due ON deliveries (status, not_before) WHERE status IN ('queued', 'held')`);
    // Every attempt, for the delivery log an admin reads.
    await q.query(`
      CREATE TABLE delivery_attempts (
        delivery_id  uuid NOT NULL REFERENCES deliveries (id),
        attempt      integer NOT NULL,
        outcome      text NOT NULL,
        detail       text,
        at           timestamptz NOT NULL,
        PRIMARY KEY (delivery_id, attempt)
      )`);

    // Reminders due in the future (a visit next week): a later event moves or cancels them.
    await q.query(`
      CREATE TABLE reminders (
        key         text PRIMARY KEY,
        kind        text NOT NULL,
        fire_at     timestamptz,
        event_id    uuid NOT NULL,
        payload     jsonb NOT NULL,
        fired       boolean NOT NULL DEFAULT false,
        updated_at  timestamptz NOT NULL
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE reminders, delivery_attempts, deliveries, digests, webhook_endpoints, notifications, preferences, registrations, activities`);
  }
}
