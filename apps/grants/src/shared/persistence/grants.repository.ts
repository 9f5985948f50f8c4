import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { CurrencyCode, money } from '@intercity/domain';
import { translateConstraintViolation } from '@intercity/persistence';
import type { ExpenditureReport, ReportFigures } from '../../expenditure/domain/expenditure-report';
import type { Milestone, MilestoneFigures } from '../../milestone/domain/milestone';
import type { GrantProgramme } from '../../programme/domain/programme';
import type { SubGrant } from '../../sub-grant/domain/sub-grant';
import { released } from '../../tranche/domain/tranche';
import { restore, DocRow, documentOf } from './documents';
import { OWN_REPORTS, ReportRows } from '../../expenditure/expenditure-report.repository';

/** A programme as stored: the domain's programme and the network its project belongs to. */
export interface StoredProgramme {
  networkId: string;
  programme: GrantProgramme;
}

/** The constraints that stand for the money rules concurrent requests could otherwise break. */
const MONEY_RULES = {
  programme_envelope_holds_awards: { rule: 'programme.envelope-exceeded', message: 'the awards would exceed the programme envelope', field: 'awarded' },
  sub_grant_max_per_recipient: { rule: 'sub-grant.max-per-recipient', message: "the city's awards in this programme would exceed the maximum per recipient", field: 'awarded' },
  sub_grant_disbursed_within_award: { rule: 'sub-grant.disbursed-exceeds-award', message: 'disbursements would exceed the award', field: 'trancheIndex' },
  sub_grant_programme_currency: { rule: 'money.currency-mismatch', message: "the award is not in the programme's currency", field: 'awarded.currency' },
  milestone_key_once: { rule: 'milestone.key-duplicate', message: 'the sub-grant has a milestone with this key already', field: 'key' },
};

/** Run a write; a violated money constraint becomes the 409 naming its rule. */
async function guarded<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (e) {
    throw translateConstraintViolation(e, MONEY_RULES);
  }
}

export { DocRow, documentOf, reportTotals, restore } from './documents';

/**
 * Grants' aggregates: each a jsonb document beside the columns the database checks (amounts as
 * bigint minor units, statuses, keys). The only place their tables are read or written.
 */
@Injectable()
export class GrantsRepository {
  readonly reports = new ReportRows(OWN_REPORTS);

  constructor(private readonly db: DataSource) {}

  // programmes

  async programme(id: string, m: EntityManager = this.db.manager, lock = false): Promise<StoredProgramme | undefined> {
    const [row] = await m.query(`SELECT network_id, doc, version, created_at, updated_at FROM programmes WHERE id = $1 ${lock ? 'FOR UPDATE' : ''}`, [id]);
    return row ? { networkId: row.network_id, programme: restore<GrantProgramme>(row) } : undefined;
  }

  async programmes(networks: string[] | undefined, limit: number, offset: number): Promise<{ items: StoredProgramme[]; total: number }> {
    const rows = await this.db.query(
      `SELECT network_id, doc, version, created_at, updated_at, count(*) OVER ()::int AS total FROM programmes
        WHERE $1::uuid[] IS NULL OR network_id = ANY ($1) ORDER BY created_at, id LIMIT $2 OFFSET $3`,
      [networks ?? null, limit, offset],
    );
    return { items: rows.map((r: DocRow & { network_id: string }) => ({ networkId: r.network_id, programme: restore<GrantProgramme>(r) })), total: rows[0]?.total ?? 0 };
  }

