import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { Versioned } from '@intercity/domain';
import { keepNewerCopy } from '@intercity/messaging';
import type { Page } from '@intercity/platform';
import type { ActivityFilter, StoredActivity } from '../activity/activity.repository';
import { Activity, activityState } from '../activity/domain/activity';
import { attendanceState, SessionAttendance } from '../attendance/domain/attendance';
import { Programme, programmeState } from '../attendance/domain/programme';
import type { CommunityFilter } from '../community/community.repository';
import { Community, communityState } from '../community/domain/community';
import { Registration, registrationState } from '../registration/domain/registration';
import type { Resource } from '../resource/domain/resource';
import type { ResourceFilter } from '../resource/resource.repository';
import type { PracticeReads } from '../shared/persistence/practice-reads';
import {
  activityFromState,
  applyToResourceCopy,
  attendanceFromState,
  communityFromState,
  programmeFromState,
  registrationFromState,
  resourceFromState,
  storedResourceState,
} from './domain/hub-copies';

type CopyTable = 'community_copies' | 'activity_copies' | 'registration_copies' | 'attendance_sheet_copies' | 'programme_copies' | 'resource_copies';

/** A copy's row read back: `source_version` is the aggregate's version at the hub. */
const DOC = `doc, source_version AS version, created_at, updated_at`;

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a row's doc is the state its event told, checked by the contract on the way in
type DocRow = { doc: any; version: number; created_at: Date; updated_at: Date };

const versioned = (r: DocRow): Versioned => ({ version: r.version, createdAt: r.created_at, updatedAt: r.updated_at });

/** Seats held (confirmed or offered), counted from the registrations' copies as the hub's trigger counts its own. */
const SEATS = `(SELECT count(*)::int FROM registration_copies r WHERE r.activity_id = a.id AND r.status IN ('confirmed', 'offered')) AS seats_taken`;
const ACTIVITY = `a.doc, a.source_version AS version, a.created_at, a.updated_at, ${SEATS}`;

const toActivity = (r: DocRow & { seats_taken: number }): StoredActivity => ({ ...activityFromState(r.doc, versioned(r)), seatsTaken: r.seats_taken });

/**
 * A city node's copies of the hub's communities, activities, registrations, attendance sheets,
 * programmes and resources: written from practice's events in the consumer's transaction
 * (newest version wins), read by the GET routes in the shapes the hub answers with. The only
 * place the copy tables are touched.
 */
@Injectable()
export class HubCopiesRepository implements PracticeReads {
  constructor(private readonly db: DataSource) {}

  // writes, in the consumer's transaction

  keepCommunity(m: EntityManager, c: Community): Promise<void> {
    return this.keep(m, 'community_copies', c.id, c, communityState(c), { network_id: c.networkId, project_id: c.projectId, name: c.name, member_ids: c.memberIds });
  }

  keepActivity(m: EntityManager, a: Activity): Promise<void> {
    return this.keep(m, 'activity_copies', a.id, a, activityState(a), {
      network_id: a.networkId,
      community_id: a.communityId,
      host_member_id: a.hostMemberId,
      status: a.status,
      first_start: a.sessions[0].startsAt.toISOString(),
    });
  }

  keepRegistration(m: EntityManager, r: Registration): Promise<void> {
    return this.keep(m, 'registration_copies', r.id, r, registrationState(r), {
      network_id: r.networkId,
      activity_id: r.activityId,
      person_id: r.personId,
      member_id: r.memberId,
      status: r.status,
      arrival: r.arrival,
    });
  }

  keepSheet(m: EntityManager, s: SessionAttendance): Promise<void> {
    return this.keep(m, 'attendance_sheet_copies', s.sessionId, s, attendanceState(s), { network_id: s.networkId, activity_id: s.activityId, starts_at: s.startsAt.toISOString() });
  }

  keepProgramme(m: EntityManager, p: Programme): Promise<void> {
    return this.keep(m, 'programme_copies', p.id, p, programmeState(p), { network_id: p.networkId, community_id: p.communityId });
  }

