import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An expenditure report is two aggregates now, each with one home (ARCHITECTURE §6): the city's
 * report (written on the city's node, or at the hub for a city without one) and the officer's
 * review of each of its revisions (written at the hub). A node keeps both side by side:
 *
 * - the report's row keeps what clients read and the money rules count (status, totals, the
 *   combined version), recomputed from the report and its reviews whenever either changes, beside
 *   the report's own version (`report_version`, newest wins), revision and last change;
 * - each review is a row of its own, one per revision of a report.
 *
 * At the hub (`expenditure_reports`, `report_reviews`) the database guards the officer's side: a
 * revision is reviewed once, only the revision the hub holds, and no more is accepted than was
 * reported. On a city node (`expenditure_report_copies`, `report_review_copies`) it guards the
 * city's: one standing report per deadline of a sub-grant, as the hub's own table does.
 *
 * Reports written before are split: the n-th decision was on revision n (every decision but the
 * last returned the report, and each return was answered by a resubmission), and the report's own
 * version was its revision (it changed only on submitting and resubmitting). A review's id is
 * derived from its report and revision, the same way a city node does for events still in the
 * streams that carry both (`legacyReviewId`).
 */
export class ReportReviews1764000000000 implements MigrationInterface {
  name = 'ReportReviews1764000000000';

  async up(q: QueryRunner): Promise<void> {
    for (const [reports, reviews, foreignKey] of [
      ['expenditure_reports', 'report_reviews', 'REFERENCES expenditure_reports (id)'],
      ['expenditure_report_copies', 'report_review_copies', ''],
    ] as const) {
      await q.query(`ALTER TABLE ${reports} ADD COLUMN report_version integer, ADD COLUMN revision integer, ADD COLUMN report_updated_at timestamptz`);
      await q.query(`UPDATE ${reports} SET revision = (doc->>'revision')::int, report_version = (doc->>'revision')::int, report_updated_at = updated_at`);
      await q.query(`
        ALTER TABLE ${reports} ALTER COLUMN report_version SET NOT NULL, ALTER COLUMN revision SET NOT NULL, ALTER COLUMN report_updated_at SET NOT NULL,
          ADD CHECK (report_version >= 1), ADD CHECK (revision >= 1)`);
      await q.query(`
        CREATE TABLE ${reviews} (
          id              uuid PRIMARY KEY,
          report_id       uuid NOT NULL ${foreignKey},
          revision        integer NOT NULL CHECK (revision >= 1),
          decision        text NOT NULL CHECK (decision IN ('approved', 'rejected', 'returned')),
          doc             jsonb NOT NULL,
          version         integer NOT NULL CHECK (version >= 1),
          created_at      timestamptz NOT NULL,
          updated_at      timestamptz NOT NULL,
          CONSTRAINT ${reviews === 'report_reviews' ? 'report_reviewed_once_per_revision' : 'report_review_copy_once_per_revision'} UNIQUE (report_id, revision)
        )`);
      await q.query(`
        INSERT INTO ${reviews} (id, report_id, revision, decision, doc, version, created_at, updated_at)
        SELECT md5(r.id::text || ':' || d.n)::uuid, r.id, d.n, d.value->>'decision',
               jsonb_build_object(
                 'id', md5(r.id::text || ':' || d.n)::uuid, 'reportId', r.id, 'subGrantId', r.sub_grant_id, 'memberId', r.member_id,
                 'revision', d.n, 'decision', d.value,
                 'accepted', CASE WHEN d.value->>'decision' = 'approved' AND d.n = r.revision THEN coalesce(r.doc->'accepted', 'null'::jsonb) ELSE 'null'::jsonb END),
               1, r.updated_at, r.updated_at
          FROM ${reports} r, jsonb_array_elements(r.doc->'decisions') WITH ORDINALITY d(value, n)`);
      await q.query(`UPDATE ${reports} SET doc = doc - 'status' - 'decisions' - 'accepted'`);
    }

    // The hub's side: no more accepted than reported; a review decides the revision the hub holds.
    await q.query(`ALTER TABLE expenditure_reports ADD CONSTRAINT report_accepted_within_reported CHECK (accepted_minor IS NULL OR accepted_minor BETWEEN 0 AND reported_minor)`);
    await q.query(`
      CREATE FUNCTION report_review_of_held_revision() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NOT EXISTS (SELECT 1 FROM expenditure_reports WHERE id = NEW.report_id AND revision = NEW.revision) THEN
          RAISE EXCEPTION 'report % holds no revision % to review', NEW.report_id, NEW.revision
            USING ERRCODE = 'check_violation', CONSTRAINT = 'report_review_of_held_revision';
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`CREATE TRIGGER report_review_of_held_revision BEFORE INSERT ON report_reviews FOR EACH ROW EXECUTE FUNCTION report_review_of_held_revision()`);

    // The city's side: one standing report per deadline of a sub-grant, as at the hub.
    await q.query(`CREATE UNIQUE INDEX report_copy_one_per_deadline ON expenditure_report_copies (sub_grant_id, deadline_key) WHERE status <> 'rejected'`);

    // Where each member's reports are written: its home node, from membership's member events.
    await q.query(`CREATE TABLE member_homes (id uuid PRIMARY KEY, source_version integer NOT NULL, home_node_id text NOT NULL)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE member_homes`);
    await q.query(`DROP INDEX report_copy_one_per_deadline`);
    await q.query(`DROP TRIGGER report_review_of_held_revision ON report_reviews`);
    await q.query(`DROP FUNCTION report_review_of_held_revision()`);
    await q.query(`ALTER TABLE expenditure_reports DROP CONSTRAINT report_accepted_within_reported`);
    for (const [reports, reviews] of [
      ['expenditure_reports', 'report_reviews'],
      ['expenditure_report_copies', 'report_review_copies'],
    ] as const) {
      await q.query(`
        UPDATE ${reports} r SET doc = r.doc || jsonb_build_object(
          'status', r.status,
          'decisions', coalesce((SELECT jsonb_agg(v.doc->'decision' ORDER BY v.revision) FROM ${reviews} v WHERE v.report_id = r.id), '[]'::jsonb),
          'accepted', coalesce((SELECT v.doc->'accepted' FROM ${reviews} v WHERE v.report_id = r.id AND v.revision = r.revision), 'null'::jsonb))`);
      await q.query(`DROP TABLE ${reviews}`);
      await q.query(`ALTER TABLE ${reports} DROP COLUMN report_version, DROP COLUMN revision, DROP COLUMN report_updated_at`);
    }
  }
}
