import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { Versioned } from '@intercity/domain';
import { keepNewerCopy } from '@intercity/messaging';
import type { Page } from '@intercity/platform';
import type { StoredBlackout } from '../blackout/blackout.repository';
import { DatedVisitRow, toDatedVisit } from '../calendar/visit-calendar.repository';
import type { DatedVisit } from '../calendar/visit-entries';
import { ACTIVITY_COMMITMENTS, BusyPeriod, BusyRow, byPerson } from '../copies/commitment.repository';
import type { Pairing, Visit } from '../pairing/domain/pairing';
import type { PairingFilter } from '../pairing/pairing.repository';
import type { ExchangesReads } from '../shared/exchanges-reads';
import type { BlackoutCopy } from './domain/hub-copies';

type CopyTable = 'pairing_copies' | 'blackout_copies';

/** A copy's row read back: `source_version` is the aggregate's version at the hub. */
const DOC = `doc, source_version AS version, created_at, updated_at`;

interface DocRow {
  doc: Record<string, unknown>;
  version: number;
  created_at: Date;
  updated_at: Date;
}

/**
 * The copies' dated visits in the columns the hub's feed query selects (visit-calendar.repository):
 * each visit of a pairing's document, with the names of its cities and community from this
 * node's copies of membership's and practice's data.
 */
const DATED_VISITS = `
  SELECT v->>'id' AS id, p.id AS pairing_id, (v->>'number')::int AS number, v->>'status' AS status,
         v->>'startsOn' AS starts_on, v->>'endsOn' AS ends_on, ARRAY(SELECT jsonb_array_elements_text(v->'days')) AS days,
         v->>'timeZone' AS time_zone, v->'programme' AS programme, v->>'hostMemberId' AS host_member_id, v->>'visitingMemberId' AS visiting_member_id,
         h.name AS host_name, vm.name AS visiting_name, c.name AS community_name,
         p.status AS pairing_status, p.source_version AS version, p.updated_at, p.doc->>'cancelReason' AS cancel_reason
    FROM pairing_copies p CROSS JOIN LATERAL jsonb_array_elements(p.doc->'visits') v
    LEFT JOIN members h ON h.id = (v->>'hostMemberId')::uuid
    LEFT JOIN members vm ON vm.id = (v->>'visitingMemberId')::uuid
    LEFT JOIN communities c ON c.id = p.community_id
   WHERE v->>'startsOn' IS NOT NULL`;

/** A copy's document: everything but its versioned fields, which are columns. */
const documentOf = (value: Versioned): string => {
  const { version: _v, createdAt: _c, updatedAt: _u, ...rest } = value;
  return JSON.stringify(rest);
};

type StoredVisit = Omit<Visit, 'report'> & { report: (Omit<NonNullable<Visit['report']>, 'submittedAt'> & { submittedAt: string }) | null };

/**
 * The pairing a copy's row holds, as the hub's repository reads its own: each visit names its
 * pairing (the hub's GETs answer with `pairingId` on every visit), a report's instant is a Date.
 */
function restorePairing(r: DocRow): Pairing {
  const doc = r.doc as unknown as Omit<Pairing, keyof Versioned | 'visits'> & { visits: StoredVisit[] };
  const [one, two] = doc.visits.map((v): Visit & { pairingId: string } => ({ ...v, pairingId: doc.id, report: v.report && { ...v.report, submittedAt: new Date(v.report.submittedAt) } }));
  return { ...doc, visits: [one, two], version: r.version, createdAt: r.created_at, updatedAt: r.updated_at };
}

/**
 * A city node's copies of the hub's pairings and blackouts: written from exchanges' events in the consumer's
 * transaction (newest version wins), read by the GET routes in the shapes the hub answers with.
 * The only place the copy tables are touched.
 */
@Injectable()
export class HubCopiesRepository implements ExchangesReads {
  constructor(private readonly db: DataSource) {}

  // writes, in the consumer's transaction

  keepPairing(m: EntityManager, p: Pairing): Promise<void> {
    return this.keep(m, 'pairing_copies', p, {
      network_id: p.networkId,
      community_id: p.communityId,
      mentoring_member_id: p.mentoringMemberId,
      implementing_member_id: p.implementingMemberId,
      status: p.status,
      doc: documentOf(p),
    });
  }

  keepBlackout(m: EntityManager, b: BlackoutCopy): Promise<void> {
    return this.keep(m, 'blackout_copies', b, { network_id: b.networkId, member_id: b.memberId, starts_on: b.from, ends_on: b.to, reason: b.reason, removed: b.removed });
  }