  /**
   * `applyToResourceCopy` under the copy's row lock: besides the newer state, an older event may
   * still date a language's text earlier, so the merge reads the held copy first.
   */
  async keepResource(m: EntityManager, incoming: Resource): Promise<void> {
    const columns = (r: Resource) => [r.networkId, r.communityId, r.kind, JSON.stringify(storedResourceState(r)), r.version, r.createdAt.toISOString(), r.updatedAt.toISOString()];
    await m.query(
      `INSERT INTO resource_copies (id, network_id, community_id, kind, doc, source_version, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (id) DO NOTHING`,
      [incoming.id, ...columns(incoming)],
    );
    const [row]: DocRow[] = await m.query(`SELECT ${DOC} FROM resource_copies WHERE id = $1 FOR UPDATE`, [incoming.id]);
    const next = applyToResourceCopy(resourceFromState(row.doc, versioned(row)), incoming);
    await m.query(
      `UPDATE resource_copies SET network_id = $2, community_id = $3, kind = $4, doc = $5, source_version = $6, created_at = $7, updated_at = $8 WHERE id = $1`,
      [next.id, ...columns(next)],
    );
  }

  private keep(m: EntityManager, table: CopyTable, id: string, v: Versioned, doc: object, columns: Record<string, unknown>): Promise<void> {
    return keepNewerCopy(m, { table, id, version: v.version, createdAt: v.createdAt, updatedAt: v.updatedAt, values: { ...columns, doc } });
  }

  // reads

  async community(id: string): Promise<Community | undefined> {
    const [row]: DocRow[] = await this.db.query(`SELECT ${DOC} FROM community_copies WHERE id = $1`, [id]);
    return row ? communityFromState(row.doc, versioned(row)) : undefined;
  }

  async communities(f: CommunityFilter): Promise<Page<Community>> {
    const where = `($1::uuid IS NULL OR project_id = $1) AND ($2::uuid IS NULL OR $2 = ANY (member_ids)) AND ($3::uuid[] IS NULL OR network_id = ANY ($3))`;
    const params = [f.projectId ?? null, f.memberId ?? null, f.networks ?? null];
    const rows: DocRow[] = await this.db.query(`SELECT ${DOC} FROM community_copies WHERE ${where} ORDER BY name, id LIMIT $4 OFFSET $5`, [...params, f.limit, f.offset]);
    const [{ n }] = await this.db.query(`SELECT count(*)::int AS n FROM community_copies WHERE ${where}`, params);
    return { items: rows.map((r) => communityFromState(r.doc, versioned(r))), total: n, limit: f.limit, offset: f.offset };
  }

  async activity(id: string): Promise<StoredActivity | undefined> {
    const [row] = await this.db.query(`SELECT ${ACTIVITY} FROM activity_copies a WHERE a.id = $1`, [id]);
    return row ? toActivity(row) : undefined;
  }

  async activities(f: ActivityFilter): Promise<Page<StoredActivity>> {
    const where = `($1::uuid IS NULL OR a.community_id = $1) AND ($2::text IS NULL OR a.status = $2) AND ($3::uuid IS NULL OR a.host_member_id = $3)
      AND ($4::uuid[] IS NULL OR a.network_id = ANY ($4))`;
    const params = [f.communityId ?? null, f.status ?? null, f.hostMemberId ?? null, f.networks ?? null];
    const rows = await this.db.query(`SELECT ${ACTIVITY} FROM activity_copies a WHERE ${where} ORDER BY a.first_start, a.id LIMIT $5 OFFSET $6`, [...params, f.limit, f.offset]);
    const [{ n }] = await this.db.query(`SELECT count(*)::int AS n FROM activity_copies a WHERE ${where}`, params);
    return { items: rows.map(toActivity), total: n, limit: f.limit, offset: f.offset };
  }

