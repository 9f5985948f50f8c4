import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What grants owns, each aggregate a jsonb document beside the columns the database checks.
 * The money invariants hold here too, under any interleaving of requests (ARCHITECTURE §4.5):
 * - a trigger keeps each programme's awarded total in step with its sub-grants, and a check keeps
 *   it within the envelope: the UPDATE takes the programme's row lock, so twenty awards racing
 *   for the last of an envelope are applied one after another and the check refuses the excess;
 * - the same trigger refuses a city's awards in a programme beyond the per-recipient maximum;
 * - money disbursed never exceeds the award;
 * - at commit, a sub-grant's budget lines add up to its award.
 */
export class GrantsTables1763820000000 implements MigrationInterface {
  name = 'GrantsTables1763820000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE programmes (
        id                       uuid PRIMARY KEY,
        network_id               uuid NOT NULL,
        project_id               uuid NOT NULL,
        currency                 char(3) NOT NULL,
        envelope_minor           bigint NOT NULL CHECK (envelope_minor > 0),
        max_per_recipient_minor  bigint NOT NULL CHECK (max_per_recipient_minor > 0),
        awarded_minor            bigint NOT NULL DEFAULT 0,
        doc                      jsonb NOT NULL,
        version                  integer NOT NULL CHECK (version >= 1),
        created_at               timestamptz NOT NULL,
        updated_at               timestamptz NOT NULL,
        CONSTRAINT programme_envelope_holds_awards CHECK (awarded_minor BETWEEN 0 AND envelope_minor)
      )`);
    await q.query(`CREATE INDEX programmes_network ON programmes (network_id)`);

    await q.query(`
      CREATE TABLE sub_grants (
        id               uuid PRIMARY KEY,
        programme_id     uuid NOT NULL REFERENCES programmes (id),
        member_id        uuid NOT NULL,
        currency         char(3) NOT NULL,
        awarded_minor    bigint NOT NULL CHECK (awarded_minor > 0),
        disbursed_minor  bigint NOT NULL DEFAULT 0 CHECK (disbursed_minor >= 0),
        status           text NOT NULL,
        doc              jsonb NOT NULL,
        version          integer NOT NULL CHECK (version >= 1),
        created_at       timestamptz NOT NULL,
        updated_at       timestamptz NOT NULL,
        CONSTRAINT sub_grant_disbursed_within_award CHECK (disbursed_minor <= awarded_minor)
      )`);
    await q.query(`CREATE INDEX sub_grants_programme ON sub_grants (programme_id, member_id)`);
    await q.query(`
      CREATE TABLE budget_lines (
        sub_grant_id  uuid NOT NULL REFERENCES sub_grants (id),
        category      text NOT NULL CHECK (category IN ('staff', 'travel', 'subcontracting', 'equipment', 'other')),
        amount_minor  bigint NOT NULL CHECK (amount_minor >= 0),
        PRIMARY KEY (sub_grant_id, category)
      )`);

    await q.query(`
      CREATE FUNCTION sub_grant_awards_within_programme() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        p programmes%ROWTYPE;
        city_total bigint;
      BEGIN
        UPDATE programmes SET awarded_minor = awarded_minor + NEW.awarded_minor - CASE WHEN TG_OP = 'UPDATE' THEN OLD.awarded_minor ELSE 0 END
         WHERE id = NEW.programme_id RETURNING * INTO p;
        IF NEW.currency <> p.currency THEN
          RAISE EXCEPTION 'sub-grant % is in %, its programme in %', NEW.id, NEW.currency, p.currency
            USING ERRCODE = 'check_violation', CONSTRAINT = 'sub_grant_programme_currency';
        END IF;
        SELECT coalesce(sum(awarded_minor), 0) INTO city_total FROM sub_grants WHERE programme_id = NEW.programme_id AND member_id = NEW.member_id;
        IF city_total > p.max_per_recipient_minor THEN
          RAISE EXCEPTION 'member % would hold % minor units of programme %, more than its maximum %', NEW.member_id, city_total, p.id, p.max_per_recipient_minor
            USING ERRCODE = 'check_violation', CONSTRAINT = 'sub_grant_max_per_recipient';
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER sub_grant_awards AFTER INSERT OR UPDATE OF awarded_minor ON sub_grants
        FOR EACH ROW EXECUTE FUNCTION sub_grant_awards_within_programme()`);

    await q.query(`
      CREATE FUNCTION budget_lines_add_up() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        grant_id uuid;
        award bigint;
        lines bigint;
      BEGIN
        IF TG_TABLE_NAME = 'sub_grants' THEN
          grant_id := NEW.id;
        ELSIF TG_OP = 'DELETE' THEN
          grant_id := OLD.sub_grant_id;
        ELSE
          grant_id := NEW.sub_grant_id;
        END IF;
        SELECT awarded_minor INTO award FROM sub_grants WHERE id = grant_id;
        SELECT coalesce(sum(amount_minor), 0) INTO lines FROM budget_lines WHERE sub_grant_id = grant_id;
        IF award IS NOT NULL AND lines <> award THEN
          RAISE EXCEPTION 'the budget lines of sub-grant % add up to %, its award is %', grant_id, lines, award
            USING ERRCODE = 'check_violation', CONSTRAINT = 'sub_grant_budget_lines_add_up';
        END IF;
        RETURN NULL;
      END $$`);
    // Checked at commit: the award and its lines change in separate statements of one transaction.
    await q.query(`
      CREATE CONSTRAINT TRIGGER sub_grant_budget_add_up AFTER INSERT OR UPDATE OF awarded_minor ON sub_grants
        DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION budget_lines_add_up()`);
    await q.query(`
      CREATE CONSTRAINT TRIGGER budget_lines_add_up AFTER INSERT OR UPDATE OR DELETE ON budget_lines
        DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION budget_lines_add_up()`);

    await q.query(`
      CREATE TABLE expenditure_reports (
        id            uuid PRIMARY KEY,
        sub_grant_id  uuid NOT NULL REFERENCES sub_grants (id),
        member_id     uuid NOT NULL,
        deadline_key  text NOT NULL,
        status        text NOT NULL CHECK (status IN ('submitted', 'approved', 'rejected', 'returned')),
        doc           jsonb NOT NULL,
        version       integer NOT NULL CHECK (version >= 1),
        created_at    timestamptz NOT NULL,
        updated_at    timestamptz NOT NULL
      )`);
    // One standing report per deadline; a rejected one makes way for a new one.
    await q.query(`CREATE UNIQUE INDEX report_one_per_deadline ON expenditure_reports (sub_grant_id, deadline_key) WHERE status <> 'rejected'`);

    await q.query(`
      CREATE TABLE milestones (
        id            uuid PRIMARY KEY,
        sub_grant_id  uuid NOT NULL REFERENCES sub_grants (id),
        key           text NOT NULL,
        due_on        date NOT NULL,
        status        text NOT NULL CHECK (status IN ('planned', 'reached', 'cancelled')),
        doc           jsonb NOT NULL,
        version       integer NOT NULL CHECK (version >= 1),
        created_at    timestamptz NOT NULL,
        updated_at    timestamptz NOT NULL,
        CONSTRAINT milestone_key_once UNIQUE (sub_grant_id, key)
      )`);

    // What the scheduled check has already told: its key makes each notice once only.
    await q.query(`
      CREATE TABLE watch_notices (
        key           text PRIMARY KEY,
        type          text NOT NULL,
        sub_grant_id  uuid NOT NULL REFERENCES sub_grants (id),
        noticed_on    date NOT NULL,
        created_at    timestamptz NOT NULL
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE watch_notices, milestones, expenditure_reports, budget_lines, sub_grants, programmes`);
    await q.query(`DROP FUNCTION budget_lines_add_up(), sub_grant_awards_within_programme()`);
  }
}
