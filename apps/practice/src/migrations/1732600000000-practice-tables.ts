import { MigrationInterface, QueryRunner } from 'typeorm';

const list = (values: readonly string[]) => values.map((v) => `'${v}'`).join(', ');
const ACTIVITY_KINDS = ['workshop', 'site-visit', 'study-visit', 'peer-review', 'peer-learning-workshop', 'training', 'webinar', 'transnational-learning-event'];
const ACTIVITY_STATUSES = ['draft', 'open', 'full', 'closed', 'held', 'cancelled'];
const REGISTRATION_STATUSES = ['confirmed', 'waitlisted', 'offered', 'cancelled', 'expired'];
const CANCEL_REASONS = ['withdrawn', 'declined-offer', 'person-erased', 'city-left'];

/**
 * Practice's tables: copies of membership's members, people, projects and participations (fed by
 * its events, newest version wins), and what practice owns. The database holds the rules that
 * concurrency could break: a trigger keeps each activity's `seats_taken` in step with the
 * registrations holding a seat, and a check keeps it within capacity, so no interleaving of
 * requests can give out more seats than there are; one live registration per person and activity;
 * arrival numbers unique per activity (the waitlist's order).
 */
export class PracticeTables1732600000000 implements MigrationInterface {
  name = 'PracticeTables1732600000000';