  async activitiesByIds(ids: readonly string[]): Promise<StoredActivity[]> {
    if (ids.length === 0) return [];
    const rows = await this.db.query(`SELECT ${ACTIVITY} FROM activity_copies a WHERE a.id = ANY ($1::uuid[]) ORDER BY a.id`, [ids]);
    return rows.map(toActivity);
  }

  activityIdsOfCommunity(communityId: string): Promise<string[]> {
    return this.ids(`SELECT id FROM activity_copies WHERE community_id = $1 ORDER BY id`, communityId);
  }

  /** Activities the city hosts, or of the communities it belongs to. */
  activityIdsOfCity(memberId: string): Promise<string[]> {
    return this.ids(
      `SELECT a.id FROM activity_copies a
        WHERE a.host_member_id = $1 OR EXISTS (SELECT 1 FROM community_copies c WHERE c.id = a.community_id AND $1::uuid = ANY (c.member_ids))
        ORDER BY a.id`,
      memberId,
    );
  }

  /** Activities the person holds a seat for, or has been offered one for. */
  activityIdsOfPerson(personId: string): Promise<string[]> {
    return this.ids(`SELECT DISTINCT activity_id AS id FROM registration_copies WHERE person_id = $1 AND status IN ('confirmed', 'offered') ORDER BY activity_id`, personId);
  }

  async registrationsOf(activityId: string): Promise<Registration[]> {
    const rows: DocRow[] = await this.db.query(`SELECT ${DOC} FROM registration_copies WHERE activity_id = $1 ORDER BY arrival, id`, [activityId]);
    return rows.map((r) => registrationFromState(r.doc, versioned(r)));
  }

  async sheet(sessionId: string): Promise<SessionAttendance | undefined> {
    const [row]: DocRow[] = await this.db.query(`SELECT ${DOC} FROM attendance_sheet_copies WHERE id = $1`, [sessionId]);
    return row ? attendanceFromState(row.doc, versioned(row)) : undefined;
  }

  async sheetsWithPerson(personId: string): Promise<SessionAttendance[]> {
    const rows: DocRow[] = await this.db.query(
      `SELECT ${DOC} FROM attendance_sheet_copies WHERE doc -> 'marks' @> jsonb_build_array(jsonb_build_object('personId', $1::text)) ORDER BY id`,
      [personId],
    );
    return rows.map((r) => attendanceFromState(r.doc, versioned(r)));
  }

  async programme(id: string): Promise<Programme | undefined> {
    const [row]: DocRow[] = await this.db.query(`SELECT ${DOC} FROM programme_copies WHERE id = $1`, [id]);
    return row ? programmeFromState(row.doc, versioned(row)) : undefined;
  }

  async resource(id: string): Promise<Resource | undefined> {
    const [row]: DocRow[] = await this.db.query(`SELECT ${DOC} FROM resource_copies WHERE id = $1`, [id]);
    return row ? resourceFromState(row.doc, versioned(row)) : undefined;
  }

  async resources(f: ResourceFilter): Promise<Page<Resource>> {
    const where = `($1::uuid IS NULL OR community_id = $1) AND ($2::text IS NULL OR kind = $2)
      AND ($3::text IS NULL OR doc -> 'versions' @> jsonb_build_array(jsonb_build_object('language', $3::text)))
      AND ($4::uuid[] IS NULL OR network_id = ANY ($4))`;
    const params = [f.communityId ?? null, f.kind ?? null, f.language ?? null, f.networks ?? null];
    const rows: DocRow[] = await this.db.query(`SELECT ${DOC} FROM resource_copies WHERE ${where} ORDER BY created_at DESC, id LIMIT $5 OFFSET $6`, [...params, f.limit, f.offset]);
    const [{ n }] = await this.db.query(`SELECT count(*)::int AS n FROM resource_copies WHERE ${where}`, params);
    return { items: rows.map((r) => resourceFromState(r.doc, versioned(r))), total: n, limit: f.limit, offset: f.offset };
  }

  private async ids(sql: string, param: string): Promise<string[]> {
    const rows: { id: string }[] = await this.db.query(sql, [param]);
    return rows.map((r) => r.id);
  }
}
