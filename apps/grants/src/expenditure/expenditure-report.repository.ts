import { createHash } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { translateConstraintViolation } from '@intercity/persistence';
import { fromJson } from '../shared/events';
import { documentOf, reportTotals } from '../shared/persistence/documents';
import { CityReport, combineReport, ExpenditureReport, ReportReview, Reviewable } from './domain/expenditure-report';

/**
 * Where a node keeps reports and their reviews: at the hub (and a standalone node) grants' own
 * tables, whose sub-grants they reference; on a city node the tables beside its copies of the
 * hub's sub-grants. Both hold originals (the reports whose city is homed there, the hub's reviews)
 * and copies (the rest, from events) alike; the database guards the home's rules on each.
 */
export interface ReportTables {
  reports: 'expenditure_reports' | 'expenditure_report_copies';
  reviews: 'report_reviews' | 'report_review_copies';
  /** The combined version's column. */
  version: 'version' | 'source_version';
  /** Whether the report's row names its network (the copies do; the hub's have their sub-grant). */
  network: boolean;
}

export const OWN_REPORTS: ReportTables = { reports: 'expenditure_reports', reviews: 'report_reviews', version: 'version', network: false };
export const REPORT_COPIES: ReportTables = { reports: 'expenditure_report_copies', reviews: 'report_review_copies', version: 'source_version', network: true };

/** The constraints that stand for the report rules concurrent writes could otherwise break. */
const REPORT_RULES = {
  report_one_per_deadline: { rule: 'report.duplicate', message: 'a report for this period is already standing', field: 'deadlineKey' },
  report_copy_one_per_deadline: { rule: 'report.duplicate', message: 'a report for this period is already standing', field: 'deadlineKey' },
  report_reviewed_once_per_revision: { rule: 'report.status', message: 'this revision of the report has been decided on already' },
  report_review_of_held_revision: { rule: 'report.status', message: 'the hub holds another revision of the report than the one decided on' },
  report_accepted_within_reported: { rule: 'report.accepted-exceeds-reported', message: 'no more can be accepted than was reported', field: 'accepted' },
};

async function guarded<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (e) {
    throw translateConstraintViolation(e, REPORT_RULES);
  }
}

/**
 * The review id of a decision carried by the events of the single report aggregate (and by
 * reports stored before the split): derived from the report and revision, as the migration does,
 * so every node names it alike.
 */