  async insertProgramme(m: EntityManager, networkId: string, p: GrantProgramme): Promise<void> {
    await m.query(
      `INSERT INTO programmes (id, network_id, project_id, currency, envelope_minor, max_per_recipient_minor, doc, version, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [p.id, networkId, p.projectId, p.currency, p.envelope.amountMinor.toString(), p.rules.maxPerRecipient.amountMinor.toString(), documentOf(p), p.version, p.createdAt, p.updatedAt],
    );
  }

  updateProgramme(m: EntityManager, p: GrantProgramme): Promise<void> {
    return guarded(async () => {
      await m.query(`UPDATE programmes SET envelope_minor = $2, doc = $3, version = $4, updated_at = $5 WHERE id = $1`, [
        p.id,
        p.envelope.amountMinor.toString(),
        documentOf(p),
        p.version,
        p.updatedAt,
      ]);
    });
  }

  // sub-grants

  async subGrant(id: string, m: EntityManager = this.db.manager, lock = false): Promise<SubGrant | undefined> {
    const [row] = await m.query(`SELECT doc, version, created_at, updated_at FROM sub_grants WHERE id = $1 ${lock ? 'FOR UPDATE' : ''}`, [id]);
    return row ? restore<SubGrant>(row) : undefined;
  }

  async subGrantsOf(programmeId: string, m: EntityManager = this.db.manager): Promise<SubGrant[]> {
    const rows: DocRow[] = await m.query(`SELECT doc, version, created_at, updated_at FROM sub_grants WHERE programme_id = $1 ORDER BY created_at, id`, [programmeId]);
    return rows.map((r) => restore<SubGrant>(r));
  }

  /** Sub-grants whose reports and milestones the scheduled check looks at. */
  async watchedSubGrantIds(): Promise<{ id: string; memberId: string }[]> {
    const rows: { id: string; member_id: string }[] = await this.db.query(`SELECT id, member_id FROM sub_grants WHERE status IN ('signed', 'active', 'suspended') ORDER BY id`);
    return rows.map((r) => ({ id: r.id, memberId: r.member_id }));
  }

  insertSubGrant(m: EntityManager, sg: SubGrant): Promise<void> {
    return guarded(async () => {
      await m.query(
        `INSERT INTO sub_grants (id, programme_id, member_id, currency, awarded_minor, disbursed_minor, status, doc, version, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
        [sg.id, sg.programmeId, sg.memberId, sg.currency, sg.awarded.amountMinor.toString(), released(sg).amountMinor.toString(), sg.status, documentOf(sg), sg.version, sg.createdAt, sg.updatedAt],
      );
      await this.writeBudgetLines(m, sg);
    });
  }

  updateSubGrant(m: EntityManager, sg: SubGrant): Promise<void> {
    return guarded(async () => {
      await m.query(
        `UPDATE sub_grants SET awarded_minor = $2, disbursed_minor = $3, status = $4, doc = $5, version = $6, updated_at = $7 WHERE id = $1`,
        [sg.id, sg.awarded.amountMinor.toString(), released(sg).amountMinor.toString(), sg.status, documentOf(sg), sg.version, sg.updatedAt],
      );
      await m.query(`DELETE FROM budget_lines WHERE sub_grant_id = $1`, [sg.id]);
      await this.writeBudgetLines(m, sg);
    });
  }

  private async writeBudgetLines(m: EntityManager, sg: SubGrant): Promise<void> {
    await m.query(`INSERT INTO budget_lines (sub_grant_id, category, amount_minor) SELECT $1, unnest($2::text[]), unnest($3::bigint[])`, [
      sg.id,
      sg.budgetLines.map((l) => l.category),
      sg.budgetLines.map((l) => l.amount.amountMinor.toString()),
    ]);
  }

  // expenditure reports: the city's report with the hub's reviews of it (expenditure-report.repository)

  report(id: string, m: EntityManager = this.db.manager): Promise<ExpenditureReport | undefined> {
    return this.reports.view(m, id);
  }

  reportsOf(subGrantIds: readonly string[], m: EntityManager = this.db.manager): Promise<ExpenditureReport[]> {
    return this.reports.viewsOf(m, subGrantIds);
  }

  // milestones

  async milestone(id: string, m: EntityManager = this.db.manager, lock = false): Promise<Milestone | undefined> {
    const [row] = await m.query(`SELECT doc, version, created_at, updated_at FROM milestones WHERE id = $1 ${lock ? 'FOR UPDATE' : ''}`, [id]);
    return row ? restore<Milestone>(row) : undefined;
  }

  async milestonesOf(subGrantIds: readonly string[], m: EntityManager = this.db.manager): Promise<Milestone[]> {
    const rows: DocRow[] = await m.query(`SELECT doc, version, created_at, updated_at FROM milestones WHERE sub_grant_id = ANY ($1::uuid[]) ORDER BY due_on, id`, [subGrantIds]);
    return rows.map((r) => restore<Milestone>(r));
  }

  saveMilestone(m: EntityManager, ms: Milestone): Promise<void> {
    return guarded(async () => {
      await m.query(
        `INSERT INTO milestones (id, sub_grant_id, key, title, due_on, forecast_on, status, doc, version, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
         ON CONFLICT (id) DO UPDATE SET title = EXCLUDED.title, due_on = EXCLUDED.due_on, forecast_on = EXCLUDED.forecast_on, status = EXCLUDED.status,
           doc = EXCLUDED.doc, version = EXCLUDED.version, updated_at = EXCLUDED.updated_at`,
        [ms.id, ms.subGrantId, ms.key, ms.title, ms.dueOn, ms.forecastOn, ms.status, documentOf(ms), ms.version, ms.createdAt, ms.updatedAt],
      );
    });
  }

  // the watch's figures: small rows, not whole documents

  /** Each report's deadline, status and totals; a report has one currency, the sub-grant's. */
  reportFiguresOf(subGrantIds: readonly string[]): Promise<ReportFigures[]> {
    return reportFiguresIn(this.db.manager, 'expenditure_reports', subGrantIds);
  }

  milestoneFiguresOf(subGrantIds: readonly string[]): Promise<MilestoneFigures[]> {
    return milestoneFiguresIn(this.db.manager, 'milestones', subGrantIds);
  }

  // the scheduled check's memory

  /** Records a notice; false when its key was told before, so it is told once only. */
  async notice(m: EntityManager, n: { key: string; type: string; subGrantId: string; on: string }, now: Date): Promise<boolean> {
    const rows: unknown[] = await m.query(
      `INSERT INTO watch_notices (key, type, sub_grant_id, noticed_on, created_at) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (key) DO NOTHING RETURNING 1`,
      [n.key, n.type, n.subGrantId, n.on, now],
    );
    return rows.length === 1;
  }
}