  private keep<T extends Versioned & { id: string }>(m: EntityManager, table: CopyTable, state: T, values: Record<string, unknown>): Promise<void> {
    const { id, version, createdAt, updatedAt } = state;
    return keepNewerCopy(m, { table, id, version, createdAt, updatedAt, values });
  }

  // reads

  async pairing(id: string): Promise<Pairing | undefined> {
    const [row] = await this.db.query(`SELECT ${DOC} FROM pairing_copies WHERE id = $1`, [id]);
    return row ? restorePairing(row) : undefined;
  }

  /** The blackouts the hub holds for a city (removed ones left out), as the hub lists them. */
  async blackoutsOf(memberId: string): Promise<StoredBlackout[]> {
    const rows: { id: string; network_id: string; member_id: string; starts_on: string; ends_on: string; reason: string; created_at: Date }[] = await this.db.query(
      `SELECT id, network_id, member_id, starts_on::text AS starts_on, ends_on::text AS ends_on, reason, created_at FROM blackout_copies
        WHERE member_id = $1 AND NOT removed ORDER BY starts_on, id`,
      [memberId],
    );
    return rows.map((r) => ({ id: r.id, networkId: r.network_id, memberId: r.member_id, from: r.starts_on, to: r.ends_on, reason: r.reason, createdAt: r.created_at }));
  }

  /** A city's visits: the two cities of a pairing are its visits' hosts and visitors. */
  async datedVisitsOfCity(memberId: string): Promise<DatedVisit[]> {
    const rows: DatedVisitRow[] = await this.db.query(
      `${DATED_VISITS} AND $1 IN (p.mentoring_member_id, p.implementing_member_id) ORDER BY (v->>'startsOn')::date, (v->>'id')::uuid`,
      [memberId],
    );
    return rows.map(toDatedVisit);
  }

  async datedVisitsOfPerson(personId: string): Promise<DatedVisit[]> {
    const rows: DatedVisitRow[] = await this.db.query(`${DATED_VISITS} AND (v->'visitorIds') ? $1 ORDER BY (v->>'startsOn')::date, (v->>'id')::uuid`, [personId]);
    return rows.map(toDatedVisit);
  }

  /**
   * The hub's `visitors.during` over the copies: a visitor is taken on a visit's days while it is
   * ahead (dated, planned or scheduled) and its pairing not cancelled; activities as at the hub.
   */
  async busy(personIds: readonly string[], hostMemberId: string, exceptPairingId: string | null): Promise<Map<string, BusyPeriod[]>> {
    if (!personIds.length) return new Map();
    const rows: BusyRow[] = await this.db.query(
      `SELECT person_id::uuid AS person_id, v->>'startsOn' AS from, v->>'endsOn' AS to, 'visit ' || (v->>'number') || ' of pairing ' || p.id AS what
         FROM pairing_copies p CROSS JOIN LATERAL jsonb_array_elements(p.doc->'visits') v CROSS JOIN LATERAL jsonb_array_elements_text(v->'visitorIds') person_id
        WHERE person_id::uuid = ANY ($1::uuid[]) AND p.status <> 'cancelled' AND v->>'startsOn' IS NOT NULL AND v->>'status' IN ('planned', 'scheduled')
          AND ($3::uuid IS NULL OR p.id <> $3)
       UNION ALL ${ACTIVITY_COMMITMENTS}
       ORDER BY 2`,
      [personIds, hostMemberId, exceptPairingId],
    );
    return byPerson(rows);
  }

  /** The hub's list, filters, order and paging alike. */
  async pairings(f: PairingFilter): Promise<Page<Pairing>> {
    const where = `($1::uuid IS NULL OR community_id = $1) AND ($2::uuid IS NULL OR $2 IN (mentoring_member_id, implementing_member_id))
      AND ($3::text IS NULL OR status = $3) AND ($4::uuid[] IS NULL OR network_id = ANY ($4))`;
    const params = [f.communityId ?? null, f.memberId ?? null, f.status ?? null, f.networks ?? null];
    const rows: DocRow[] = await this.db.query(`SELECT ${DOC} FROM pairing_copies WHERE ${where} ORDER BY created_at, id LIMIT $5 OFFSET $6`, [...params, f.limit, f.offset]);
    const [{ total }] = await this.db.query(`SELECT count(*)::int AS total FROM pairing_copies WHERE ${where}`, params);
    return { items: rows.map(restorePairing), total, limit: f.limit, offset: f.offset };
  }
}
