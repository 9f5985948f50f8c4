import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { PairingStatus, VisitStatus } from '@intercity/contracts';
import { Page } from '@intercity/platform';
import { translateConstraintViolation } from '@intercity/persistence';
import { Pairing, ProgrammeItem, Visit, VisitReport } from './domain/pairing';

interface PairingRow {
  id: string;
  network_id: string;
  project_id: string;
  community_id: string;
  mentoring_member_id: string;
  implementing_member_id: string;
  roles_reason: string | null;
  status: PairingStatus;
  accepted_by: string[];
  max_visitors: number;
  min_gap_days: number;
  visit_one_report_required: boolean;
  report_due_days: number;
  cancel_reason: string | null;
  version: number;
  created_at: Date;
  updated_at: Date;
}

interface VisitRow {
  id: string;
  pairing_id: string;
  number: 1 | 2;
  host_member_id: string;
  visiting_member_id: string;
  time_zone: string;
  status: VisitStatus;
  starts_on: string | null;
  ends_on: string | null;
  days: string[];
  programme: (Omit<ProgrammeItem, 'hostContactId'> & { hostContactId?: string | null })[];
  report_due_on: string | null;
  report: (Omit<VisitReport, 'submittedAt'> & { submittedAt: string }) | null;
  visitor_ids: string[];
}

const PAIRING_COLUMNS = `id, network_id, project_id, community_id, mentoring_member_id, implementing_member_id, roles_reason, status,
  accepted_by::text[] AS accepted_by, max_visitors, min_gap_days, visit_one_report_required, report_due_days, cancel_reason, version, created_at, updated_at`;

const VISIT_COLUMNS = `v.id, v.pairing_id, v.number, v.host_member_id, v.visiting_member_id, v.time_zone, v.status, v.starts_on, v.ends_on,
  v.days::text[] AS days, v.programme, v.report_due_on, v.report,
  COALESCE((SELECT array_agg(vi.person_id::text ORDER BY vi.person_id) FROM visitors vi WHERE vi.visit_id = v.id), '{}') AS visitor_ids`;

const toVisit = (r: VisitRow): Visit => ({
  id: r.id,
  number: Number(r.number) as 1 | 2,
  hostMemberId: r.host_member_id,
  visitingMemberId: r.visiting_member_id,
  timeZone: r.time_zone,
  status: r.status,
  startsOn: r.starts_on,
  endsOn: r.ends_on,
  days: r.days,
  visitorIds: r.visitor_ids,
  programme: r.programme.map((i) => ({ ...i, hostContactId: i.hostContactId ?? null })),
  reportDueOn: r.report_due_on,
  report: r.report && { ...r.report, submittedAt: new Date(r.report.submittedAt) },
});

