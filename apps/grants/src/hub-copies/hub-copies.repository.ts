import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Versioned } from '@intercity/domain';
import { keepNewerCopy } from '@intercity/messaging';
import type { ExpenditureReport, ReportFigures } from '../expenditure/domain/expenditure-report';
import type { Milestone, MilestoneFigures } from '../milestone/domain/milestone';
import type { GrantProgramme } from '../programme/domain/programme';
import type { GrantsReads } from '../shared/persistence/grants-reads';
import { DocRow, documentOf, milestoneFiguresIn, reportFiguresIn, restore, StoredProgramme } from '../shared/persistence/grants.repository';
import { REPORT_COPIES, ReportRows } from '../expenditure/expenditure-report.repository';
import type { SubGrant } from '../sub-grant/domain/sub-grant';
import { Copy } from './domain/hub-copies';

type CopyTable = 'programme_copies' | 'sub_grant_copies' | 'expenditure_report_copies' | 'milestone_copies';

/** A copy's row read back: `source_version` is the aggregate's version at the hub. */
const DOC = `doc, source_version AS version, created_at, updated_at`;

/**
 * A city node's copies of the hub's programmes, sub-grants, expenditure reports and milestones:
 * written from grants' events in the consumer's transaction (newest version wins), read by the
 * GET routes in the shapes the hub answers with. The only place the copy tables are touched.
 */
@Injectable()
export class HubCopiesRepository implements GrantsReads {
  /** A city node's reports: its own city's, written here, and the network's others, copied. */
  readonly reports = new ReportRows(REPORT_COPIES);

  constructor(private readonly db: DataSource) {}

  // writes, in the consumer's transaction

  keepProgramme(m: EntityManager, c: Copy<GrantProgramme>): Promise<void> {
    return this.keep(m, 'programme_copies', c, {});
  }

  keepSubGrant(m: EntityManager, c: Copy<SubGrant>): Promise<void> {
    const sg = c.state;
    return this.keep(m, 'sub_grant_copies', c, { programme_id: sg.programmeId, member_id: sg.memberId, status: sg.status });
  }

  keepMilestone(m: EntityManager, c: Copy<Milestone>): Promise<void> {
    const ms = c.state;
    return this.keep(m, 'milestone_copies', c, {
      sub_grant_id: ms.subGrantId,
      member_id: ms.memberId,
      key: ms.key,
      title: ms.title,
      due_on: ms.dueOn,
      forecast_on: ms.forecastOn,
      status: ms.status,
    });
  }

  /** `applyToCopy` in the database. */
  private keep<T extends Versioned & { id: string }>(m: EntityManager, table: CopyTable, c: Copy<T>, columns: Record<string, unknown>): Promise<void> {
    const { id, version, createdAt, updatedAt } = c.state;
    return keepNewerCopy(m, { table, id, version, createdAt, updatedAt, values: { ...columns, network_id: c.networkId, doc: documentOf(c.state) } });
  }

  // reads

  async programme(id: string): Promise<StoredProgramme | undefined> {
    const [row] = await this.db.query(`SELECT network_id, ${DOC} FROM programme_copies WHERE id = $1`, [id]);
    return row ? { networkId: row.network_id, programme: restore<GrantProgramme>(row) } : undefined;
  }

  async programmes(networks: string[] | undefined, limit: number, offset: number): Promise<{ items: StoredProgramme[]; total: number }> {
    const rows = await this.db.query(
      `SELECT network_id, ${DOC}, count(*) OVER ()::int AS total FROM programme_copies
        WHERE $1::uuid[] IS NULL OR network_id = ANY ($1) ORDER BY created_at, id LIMIT $2 OFFSET $3`,
      [networks ?? null, limit, offset],
    );
    return { items: rows.map((r: DocRow & { network_id: string }) => ({ networkId: r.network_id, programme: restore<GrantProgramme>(r) })), total: rows[0]?.total ?? 0 };
  }

  async subGrant(id: string): Promise<{ sg: SubGrant; networkId: string } | undefined> {
    const [row] = await this.db.query(`SELECT network_id, ${DOC} FROM sub_grant_copies WHERE id = $1`, [id]);
    return row ? { sg: restore<SubGrant>(row), networkId: row.network_id } : undefined;
  }

  async subGrantsOf(programmeId: string): Promise<SubGrant[]> {
    const rows: DocRow[] = await this.db.query(`SELECT ${DOC} FROM sub_grant_copies WHERE programme_id = $1 ORDER BY created_at, id`, [programmeId]);
    return rows.map((r) => restore<SubGrant>(r));
  }

  report(id: string): Promise<ExpenditureReport | undefined> {
    return this.reports.view(this.db.manager, id);
  }

  reportsOf(subGrantIds: readonly string[]): Promise<ExpenditureReport[]> {
    return this.reports.viewsOf(this.db.manager, subGrantIds);
  }

  /** The copy of a sub-grant, locked: a city's reports on it are written one at a time. */
  async subGrantForUpdate(m: EntityManager, id: string): Promise<{ sg: SubGrant; networkId: string } | undefined> {
    const [row] = await m.query(`SELECT network_id, ${DOC} FROM sub_grant_copies WHERE id = $1 FOR UPDATE`, [id]);
    return row ? { sg: restore<SubGrant>(row), networkId: row.network_id } : undefined;
  }

  async milestonesOf(subGrantIds: readonly string[]): Promise<Milestone[]> {
    const rows: DocRow[] = await this.db.query(`SELECT ${DOC} FROM milestone_copies WHERE sub_grant_id = ANY ($1::uuid[]) ORDER BY due_on, id`, [subGrantIds]);
    return rows.map((r) => restore<Milestone>(r));
  }

  reportFiguresOf(subGrantIds: readonly string[]): Promise<ReportFigures[]> {
    return reportFiguresIn(this.db.manager, 'expenditure_report_copies', subGrantIds);
  }

  milestoneFiguresOf(subGrantIds: readonly string[]): Promise<MilestoneFigures[]> {
    return milestoneFiguresIn(this.db.manager, 'milestone_copies', subGrantIds);
  }
}