/** The watch's figures of reports, from grants' own table or a city's copies (the same columns). */
export async function reportFiguresIn(m: EntityManager, table: 'expenditure_reports' | 'expenditure_report_copies', subGrantIds: readonly string[]): Promise<ReportFigures[]> {
  const rows: { sub_grant_id: string; deadline_key: string; status: ReportFigures['status']; currency: CurrencyCode; reported: string; accepted: string | null }[] = await m.query(
    `SELECT sub_grant_id, deadline_key, status, currency, reported_minor::text AS reported, accepted_minor::text AS accepted
       FROM ${table} WHERE sub_grant_id = ANY ($1::uuid[])`,
    [subGrantIds],
  );
  return rows.map((r) => ({
    subGrantId: r.sub_grant_id,
    deadlineKey: r.deadline_key,
    status: r.status,
    lines: [{ amount: money(BigInt(r.reported), r.currency) }],
    accepted: r.accepted === null ? null : [money(BigInt(r.accepted), r.currency)],
  }));
}

/** The watch's figures of milestones, from grants' own table or a city's copies (the same columns). */
export async function milestoneFiguresIn(m: EntityManager, table: 'milestones' | 'milestone_copies', subGrantIds: readonly string[]): Promise<MilestoneFigures[]> {
  const rows: { id: string; sub_grant_id: string; key: string; title: string; due_on: string; forecast_on: string | null; status: MilestoneFigures['status'] }[] = await m.query(
    `SELECT id, sub_grant_id, key, title, due_on, forecast_on, status FROM ${table} WHERE sub_grant_id = ANY ($1::uuid[]) ORDER BY due_on, id`,
    [subGrantIds],
  );
  return rows.map((r) => ({ id: r.id, subGrantId: r.sub_grant_id, key: r.key, title: r.title, dueOn: r.due_on, forecastOn: r.forecast_on, status: r.status }));
}
