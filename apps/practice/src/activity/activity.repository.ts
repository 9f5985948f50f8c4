import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { ActivityKind, ActivityStatus } from '@intercity/contracts';
import { translateConstraintViolation } from '../shared/persistence/constraint-violation';
import type { Activity, CertificateRule, CityQuota, RegisteredByCity } from './domain/activity';
import type { Session } from './domain/session';
import { Page } from '@intercity/platform';

interface StoredSession {
  id: string;
  startsAt: string;
  endsAt: string;
}

interface ActivityRow {
  id: string;
  community_id: string;
  network_id: string;
  kind: ActivityKind;
  title: string;
  description: string | null;
  host_member_id: string;
  place: string | null;
  online_url: string | null;
  time_zone: string;
  sessions: StoredSession[];
  dropped_sessions: StoredSession[];
  capacity: number;
  seats_taken: number;
  registration_opens_at: Date;
  registration_closes_at: Date;
  languages: string[];
  city_quotas: CityQuota[];
  certificate: CertificateRule | null;
  status: ActivityStatus;
  sequence: number;
  cancellation_reason: string | null;
  cancelled_at: Date | null;
  version: number;
  created_at: Date;
  updated_at: Date;
}

/** An activity as stored: the domain's state and the seats its registrations hold, as the database counts them. */
export type StoredActivity = Activity & { seatsTaken: number };

const toSession = (s: StoredSession): Session => ({ id: s.id, startsAt: new Date(s.startsAt), endsAt: new Date(s.endsAt) });
const fromSession = (s: Session): StoredSession => ({ id: s.id, startsAt: s.startsAt.toISOString(), endsAt: s.endsAt.toISOString() });

