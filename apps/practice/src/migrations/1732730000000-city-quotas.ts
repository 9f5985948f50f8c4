import { MigrationInterface, QueryRunner } from 'typeorm';

const LIVE = `('confirmed', 'waitlisted', 'offered')`;

/**
 * Per-city quotas held by the database, as capacity already is: a city never has more people
 * registered or waiting than its quota, and a quota never drops below what a city already has.
 * Both checks take the activity's row lock first (registrations and quota changes all do), and
 * count in a statement of their own after it, so the count sees every registration committed
 * before them: no interleaving of requests can pass a quota.
 */
export class CityQuotas1732730000000 implements MigrationInterface {
  name = 'CityQuotas1732730000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION activity_city_quota(quotas jsonb, member uuid) RETURNS integer LANGUAGE sql IMMUTABLE AS $$
        SELECT (e->>'seats')::integer FROM jsonb_array_elements(quotas) e WHERE e->>'memberId' = member::text LIMIT 1
      $$`);
    await q.query(`
      CREATE FUNCTION registration_city_quota() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE quota integer; live integer;
      BEGIN
        IF NEW.status NOT IN ${LIVE} THEN RETURN NULL; END IF;
        IF TG_OP = 'UPDATE' AND OLD.status IN ${LIVE} AND OLD.member_id = NEW.member_id THEN RETURN NULL; END IF;
        SELECT activity_city_quota(city_quotas, NEW.member_id) INTO quota FROM activities WHERE id = NEW.activity_id FOR UPDATE;
        IF quota IS NULL THEN RETURN NULL; END IF;
        SELECT count(*) INTO live FROM registrations WHERE activity_id = NEW.activity_id AND member_id = NEW.member_id AND status IN ${LIVE};
        IF live > quota THEN
          RAISE EXCEPTION 'city % would have % people registered for activity %, over its quota of %', NEW.member_id, live, NEW.activity_id, quota
            USING ERRCODE = 'check_violation', CONSTRAINT = 'registration_city_quota';
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER registration_city_quota AFTER INSERT OR UPDATE OF status, member_id ON registrations
      FOR EACH ROW EXECUTE FUNCTION registration_city_quota()`);
    await q.query(`
      CREATE FUNCTION activity_city_quotas_held() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE over record;
      BEGIN
        SELECT member, seats, live INTO over FROM (
          SELECT e->>'memberId' AS member, (e->>'seats')::integer AS seats,
            (SELECT count(*) FROM registrations r WHERE r.activity_id = NEW.id AND r.member_id = (e->>'memberId')::uuid AND r.status IN ${LIVE}) AS live
          FROM jsonb_array_elements(NEW.city_quotas) e
        ) c WHERE live > seats LIMIT 1;
        IF FOUND THEN
          RAISE EXCEPTION 'city % has % people registered for activity %, more than the quota of %', over.member, over.live, NEW.id, over.seats
            USING ERRCODE = 'check_violation', CONSTRAINT = 'activity_city_quota_below_registered';
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER activity_city_quotas_held AFTER UPDATE OF city_quotas ON activities
      FOR EACH ROW WHEN (OLD.city_quotas IS DISTINCT FROM NEW.city_quotas) EXECUTE FUNCTION activity_city_quotas_held()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TRIGGER activity_city_quotas_held ON activities');
    await q.query('DROP FUNCTION activity_city_quotas_held()');
    await q.query('DROP TRIGGER registration_city_quota ON registrations');
    await q.query('DROP FUNCTION registration_city_quota()');
    await q.query('DROP FUNCTION activity_city_quota(jsonb, uuid)');
  }
}