const toPairing = (r: PairingRow, visits: Visit[]): Pairing => ({
  id: r.id,
  networkId: r.network_id,
  projectId: r.project_id,
  communityId: r.community_id,
  mentoringMemberId: r.mentoring_member_id,
  implementingMemberId: r.implementing_member_id,
  rolesReason: r.roles_reason,
  status: r.status,
  acceptedBy: r.accepted_by,
  maxVisitors: r.max_visitors,
  minGapDays: r.min_gap_days,
  visitOneReportRequired: r.visit_one_report_required,
  reportDueDays: r.report_due_days,
  cancelReason: r.cancel_reason,
  visits: [visits.find((v) => v.number === 1), visits.find((v) => v.number === 2)] as [Visit, Visit],
  version: r.version,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

export interface PairingFilter {
  communityId?: string;
  memberId?: string;
  status?: PairingStatus;
  networks?: string[];
  limit: number;
  offset: number;
}

/** The constraints that stand for rules concurrent requests could otherwise break. */
const CONSTRAINT_RULES = {
  pairing_unique_per_community: { rule: 'pairing.unique', message: 'these two cities are already paired in this community', field: 'implementingMemberId' },
  visitor_one_visit_at_a_time: { rule: 'visit.visitor-one-visit-at-a-time', message: 'a visitor is already on another visit on some of these days', field: 'personIds' },
};

/** A visitor row's date range: the visit's days while it is ahead; past or cancelled visits block nothing. */
const DURING = `CASE WHEN p.status <> 'cancelled' AND v.starts_on IS NOT NULL AND v.status IN ('planned', 'scheduled')
  THEN daterange(v.starts_on, v.ends_on, '[]') END`;

@Injectable()
export class PairingRepository {
  constructor(private readonly db: DataSource) {}

  async find(id: string, m: EntityManager = this.db.manager, lock = false): Promise<Pairing | undefined> {
    const [row] = await m.query(`SELECT ${PAIRING_COLUMNS} FROM pairings WHERE id = $1 ${lock ? 'FOR UPDATE' : ''}`, [id]);
    if (!row) return undefined;
    return toPairing(row, await this.visitsOf(m, [id]));
  }

  async list(f: PairingFilter): Promise<Page<Pairing>> {
    const where = `($1::uuid IS NULL OR community_id = $1) AND ($2::uuid IS NULL OR $2 IN (mentoring_member_id, implementing_member_id))
      AND ($3::text IS NULL OR status = $3) AND ($4::uuid[] IS NULL OR network_id = ANY ($4))`;
    const params = [f.communityId ?? null, f.memberId ?? null, f.status ?? null, f.networks ?? null];
    const rows: PairingRow[] = await this.db.query(`SELECT ${PAIRING_COLUMNS} FROM pairings WHERE ${where} ORDER BY created_at, id LIMIT $5 OFFSET $6`, [...params, f.limit, f.offset]);
    const [{ total }] = await this.db.query(`SELECT count(*)::int AS total FROM pairings WHERE ${where}`, params);
    const visits = await this.visitsOf(this.db.manager, rows.map((r) => r.id));
    return { items: rows.map((r) => toPairing(r, visits.filter((v) => (v as Visit & { pairingId?: string }).pairingId === r.id))), total, limit: f.limit, offset: f.offset };
  }

  /** Pairings a person visits on, or a city takes part in, that are still open. */
  async lockOpenWithVisitor(m: EntityManager, personId: string): Promise<Pairing[]> {
    const ids: { id: string }[] = await m.query(
      `SELECT DISTINCT p.id FROM pairings p JOIN visits v ON v.pairing_id = p.id JOIN visitors vi ON vi.visit_id = v.id
       WHERE vi.person_id = $1 AND p.status NOT IN ('cancelled', 'closed') ORDER BY p.id`,
      [personId],
    );
    const out: Pairing[] = [];
    for (const { id } of ids) {
      const p = await this.find(id, m, true);
      if (p) out.push(p);
    }
    return out;
  }

  /** Open pairings a city takes part in, optionally only in one community or project. */
  async openIdsOfCity(m: EntityManager, memberId: string, where: { communityId?: string; projectId?: string }): Promise<string[]> {
    const rows: { id: string }[] = await m.query(
      `SELECT id FROM pairings WHERE $1 IN (mentoring_member_id, implementing_member_id) AND status NOT IN ('cancelled', 'closed')
         AND ($2::uuid IS NULL OR community_id = $2) AND ($3::uuid IS NULL OR project_id = $3) ORDER BY id`,
      [memberId, where.communityId ?? null, where.projectId ?? null],
    );
    return rows.map((r) => r.id);
  }

  async insert(m: EntityManager, p: Pairing): Promise<void> {
    try {
      await m.query(
        `INSERT INTO pairings (id, network_id, project_id, community_id, mentoring_member_id, implementing_member_id, roles_reason, status, accepted_by,
           max_visitors, min_gap_days, visit_one_report_required, report_due_days, cancel_reason, version, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)`,
        [p.id, p.networkId, p.projectId, p.communityId, p.mentoringMemberId, p.implementingMemberId, p.rolesReason, p.status, p.acceptedBy,
          p.maxVisitors, p.minGapDays, p.visitOneReportRequired, p.reportDueDays, p.cancelReason, p.version, p.createdAt, p.updatedAt],
      );
      for (const v of p.visits) {
        await m.query(
          `INSERT INTO visits (id, pairing_id, number, host_member_id, visiting_member_id, time_zone, status) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
          [v.id, p.id, v.number, v.hostMemberId, v.visitingMemberId, v.timeZone, v.status],
        );
      }
    } catch (e) {
      throw translateConstraintViolation(e, CONSTRAINT_RULES);
    }
  }

  /** Stores the pairing, its visits and visitors; the exclusion constraint checks the visitors' days. */
  async update(m: EntityManager, p: Pairing): Promise<void> {
    try {
      await m.query(
        `UPDATE pairings SET status = $2, accepted_by = $3, cancel_reason = $4, version = $5, updated_at = $6 WHERE id = $1`,
        [p.id, p.status, p.acceptedBy, p.cancelReason, p.version, p.updatedAt],
      );
      for (const v of p.visits) {
        await m.query(
          `UPDATE visits SET status = $2, starts_on = $3, ends_on = $4, days = $5::date[], programme = $6, report_due_on = $7, report = $8 WHERE id = $1`,
          [v.id, v.status, v.startsOn, v.endsOn, v.days, JSON.stringify(v.programme), v.reportDueOn, v.report ? JSON.stringify(v.report) : null],
        );
        await m.query(`DELETE FROM visitors WHERE visit_id = $1 AND NOT (person_id = ANY ($2::uuid[]))`, [v.id, v.visitorIds]);
        await m.query(
          `INSERT INTO visitors (visit_id, person_id, member_id) SELECT $1, unnest($2::uuid[]), $3 ON CONFLICT DO NOTHING`,
          [v.id, v.visitorIds, v.visitingMemberId],
        );
      }
      // Dates, status or visitors changed: every visitor row takes its visit's current days.
      await m.query(`UPDATE visitors vi SET during = ${DURING} FROM visits v JOIN pairings p ON p.id = v.pairing_id WHERE vi.visit_id = v.id AND p.id = $1`, [p.id]);
    } catch (e) {
      throw translateConstraintViolation(e, CONSTRAINT_RULES);
    }
  }

  private async visitsOf(m: EntityManager, pairingIds: string[]): Promise<(Visit & { pairingId: string })[]> {
    if (!pairingIds.length) return [];
    const rows: VisitRow[] = await m.query(`SELECT ${VISIT_COLUMNS} FROM visits v WHERE v.pairing_id = ANY ($1::uuid[]) ORDER BY v.number`, [pairingIds]);
    return rows.map((r) => ({ ...toVisit(r), pairingId: r.pairing_id }));
  }
}
