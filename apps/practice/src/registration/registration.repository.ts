import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { RegistrationCancelReason, RegistrationStatus } from '@intercity/contracts';
import { translateConstraintViolation } from '../shared/persistence/constraint-violation';
import type { Registration, RegistrationSummary } from './domain/registration';

interface RegistrationRow {
  id: string;
  activity_id: string;
  community_id: string;
  network_id: string;
  person_id: string;
  member_id: string;
  registered_by: string;
  registered_at: Date;
  arrival: number;
  status: RegistrationStatus;
  confirmed_at: Date | null;
  offered_at: Date | null;
  offer_expires_at: Date | null;
  ended_at: Date | null;
  cancel_reason: RegistrationCancelReason | null;
  version: number;
  created_at: Date;
  updated_at: Date;
}

const toRegistration = (r: RegistrationRow): Registration => ({
  id: r.id,
  activityId: r.activity_id,
  communityId: r.community_id,
  networkId: r.network_id,
  personId: r.person_id,
  memberId: r.member_id,
  registeredBy: r.registered_by,
  registeredAt: r.registered_at,
  arrival: r.arrival,
  status: r.status,
  confirmedAt: r.confirmed_at,
  offeredAt: r.offered_at,
  offerExpiresAt: r.offer_expires_at,
  endedAt: r.ended_at,
  cancelReason: r.cancel_reason,
  version: r.version,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

/** Constraints that stand for rules, should a request get past the code's own checks. */
const CONSTRAINTS = {
  activity_capacity_exceeded: { rule: 'registration.capacity', message: 'every seat of the activity is taken' },
  registration_live_unique: { rule: 'registration.duplicate', message: 'the person is already registered for this activity', field: 'personId' },
  registration_arrival_unique: { rule: 'registration.arrival', message: 'another registration reached the activity at the same moment; try again' },
  registration_city_quota: { rule: 'registration.quota', message: "the city's quota of people for this activity is reached", field: 'personId' },
};

/** What the register path read before taking the activity's lock, to check again under it. */
export interface RegisterProbe {
  personId: string;
  /** The person's city as read before the lock. */
  memberId: string;
  communityId: string;
  /** Whether the city was one of the community's, as read before the lock. */
  cityInCommunity: boolean;
}

/** The summary the register rule decides from, and whether the reads made before the lock still hold. */
export interface RegisterSnapshot {
  summary: RegistrationSummary;
  /** Offers past their time, which the full path must sweep first. */
  lapsedOffers: number;
  /** The person is still known here, in the same city; the city is still (or still not) in the community. */
  readsHold: boolean;
}

@Injectable()
export class RegistrationRepository {
  constructor(private readonly db: DataSource) {}

  /** Every registration of the activity in order of arrival; read under the activity's lock. */
  async ofActivity(m: EntityManager, activityId: string): Promise<Registration[]> {
    const rows: RegistrationRow[] = await m.query(`SELECT * FROM registrations WHERE activity_id = $1 ORDER BY arrival`, [activityId]);
    return rows.map(toRegistration);
  }

  /**
   * One statement, after the activity's lock: it starts after the lock was granted, so it sees
   * every registration committed before (a statement that waited for the lock itself would count
   * from its older snapshot). The person and community checks repeat what
   * `DirectoryCopies.person` and the rule read before the lock.
   */
  async registerSnapshot(m: EntityManager, activityId: string, probe: RegisterProbe, now: Date): Promise<RegisterSnapshot> {
    const [row]: {
      seats_held: number;
      waiting: number;
      last_arrival: number;
      person_registered: boolean;
      city_registered: number;
      lapsed_offers: number;
      person_holds: boolean;
      city_in_community: boolean | null;
    }[] = await m.query(
      `SELECT count(*) FILTER (WHERE status IN ('confirmed', 'offered'))::int AS seats_held,
         count(*) FILTER (WHERE status = 'waitlisted')::int AS waiting,
         coalesce(max(arrival), 0)::int AS last_arrival,
         count(*) FILTER (WHERE person_id = $2::uuid AND status IN ('confirmed', 'waitlisted', 'offered')) > 0 AS person_registered,
         count(*) FILTER (WHERE member_id = $3::uuid AND status IN ('confirmed', 'waitlisted', 'offered'))::int AS city_registered,
         count(*) FILTER (WHERE status = 'offered' AND offer_expires_at <= $4)::int AS lapsed_offers,
         EXISTS (SELECT 1 FROM people p WHERE p.id = $2::uuid AND p.member_id = $3::uuid AND NOT p.erased AND p.given_name IS NOT NULL) AS person_holds,
         (SELECT $3::uuid = ANY (c.member_ids) FROM communities c WHERE c.id = $5::uuid) AS city_in_community
       FROM registrations WHERE activity_id = $1`,
      [activityId, probe.personId, probe.memberId, now, probe.communityId],
    );
    return {
      summary: {
        seatsHeld: row.seats_held,
        waiting: row.waiting,
        lastArrival: row.last_arrival,
        personRegistered: row.person_registered,
        cityRegistered: row.city_registered,
      },
      lapsedOffers: row.lapsed_offers,
      readsHold: row.person_holds && row.city_in_community === probe.cityInCommunity,
    };
  }

  /** Stores a new registration. */
  async add(m: EntityManager, r: Registration): Promise<void> {
    try {
      await this.insert(m, r);
    } catch (e) {
      throw translateConstraintViolation(e, CONSTRAINTS);
    }
  }

  /** Stores what a rule changed, in the order it changed it (a seat freed before it is offered). */
  async save(m: EntityManager, before: readonly Registration[], changed: readonly Registration[]): Promise<void> {
    const known = new Set(before.map((r) => r.id));
    try {
      for (const r of changed) {
        if (known.has(r.id)) await this.update(m, r);
        else await this.insert(m, r);
      }
    } catch (e) {
      throw translateConstraintViolation(e, CONSTRAINTS);
    }
  }

  private async insert(m: EntityManager, r: Registration): Promise<void> {
    await m.query(
      `INSERT INTO registrations (id, activity_id, community_id, network_id, person_id, member_id, registered_by, registered_at, arrival,
         status, confirmed_at, offered_at, offer_expires_at, ended_at, cancel_reason, version, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18)`,
      [
        r.id,
        r.activityId,
        r.communityId,
        r.networkId,
        r.personId,
        r.memberId,
        r.registeredBy,
        r.registeredAt,
        r.arrival,
        r.status,
        r.confirmedAt,
        r.offeredAt,
        r.offerExpiresAt,
        r.endedAt,
        r.cancelReason,
        r.version,
        r.createdAt,
        r.updatedAt,
      ],
    );
  }

  private async update(m: EntityManager, r: Registration): Promise<void> {
    await m.query(
      `UPDATE registrations SET status = $2, confirmed_at = $3, offered_at = $4, offer_expires_at = $5, ended_at = $6, cancel_reason = $7,
         version = $8, updated_at = $9 WHERE id = $1`,
      [r.id, r.status, r.confirmedAt, r.offeredAt, r.offerExpiresAt, r.endedAt, r.cancelReason, r.version, r.updatedAt],
    );
  }

  /** Activities where the person holds a live registration. */
  async activitiesOfPerson(m: EntityManager, personId: string): Promise<string[]> {
    const rows: { activity_id: string }[] = await m.query(
      `SELECT DISTINCT activity_id FROM registrations WHERE person_id = $1 AND status IN ('confirmed', 'waitlisted', 'offered') ORDER BY activity_id`,
      [personId],
    );
    return rows.map((r) => r.activity_id);
  }

  /** Activities with an offer that has lapsed by `now`. */
  async activitiesWithLapsedOffers(now: Date): Promise<string[]> {
    const rows: { activity_id: string }[] = await this.db.query(
      `SELECT DISTINCT activity_id FROM registrations WHERE status = 'offered' AND offer_expires_at <= $1 ORDER BY activity_id LIMIT 500`,
      [now],
    );
    return rows.map((r) => r.activity_id);
  }

  async ofActivityForReading(activityId: string): Promise<Registration[]> {
    return this.ofActivity(this.db.manager, activityId);
  }
}
