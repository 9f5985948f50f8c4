import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What the officer's watch reads of reports and milestones, as columns beside their documents:
 * a programme's watch then reads a few small rows per report instead of every whole document
 * (five years of reports for 50 sub-grants is a megabyte and a half of jsonb).
 */
export class WatchFigures1763850000000 implements MigrationInterface {
  name = 'WatchFigures1763850000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE expenditure_reports ADD COLUMN currency char(3), ADD COLUMN reported_minor bigint, ADD COLUMN accepted_minor bigint`);
    await q.query(`
      UPDATE expenditure_reports SET
        currency = doc->'lines'->0->'amount'->>'currency',
        reported_minor = (SELECT coalesce(sum((l->'amount'->>'amountMinor')::bigint), 0) FROM jsonb_array_elements(doc->'lines') l),
        accepted_minor = CASE WHEN jsonb_typeof(doc->'accepted') = 'array'
          THEN (SELECT coalesce(sum((a->>'amountMinor')::bigint), 0) FROM jsonb_array_elements(doc->'accepted') a) END`);
    await q.query(`ALTER TABLE expenditure_reports ALTER COLUMN currency SET NOT NULL, ALTER COLUMN reported_minor SET NOT NULL`);
    await q.query(`ALTER TABLE milestones ADD COLUMN title text, ADD COLUMN forecast_on date`);
    await q.query(`UPDATE milestones SET title = doc->>'title', forecast_on = (doc->>'forecastOn')::date`);
    await q.query(`ALTER TABLE milestones ALTER COLUMN title SET NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE milestones DROP COLUMN title, DROP COLUMN forecast_on`);
    await q.query(`ALTER TABLE expenditure_reports DROP COLUMN currency, DROP COLUMN reported_minor, DROP COLUMN accepted_minor`);
  }
}