  async up(q: QueryRunner): Promise<void> {
    // Copies: columns nullable, since any event of an aggregate may be the first to arrive.
    await q.query(`
      CREATE TABLE members (
        id uuid PRIMARY KEY, source_version integer NOT NULL,
        network_id uuid, kind text, name text, country text, time_zone text, languages text[], left_on date
      )`);
    await q.query(`CREATE INDEX members_network ON members (network_id)`);
    // Personal data lives here only while the person exists upstream: an erased person stays as a
    // tombstone without it, so no late event can bring them back.
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
        project_id uuid, member_id uuid, role text, ended_on date
      )`);
    await q.query(`CREATE INDEX participations_project ON participations (project_id)`);
    await q.query(`CREATE INDEX participations_member ON participations (member_id)`);

    await q.query(`
      CREATE TABLE communities (
        id             uuid PRIMARY KEY,
        network_id     uuid NOT NULL,
        project_id     uuid NOT NULL,
        name           text NOT NULL,
        theme          text NOT NULL,
        description    text,
        lead_member_id uuid,
        member_ids     uuid[] NOT NULL,
        experts        jsonb NOT NULL DEFAULT '[]',
        version        integer NOT NULL CHECK (version >= 1),
        created_at     timestamptz NOT NULL,
        updated_at     timestamptz NOT NULL,
        CONSTRAINT community_lead_member_city CHECK (lead_member_id IS NULL OR lead_member_id = ANY (member_ids))
      )`);
    await q.query(`CREATE INDEX communities_network ON communities (network_id)`);
    await q.query(`CREATE INDEX communities_members ON communities USING gin (member_ids)`);

    await q.query(`
      CREATE TABLE activities (
        id                     uuid PRIMARY KEY,
        community_id           uuid NOT NULL REFERENCES communities (id),
        network_id             uuid NOT NULL,
        kind                   text NOT NULL CHECK (kind IN (${list(ACTIVITY_KINDS)})),
        title                  text NOT NULL,
        description            text,
        host_member_id         uuid NOT NULL,
        place                  text,
        online_url             text,
        time_zone              text NOT NULL,
        sessions               jsonb NOT NULL,
        dropped_sessions       jsonb NOT NULL DEFAULT '[]',
        capacity               integer NOT NULL CHECK (capacity >= 1),
        seats_taken            integer NOT NULL DEFAULT 0,
        registration_opens_at  timestamptz NOT NULL,
        registration_closes_at timestamptz NOT NULL,
        languages              text[] NOT NULL,
        city_quotas            jsonb NOT NULL DEFAULT '[]',
        certificate            jsonb,
        status                 text NOT NULL CHECK (status IN (${list(ACTIVITY_STATUSES)})),
        sequence               integer NOT NULL CHECK (sequence >= 0),
        cancellation_reason    text,
        cancelled_at           timestamptz,
        version                integer NOT NULL CHECK (version >= 1),
        created_at             timestamptz NOT NULL,
        updated_at             timestamptz NOT NULL,
        CONSTRAINT activity_capacity_exceeded CHECK (seats_taken >= 0 AND seats_taken <= capacity),
        CONSTRAINT activity_registration_window CHECK (registration_opens_at < registration_closes_at),
        CONSTRAINT activity_location CHECK (place IS NOT NULL OR online_url IS NOT NULL)
      )`);
    await q.query(`CREATE INDEX activities_community ON activities (community_id)`);
    await q.query(`CREATE INDEX activities_network ON activities (network_id)`);

    await q.query(`
      CREATE TABLE registrations (
        id               uuid PRIMARY KEY,
        activity_id      uuid NOT NULL REFERENCES activities (id),
        community_id     uuid NOT NULL,
        network_id       uuid NOT NULL,
        person_id        uuid NOT NULL,
        member_id        uuid NOT NULL,
        registered_by    uuid NOT NULL,
        registered_at    timestamptz NOT NULL,
        arrival          integer NOT NULL CHECK (arrival >= 1),
        status           text NOT NULL CHECK (status IN (${list(REGISTRATION_STATUSES)})),
        confirmed_at     timestamptz,
        offered_at       timestamptz,
        offer_expires_at timestamptz,
        ended_at         timestamptz,
        cancel_reason    text CHECK (cancel_reason IN (${list(CANCEL_REASONS)})),
        version          integer NOT NULL CHECK (version >= 1),
        created_at       timestamptz NOT NULL,
        updated_at       timestamptz NOT NULL,
        CONSTRAINT registration_arrival_unique UNIQUE (activity_id, arrival),
        CONSTRAINT registration_offer_expires CHECK (status <> 'offered' OR offer_expires_at IS NOT NULL)
      )`);
    await q.query(`
      CREATE UNIQUE INDEX registration_live_unique ON registrations (activity_id, person_id)
      WHERE status IN ('confirmed', 'waitlisted', 'offered')`);
    await q.query(`CREATE INDEX registrations_person ON registrations (person_id)`);
    await q.query(`CREATE INDEX registrations_offers_due ON registrations (offer_expires_at) WHERE status = 'offered'`);

    // Seats held (confirmed or offered) are counted by the database itself, under the activity's
    // row lock; the check above refuses the write that would exceed capacity.
    await q.query(`
      CREATE FUNCTION registration_seats() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE delta integer := 0;
      BEGIN
        IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.status IN ('confirmed', 'offered') THEN delta := delta - 1; END IF;
        IF TG_OP IN ('INSERT', 'UPDATE') AND NEW.status IN ('confirmed', 'offered') THEN delta := delta + 1; END IF;
        IF delta <> 0 THEN
          UPDATE activities SET seats_taken = seats_taken + delta
          WHERE id = CASE WHEN TG_OP = 'DELETE' THEN OLD.activity_id ELSE NEW.activity_id END;
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER registration_seats AFTER INSERT OR UPDATE OF status OR DELETE ON registrations
      FOR EACH ROW EXECUTE FUNCTION registration_seats()`);

    await q.query(`
      CREATE TABLE attendance_sheets (
        session_id   uuid PRIMARY KEY,
        activity_id  uuid NOT NULL REFERENCES activities (id),
        community_id uuid NOT NULL,
        network_id   uuid NOT NULL,
        starts_at    timestamptz NOT NULL,
        ends_at      timestamptz NOT NULL CHECK (ends_at > starts_at),
        marks        jsonb NOT NULL,
        version      integer NOT NULL CHECK (version >= 1),
        created_at   timestamptz NOT NULL,
        updated_at   timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX attendance_sheets_activity ON attendance_sheets (activity_id)`);
    await q.query(`CREATE INDEX attendance_sheets_marks ON attendance_sheets USING gin (marks jsonb_path_ops)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE attendance_sheets');
    await q.query('DROP TRIGGER registration_seats ON registrations');
    await q.query('DROP FUNCTION registration_seats()');
    await q.query('DROP TABLE registrations');
    await q.query('DROP TABLE activities');
    await q.query('DROP TABLE communities');
    await q.query('DROP TABLE participations');
    await q.query('DROP TABLE projects');
    await q.query('DROP TABLE people');
    await q.query('DROP TABLE members');
  }
}
