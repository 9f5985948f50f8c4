import { MigrationInterface, QueryRunner } from 'typeorm';

const PAIRING_STATUSES = ['proposed', 'agreed', 'scheduled', 'visit-one-done', 'visit-two-done', 'reported', 'closed', 'cancelled'];
const VISIT_STATUSES = ['planned', 'scheduled', 'done', 'reported'];
const list = (values: readonly string[]) => values.map((v) => `'${v}'`).join(', ');

/**
 * What exchanges owns (pairings, their two visits, visitors, blackouts) and its copies of
 * practice's communities and of the activities people are registered to (their other
 * commitments). The database guards what concurrent requests could break: one live pairing per
 * community and pair of cities, a pairing's two visits, and no person in two visits whose days
 * overlap (an exclusion constraint over date ranges).
 */
export class ExchangesTables1763810000000 implements MigrationInterface {
  name = 'ExchangesTables1763810000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS btree_gist`);
    await q.query(`
      CREATE TABLE communities (
        id uuid PRIMARY KEY, source_version integer NOT NULL,
        network_id uuid, project_id uuid, name text, lead_member_id uuid, member_ids uuid[]
      )`);
    await q.query(`
      CREATE TABLE activities (
        id uuid PRIMARY KEY, source_version integer NOT NULL,
        network_id uuid, title text, host_member_id uuid, online boolean, status text, days date[]
      )`);
    await q.query(`
      CREATE TABLE activity_registrations (
        id uuid PRIMARY KEY, source_version integer NOT NULL,
        activity_id uuid, person_id uuid, status text
      )`);
    await q.query(`CREATE INDEX activity_registrations_person ON activity_registrations (person_id)`);

    await q.query(`
      CREATE TABLE pairings (
        id                        uuid PRIMARY KEY,
        network_id                uuid NOT NULL,
        project_id                uuid NOT NULL,
        community_id              uuid NOT NULL,
        mentoring_member_id       uuid NOT NULL,
        implementing_member_id    uuid NOT NULL,
        roles_reason              text,
        status                    text NOT NULL CHECK (status IN (${list(PAIRING_STATUSES)})),
        accepted_by               uuid[] NOT NULL DEFAULT '{}',
        max_visitors              integer NOT NULL CHECK (max_visitors BETWEEN 1 AND 50),
        min_gap_days              integer NOT NULL CHECK (min_gap_days BETWEEN 0 AND 365),
        visit_one_report_required boolean NOT NULL,
        report_due_days           integer NOT NULL CHECK (report_due_days BETWEEN 0 AND 365),
        cancel_reason             text,
        version                   integer NOT NULL CHECK (version >= 1),
        created_at                timestamptz NOT NULL,
        updated_at                timestamptz NOT NULL,
        CONSTRAINT pairing_two_cities CHECK (mentoring_member_id <> implementing_member_id),
        CONSTRAINT pairing_cancel_reason CHECK ((status = 'cancelled') = (cancel_reason IS NOT NULL))
      )`);
    // The pair in either order: Ravenna-Offenbach is Offenbach-Ravenna. A cancelled pairing
    // makes way for a new one.
    await q.query(`
      CREATE UNIQUE INDEX pairing_unique_per_community ON pairings
        (community_id, LEAST(mentoring_member_id, implementing_member_id), GREATEST(mentoring_member_id, implementing_member_id))
        WHERE status <> 'cancelled'`);
    await q.query(`CREATE INDEX pairings_network ON pairings (network_id)`);

    await q.query(`
      CREATE TABLE visits (
        id                 uuid PRIMARY KEY,
        pairing_id         uuid NOT NULL REFERENCES pairings (id),
        number             smallint NOT NULL CHECK (number IN (1, 2)),
        host_member_id     uuid NOT NULL,
        visiting_member_id uuid NOT NULL,
        time_zone          text NOT NULL,
        status             text NOT NULL CHECK (status IN (${list(VISIT_STATUSES)})),
        starts_on          date,
        ends_on            date,
        days               date[] NOT NULL DEFAULT '{}',
        programme          jsonb NOT NULL DEFAULT '[]',
        report_due_on      date,
        report             jsonb,
        CONSTRAINT visit_once_per_number UNIQUE (pairing_id, number),
        CONSTRAINT visit_host_not_visitor CHECK (host_member_id <> visiting_member_id),
        CONSTRAINT visit_dates CHECK ((starts_on IS NULL) = (ends_on IS NULL) AND (starts_on IS NULL OR starts_on <= ends_on)),
        CONSTRAINT visit_five_days CHECK (starts_on IS NULL OR cardinality(days) = 5)
      )`);
    await q.query(`CREATE INDEX visits_host ON visits (host_member_id)`);
    await q.query(`CREATE INDEX visits_visiting ON visits (visiting_member_id)`);

    // One row per visitor; `during` is the visit's days while it is ahead (null otherwise), so the
    // exclusion constraint refuses a person in two overlapping visits whatever the interleaving.
    await q.query(`
      CREATE TABLE visitors (
        visit_id   uuid NOT NULL REFERENCES visits (id),
        person_id  uuid NOT NULL,
        member_id  uuid NOT NULL,
        during     daterange,
        PRIMARY KEY (visit_id, person_id),
        CONSTRAINT visitor_one_visit_at_a_time EXCLUDE USING gist (person_id WITH =, during WITH &&)
      )`);
    await q.query(`CREATE INDEX visitors_person ON visitors (person_id)`);

    await q.query(`
      CREATE TABLE blackouts (
        id         uuid PRIMARY KEY,
        network_id uuid NOT NULL,
        member_id  uuid NOT NULL,
        starts_on  date NOT NULL,
        ends_on    date NOT NULL,
        reason     text NOT NULL,
        created_at timestamptz NOT NULL,
        CONSTRAINT blackout_dates CHECK (starts_on <= ends_on)
      )`);
    await q.query(`CREATE INDEX blackouts_member ON blackouts (member_id, starts_on)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE blackouts, visitors, visits, pairings, activity_registrations, activities, communities`);
  }
}
