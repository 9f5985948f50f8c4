import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { RegistrationCancelReason, RegistrationStatus } from '@intercity/contracts';
import { translateConstraintViolation } from '../shared/persistence/constraint-violation';
import type { Registration } from './domain/registration';

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

@Injectable()
export class RegistrationRepository {
  constructor(private readonly db: DataSource) {}

  /** Every registration of the activity in order of arrival; read under the activity's lock. */
  async ofActivity(m: EntityManager, activityId: string): Promise<Registration[]> {
    const rows: RegistrationRow[] = await m.query(`SELECT * FROM registrations WHERE activity_id = $1 ORDER BY arrival`, [activityId]);
    return rows.map(toRegistration);
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