const toActivity = (r: ActivityRow): StoredActivity => ({
  id: r.id,
  communityId: r.community_id,
  networkId: r.network_id,
  kind: r.kind,
  title: r.title,
  description: r.description,
  hostMemberId: r.host_member_id,
  place: r.place,
  onlineUrl: r.online_url,
  timeZone: r.time_zone,
  sessions: r.sessions.map(toSession),
  droppedSessions: r.dropped_sessions.map(toSession),
  capacity: r.capacity,
  seatsTaken: r.seats_taken,
  registrationWindow: { opensAt: r.registration_opens_at, closesAt: r.registration_closes_at },
  languages: r.languages,
  cityQuotas: r.city_quotas,
  certificate: r.certificate,
  status: r.status,
  sequence: r.sequence,
  cancellationReason: r.cancellation_reason,
  cancelledAt: r.cancelled_at,
  version: r.version,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

const values = (a: Activity) => [
  a.id,
  a.communityId,
  a.networkId,
  a.kind,
  a.title,
  a.description,
  a.hostMemberId,
  a.place,
  a.onlineUrl,
  a.timeZone,
  JSON.stringify(a.sessions.map(fromSession)),
  JSON.stringify(a.droppedSessions.map(fromSession)),
  a.capacity,
  a.registrationWindow.opensAt,
  a.registrationWindow.closesAt,
  a.languages,
  JSON.stringify(a.cityQuotas),
  a.certificate ? JSON.stringify(a.certificate) : null,
  a.status,
  a.sequence,
  a.cancellationReason,
  a.cancelledAt,
  a.version,
  a.createdAt,
  a.updatedAt,
];

const COLUMNS = `id, community_id, network_id, kind, title, description, host_member_id, place, online_url, time_zone, sessions, dropped_sessions,
  capacity, registration_opens_at, registration_closes_at, languages, city_quotas, certificate, status, sequence, cancellation_reason,
  cancelled_at, version, created_at, updated_at`;

export interface ActivityFilter {
  communityId?: string;
  status?: ActivityStatus;
  hostMemberId?: string;
  networks?: string[];
  limit: number;
  offset: number;
}

@Injectable()
export class ActivityRepository {
  constructor(private readonly db: DataSource) {}

  async find(id: string, m: EntityManager = this.db.manager): Promise<StoredActivity | undefined> {
    const [row] = await m.query(`SELECT * FROM activities WHERE id = $1`, [id]);
    return row ? toActivity(row) : undefined;
  }

  /**
   * The activity, locked until the transaction ends: every change to it or to its registrations
   * takes this lock first, so they apply one after another, in the order they got it.
   */
  async lock(m: EntityManager, id: string): Promise<StoredActivity | undefined> {
    const [row] = await m.query(`SELECT * FROM activities WHERE id = $1 FOR UPDATE`, [id]);
    return row ? toActivity(row) : undefined;
  }

  async insert(m: EntityManager, a: Activity): Promise<void> {
    const params = values(a);
    await m.query(`INSERT INTO activities (${COLUMNS}) VALUES (${params.map((_, i) => `$${i + 1}`).join(', ')})`, params);
  }

  /** Everything but `seats_taken`, which only the registrations' trigger writes. */
  async update(m: EntityManager, a: Activity): Promise<void> {
    const all = values(a);
    const columns = COLUMNS.split(',').map((c) => c.trim());
    const kept = columns.map((c, i) => ({ c, v: all[i] })).filter(({ c }) => c !== 'id' && c !== 'created_at');
    const sets = kept.map(({ c }, i) => `${c} = $${i + 2}`);
    try {
      await m.query(`UPDATE activities SET ${sets.join(', ')} WHERE id = $1`, [a.id, ...kept.map(({ v }) => v)]);
    } catch (e) {
      throw translateConstraintViolation(e, {
        activity_city_quota_below_registered: {
          rule: 'activity.quota.below-registered',
          message: 'a city already has more people registered or waiting than the new quota',
          field: 'cityQuotas',
        },
      });
    }
  }

  /** Live registrations (confirmed, offered, waiting) per city; read under the activity's lock. */
  async registeredByCity(m: EntityManager, activityId: string): Promise<RegisteredByCity> {
    const rows: { member_id: string; n: number }[] = await m.query(
      `SELECT member_id, count(*)::int AS n FROM registrations
       WHERE activity_id = $1 AND status IN ('confirmed', 'waitlisted', 'offered') GROUP BY member_id`,
      [activityId],
    );
    return new Map(rows.map((r) => [r.member_id, r.n]));
  }

  async list(f: ActivityFilter): Promise<Page<StoredActivity>> {
    const where = `($1::uuid IS NULL OR community_id = $1) AND ($2::text IS NULL OR status = $2) AND ($3::uuid IS NULL OR host_member_id = $3)
      AND ($4::uuid[] IS NULL OR network_id = ANY ($4))`;
    const params = [f.communityId ?? null, f.status ?? null, f.hostMemberId ?? null, f.networks ?? null];
    const rows: ActivityRow[] = await this.db.query(
      `SELECT * FROM activities WHERE ${where} ORDER BY (sessions -> 0 ->> 'startsAt'), id LIMIT $5 OFFSET $6`,
      [...params, f.limit, f.offset],
    );
    const [{ n }] = await this.db.query(`SELECT count(*)::int AS n FROM activities WHERE ${where}`, params);
    return { items: rows.map(toActivity), total: n, limit: f.limit, offset: f.offset };
  }

  async idsOfCommunity(m: EntityManager, communityId: string): Promise<string[]> {
    const rows: { id: string }[] = await m.query(`SELECT id FROM activities WHERE community_id = $1 ORDER BY id`, [communityId]);
    return rows.map((r) => r.id);
  }

  async findMany(ids: readonly string[], m: EntityManager = this.db.manager): Promise<StoredActivity[]> {
    if (ids.length === 0) return [];
    const rows: ActivityRow[] = await m.query(`SELECT * FROM activities WHERE id = ANY ($1::uuid[]) ORDER BY id`, [ids]);
    return rows.map(toActivity);
  }
}
