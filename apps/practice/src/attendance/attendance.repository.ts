import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { AttendanceStatus } from '@intercity/contracts';
import type { SessionAttendance } from './domain/attendance';

interface SheetRow {
  session_id: string;
  activity_id: string;
  community_id: string;
  network_id: string;
  starts_at: Date;
  ends_at: Date;
  marks: { personId: string; status: AttendanceStatus; recordedBy: string; recordedAt: string }[];
  version: number;
  created_at: Date;
  updated_at: Date;
}

const toSheet = (r: SheetRow): SessionAttendance => ({
  sessionId: r.session_id,
  activityId: r.activity_id,
  communityId: r.community_id,
  networkId: r.network_id,
  startsAt: r.starts_at,
  endsAt: r.ends_at,
  marks: r.marks.map((m) => ({ ...m, recordedAt: new Date(m.recordedAt) })),
  version: r.version,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

@Injectable()
export class AttendanceRepository {
  constructor(private readonly db: DataSource) {}

  async find(sessionId: string, m: EntityManager = this.db.manager): Promise<SessionAttendance | undefined> {
    const [row] = await m.query(`SELECT * FROM attendance_sheets WHERE session_id = $1`, [sessionId]);
    return row ? toSheet(row) : undefined;
  }

  async save(m: EntityManager, s: SessionAttendance): Promise<void> {
    await m.query(
      `INSERT INTO attendance_sheets (session_id, activity_id, community_id, network_id, starts_at, ends_at, marks, version, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
       ON CONFLICT (session_id) DO UPDATE SET starts_at = EXCLUDED.starts_at, ends_at = EXCLUDED.ends_at, marks = EXCLUDED.marks,
         version = EXCLUDED.version, updated_at = EXCLUDED.updated_at`,
      [s.sessionId, s.activityId, s.communityId, s.networkId, s.startsAt, s.endsAt, JSON.stringify(s.marks), s.version, s.createdAt, s.updatedAt],
    );
  }

  /** Sheets the person has a mark on, locked when for a change. */
  async withPerson(personId: string, m: EntityManager = this.db.manager, lock = false): Promise<SessionAttendance[]> {
    const rows: SheetRow[] = await m.query(
      `SELECT * FROM attendance_sheets WHERE marks @> jsonb_build_array(jsonb_build_object('personId', $1::text)) ORDER BY session_id ${lock ? 'FOR UPDATE' : ''}`,
      [personId],
    );
    return rows.map(toSheet);
  }

  async ofActivity(activityId: string, m: EntityManager = this.db.manager): Promise<SessionAttendance[]> {
    const rows: SheetRow[] = await m.query(`SELECT * FROM attendance_sheets WHERE activity_id = $1 ORDER BY starts_at`, [activityId]);
    return rows.map(toSheet);
  }
}
