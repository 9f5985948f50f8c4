import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { PairingStatus, VisitStatus } from '@intercity/contracts';
import type { ProgrammeItem } from '../pairing/domain/pairing';
import type { DatedVisit } from './visit-entries';

/** A dated visit's row, from exchanges' own tables or a city's copies (the same columns). */
export interface DatedVisitRow {
  id: string;
  pairing_id: string;
  number: number;
  status: VisitStatus;
  starts_on: string;
  ends_on: string;
  days: string[];
  time_zone: string;
  programme: (Omit<ProgrammeItem, 'hostContactId'> & { hostContactId?: string | null })[];
  host_name: string | null;
  visiting_name: string | null;
  community_name: string | null;
  pairing_status: PairingStatus;
  version: number;
  updated_at: Date;
  cancel_reason: string | null;
  host_member_id: string;
  visiting_member_id: string;
}

const DATED_VISITS = `
  SELECT v.id, v.pairing_id, v.number, v.status, v.starts_on::text AS starts_on, v.ends_on::text AS ends_on, v.days::text[] AS days,
         v.time_zone, v.programme, v.host_member_id, v.visiting_member_id, h.name AS host_name, vm.name AS visiting_name,
         c.name AS community_name, p.status AS pairing_status, p.version, p.updated_at, p.cancel_reason
    FROM visits v JOIN pairings p ON p.id = v.pairing_id
    LEFT JOIN members h ON h.id = v.host_member_id
    LEFT JOIN members vm ON vm.id = v.visiting_member_id
    LEFT JOIN communities c ON c.id = p.community_id
   WHERE v.starts_on IS NOT NULL`;

export const toDatedVisit = (r: DatedVisitRow): DatedVisit => ({
  id: r.id,
  pairingId: r.pairing_id,
  number: Number(r.number) as 1 | 2,
  status: r.status,
  startsOn: r.starts_on,
  endsOn: r.ends_on,
  days: r.days,
  timeZone: r.time_zone,
  programme: r.programme.map((i) => ({ ...i, hostContactId: i.hostContactId ?? null })),
  // A copy not yet arrived still names the city by its id rather than dropping the visit.
  hostName: r.host_name ?? r.host_member_id,
  visitingName: r.visiting_name ?? r.visiting_member_id,
  communityName: r.community_name,
  pairingStatus: r.pairing_status,
  pairingVersion: r.version,
  pairingUpdatedAt: r.updated_at,
  cancelReason: r.cancel_reason,
});

/** Which dated visits each feed shows: a city's (hosted or sent to), a person's (travelling on). */
@Injectable()
export class VisitCalendarRepository {
  constructor(private readonly db: DataSource) {}

  async ofCity(memberId: string): Promise<DatedVisit[]> {
    const rows: DatedVisitRow[] = await this.db.query(`${DATED_VISITS} AND $1 IN (v.host_member_id, v.visiting_member_id) ORDER BY v.starts_on, v.id`, [memberId]);
    return rows.map(toDatedVisit);
  }

  async ofPerson(personId: string): Promise<DatedVisit[]> {
    const rows: DatedVisitRow[] = await this.db.query(
      `${DATED_VISITS} AND EXISTS (SELECT 1 FROM visitors vi WHERE vi.visit_id = v.id AND vi.person_id = $1) ORDER BY v.starts_on, v.id`,
      [personId],
    );
    return rows.map(toDatedVisit);
  }
}