export function legacyReviewId(reportId: string, revision: number): string {
  const h = createHash('md5').update(`${reportId}:${revision}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

interface ReportRow {
  id: string;
  doc: unknown;
  report_version: number;
  created_at: Date;
  report_updated_at: Date;
}

interface ReviewRow {
  doc: unknown;
  version: number;
  created_at: Date;
  updated_at: Date;
}

const cityReport = (r: ReportRow): CityReport => ({ ...fromJson<CityReport>(r.doc), version: r.report_version, createdAt: r.created_at, updatedAt: r.report_updated_at });
const review = (r: ReviewRow): ReportReview => ({ ...fromJson<ReportReview>(r.doc), version: r.version, createdAt: r.created_at, updatedAt: r.updated_at });

/** The only code that reads or writes a node's reports and reviews; it returns domain types. */
export class ReportRows {
  constructor(readonly tables: ReportTables) {}

  /** The city's report and every review of it, the report's row locked for a change if asked. */
  async held(m: EntityManager, id: string, lock = false): Promise<Reviewable | undefined> {
    const [row]: ReportRow[] = await m.query(`SELECT id, doc, report_version, created_at, report_updated_at FROM ${this.tables.reports} WHERE id = $1 ${lock ? 'FOR UPDATE' : ''}`, [id]);
    return row ? { report: cityReport(row), reviews: await this.reviewsOf(m, [id]) } : undefined;
  }

  /** The report as clients see it. */
  async view(m: EntityManager, id: string): Promise<ExpenditureReport | undefined> {
    const held = await this.held(m, id);
    return held && combineReport(held.report, held.reviews);
  }

  async viewsOf(m: EntityManager, subGrantIds: readonly string[]): Promise<ExpenditureReport[]> {
    const rows: ReportRow[] = await m.query(
      `SELECT id, doc, report_version, created_at, report_updated_at FROM ${this.tables.reports} WHERE sub_grant_id = ANY ($1::uuid[]) ORDER BY created_at, id`,
      [subGrantIds],
    );
    const reviews = await this.reviewsOf(
      m,
      rows.map((r) => r.id),
    );
    return rows.map((r) => combineReport(cityReport(r), reviews));
  }

  /**
   * The city's report, unless this node holds that version or a newer one already (an original
   * written here, or a copy: newest wins, ARCHITECTURE §4.4), with what clients read and the
   * money rules count recomputed. Returns whether it changed anything.
   */
  async putReport(m: EntityManager, networkId: string, report: CityReport): Promise<boolean> {
    const { reports, version, network } = this.tables;
    const [held]: { report_version: number }[] = await m.query(`SELECT report_version FROM ${reports} WHERE id = $1 FOR UPDATE`, [report.id]);
    if (held && held.report_version >= report.version) return false;
    const combined = combineReport(report, await this.reviewsOf(m, [report.id]));
    const totals = reportTotals(combined);
    const columns: Record<string, unknown> = {
      id: report.id,
      sub_grant_id: report.subGrantId,
      member_id: report.memberId,
      deadline_key: report.deadlineKey,
      status: combined.status,
      currency: totals.currency,
      reported_minor: totals.reported_minor,
      accepted_minor: totals.accepted_minor,
      doc: documentOf(report),
      [version]: combined.version,
      created_at: report.createdAt,
      updated_at: combined.updatedAt,
      report_version: report.version,
      revision: report.revision,
      report_updated_at: report.updatedAt,
      ...(network ? { network_id: networkId } : {}),
    };
    const names = Object.keys(columns);
    const changed = names.filter((c) => c !== 'id' && c !== 'created_at');
    await guarded(() =>
      m.query(
        `INSERT INTO ${reports} (${names.join(', ')}) VALUES (${names.map((_, i) => `$${i + 1}`).join(', ')})
         ON CONFLICT (id) DO UPDATE SET ${changed.map((c) => `${c} = EXCLUDED.${c}`).join(', ')}, created_at = LEAST(${reports}.created_at, EXCLUDED.created_at)`,
        Object.values(columns),
      ),
    );
    return true;
  }

  /**
   * A review, once (reviews never change), and the report's figures recomputed when this node
   * holds the report. On a city node a review may come before its report: the report's own
   * arrival combines them then.
   */
  async putReview(m: EntityManager, r: ReportReview): Promise<boolean> {
    const { reports, reviews, version } = this.tables;
    const inserted: unknown[] = await guarded(() =>
      m.query(
        `INSERT INTO ${reviews} (id, report_id, revision, decision, doc, version, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
         ON CONFLICT (id) DO NOTHING RETURNING 1`,
        [r.id, r.reportId, r.revision, r.decision.decision, documentOf(r), r.version, r.createdAt, r.updatedAt],
      ),
    );
    if (!inserted.length) return false;
    const held = await this.held(m, r.reportId, true);
    if (!held) return true;
    const combined = combineReport(held.report, held.reviews);
    const totals = reportTotals(combined);
    await guarded(() =>
      m.query(`UPDATE ${reports} SET status = $2, accepted_minor = $3, ${version} = $4, updated_at = $5 WHERE id = $1`, [
        combined.id,
        combined.status,
        totals.accepted_minor,
        combined.version,
        combined.updatedAt,
      ]),
    );
    return true;
  }

  async reviewsOf(m: EntityManager, reportIds: readonly string[]): Promise<ReportReview[]> {
    if (!reportIds.length) return [];
    const rows: ReviewRow[] = await m.query(`SELECT doc, version, created_at, updated_at FROM ${this.tables.reviews} WHERE report_id = ANY ($1::uuid[]) ORDER BY report_id, revision`, [
      reportIds,
    ]);
    return rows.map(review);
  }
}
