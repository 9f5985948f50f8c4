import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { Period } from '@intercity/domain';

/** A day a person is taken elsewhere, and by what (for the reason a date is refused). */
export interface BusyPeriod extends Period {
  to: string;
  what: string;
}

/** People's other commitments: their other visits ahead, and the activities they are confirmed for. */
@Injectable()
export class CommitmentRepository {
  constructor(private readonly db: DataSource) {}

  async busy(personIds: readonly string[], hostMemberId: string, exceptPairingId: string | null, m: EntityManager = this.db.manager): Promise<Map<string, BusyPeriod[]>> {
    if (!personIds.length) return new Map();
    const rows: BusyRow[] = await m.query(
      `SELECT vi.person_id, lower(vi.during)::text AS from, (upper(vi.during) - 1)::text AS to, 'visit ' || v.number || ' of pairing ' || v.pairing_id AS what
         FROM visitors vi JOIN visits v ON v.id = vi.visit_id
        WHERE vi.person_id = ANY ($1::uuid[]) AND vi.during IS NOT NULL AND ($3::uuid IS NULL OR v.pairing_id <> $3)
       UNION ALL ${ACTIVITY_COMMITMENTS}
       ORDER BY 2`,
      [personIds, hostMemberId, exceptPairingId],
    );
    return byPerson(rows);
  }
}

/** A commitment's row: whose, which days, what for. */
export interface BusyRow {
  person_id: string;
  from: string;
  to: string;
  what: string;
}

/**
 * The activities people ($1) are confirmed for, held in person somewhere other than the visit's
 * host ($2): practice's, from this node's copies, whichever table the visits come from.
 */
export const ACTIVITY_COMMITMENTS = `
  SELECT r.person_id, d::text AS from, d::text AS to, 'activity "' || a.title || '"' AS what
    FROM activity_registrations r JOIN activities a ON a.id = r.activity_id, unnest(a.days) AS d
   WHERE r.person_id = ANY ($1::uuid[]) AND r.status = 'confirmed' AND a.status NOT IN ('cancelled', 'draft')
     AND NOT coalesce(a.online, false) AND a.host_member_id IS DISTINCT FROM $2::uuid`;

export function byPerson(rows: readonly BusyRow[]): Map<string, BusyPeriod[]> {
  const out = new Map<string, BusyPeriod[]>();
  for (const r of rows) {
    const list = out.get(r.person_id) ?? [];
    list.push({ from: r.from, to: r.to, what: r.what });
    out.set(r.person_id, list);
  }
  return out;
}
