import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Membership's tables. The rules the code checks are held here too: uniqueness as named
 * constraints (the API reports a violation by its name), a participation's project and member
 * in the same network through composite foreign keys, one active participation per project and
 * member through a partial unique index, local dates as `date`, instants as `timestamptz`.
 */
export class MembershipTables1732400000000 implements MigrationInterface {
  name = 'MembershipTables1732400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE nodes (
        id               text PRIMARY KEY CHECK (id ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
        name             text NOT NULL,
        base_url         text NOT NULL CHECK (base_url ~ '^https?://'),
        hub              boolean NOT NULL,
        jetstream_domain text,
        version          integer NOT NULL CHECK (version >= 1),
        created_at       timestamptz NOT NULL,
        updated_at       timestamptz NOT NULL
      )`);
    // The network has one hub node (ARCHITECTURE §6).
    await q.query(`CREATE UNIQUE INDEX node_hub_unique ON nodes (hub) WHERE hub`);

    await q.query(`
      CREATE TABLE networks (
        id          uuid PRIMARY KEY,
        slug        text NOT NULL CONSTRAINT network_slug_unique UNIQUE,
        name        text NOT NULL,
        description text,
        version     integer NOT NULL CHECK (version >= 1),
        created_at  timestamptz NOT NULL,
        updated_at  timestamptz NOT NULL
      )`);

    await q.query(`
      CREATE TABLE projects (
        id         uuid PRIMARY KEY,
        network_id uuid NOT NULL REFERENCES networks (id),
        code       text NOT NULL,
        name       text NOT NULL,
        programme  text,
        starts_on  date NOT NULL,
        ends_on    date NOT NULL,
        status     text NOT NULL CHECK (status IN ('planned', 'running', 'closed')),
        version    integer NOT NULL CHECK (version >= 1),
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        CONSTRAINT project_code_unique UNIQUE (network_id, code),
        CONSTRAINT project_period CHECK (ends_on >= starts_on),
        -- Target of participations' (project, network) foreign key.
        CONSTRAINT project_in_network UNIQUE (id, network_id)
      )`);

    await q.query(`
      CREATE TABLE members (
        id           uuid PRIMARY KEY,
        network_id   uuid NOT NULL REFERENCES networks (id),
        slug         text NOT NULL,
        kind         text NOT NULL CHECK (kind IN ('city', 'county', 'city-district', 'partner-organisation')),
        name         text NOT NULL,
        legal_name   text NOT NULL,
        country      text NOT NULL CHECK (country ~ '^[A-Z]{2}$'),
        region       text CHECK (region ~ '^[A-Z]{2}-[A-Z0-9]{1,3}$' AND left(region, 2) = country),
        time_zone    text NOT NULL,
        languages    text[] NOT NULL CHECK (cardinality(languages) >= 1),
        home_node_id text NOT NULL REFERENCES nodes (id),
        left_on      date,
        leave_reason text,
        version      integer NOT NULL CHECK (version >= 1),
        created_at   timestamptz NOT NULL,
        updated_at   timestamptz NOT NULL,
        CONSTRAINT member_slug_unique UNIQUE (network_id, slug),
        CONSTRAINT member_in_network UNIQUE (id, network_id)
      )`);
    await q.query(`CREATE INDEX members_home_node ON members (home_node_id)`);

    await q.query(`
      CREATE TABLE participations (
        id               uuid PRIMARY KEY,
        network_id       uuid NOT NULL,
        project_id       uuid NOT NULL,
        member_id        uuid NOT NULL,
        role             text NOT NULL CHECK (role IN ('coordinator', 'partner', 'core-city', 'fellow-city')),
        experience_level text CHECK (experience_level IN ('mentoring', 'implementing')),
        from_date        date NOT NULL,
        to_date          date,
        ended_on         date,
        version          integer NOT NULL CHECK (version >= 1),
        created_at       timestamptz NOT NULL,
        updated_at       timestamptz NOT NULL,
        -- Project and member must belong to the participation's one network.
        CONSTRAINT participation_project_fk FOREIGN KEY (project_id, network_id) REFERENCES projects (id, network_id),
        CONSTRAINT participation_member_fk FOREIGN KEY (member_id, network_id) REFERENCES members (id, network_id),
        CONSTRAINT participation_period CHECK (to_date IS NULL OR to_date >= from_date),
        CONSTRAINT participation_ended_on CHECK (ended_on IS NULL OR ended_on >= from_date)
      )`);
    await q.query(`CREATE UNIQUE INDEX participation_active_unique ON participations (project_id, member_id) WHERE ended_on IS NULL`);
    await q.query(`CREATE INDEX participations_project ON participations (project_id)`);
    await q.query(`CREATE INDEX participations_member ON participations (member_id)`);

    await q.query(`
      CREATE TABLE people (
        id                 uuid PRIMARY KEY,
        member_id          uuid NOT NULL REFERENCES members (id),
        given_name         text NOT NULL,
        family_name        text NOT NULL,
        email              text NOT NULL CHECK (email = lower(email)),
        functions          text[] NOT NULL CHECK (functions <@ ARRAY['city-liaison', 'integration-officer', 'trainer', 'trainee',
                             'integration-champion', 'expert', 'coordinator']::text[]),
        preferred_language text NOT NULL,
        erased_at          timestamptz,
        version            integer NOT NULL CHECK (version >= 1),
        created_at         timestamptz NOT NULL,
        updated_at         timestamptz NOT NULL,
        CONSTRAINT person_email_unique UNIQUE (member_id, email)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE people');
    await q.query('DROP TABLE participations');
    await q.query('DROP TABLE members');
    await q.query('DROP TABLE projects');
    await q.query('DROP TABLE networks');
    await q.query('DROP TABLE nodes');
  }
}
