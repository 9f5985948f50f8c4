import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { Recipient } from '../notification/domain/intent';
import type { Audience } from '../rules/domain/rules';

const RECIPIENT = `p.id AS person_id, p.member_id, m.network_id, coalesce(p.preferred_language, m.languages[1], 'en') AS language,
  coalesce(m.time_zone, 'UTC') AS time_zone, p.email, concat_ws(' ', p.given_name, p.family_name) AS name
  FROM people p JOIN members m ON m.id = p.member_id`;

const toRecipient = (r: Record<string, string>): Recipient => ({
  personId: r.person_id,
  memberId: r.member_id,
  networkId: r.network_id,
  language: r.language,
  timeZone: r.time_zone,
  email: r.email ?? null,
  name: r.name,
});

/**
 * The rules' view of who is who, answered from this service's copies (membership's people and
 * members, practice's activities and registrations), so notifying needs no other service up.
 */
@Injectable()
export class AudienceRepository {
  constructor(private readonly db: DataSource) {}

  /** The audience as seen from inside a transaction (the consumer's), or from the pool. */
  within(m: EntityManager = this.db.manager): Audience {
    const many = async (sql: string, params: unknown[]) => ((await m.query(sql, params)) as Record<string, string>[]).map(toRecipient);
    return {
      person: async (personId) => (await many(`SELECT ${RECIPIENT} WHERE p.id = $1 AND NOT p.erased AND p.given_name IS NOT NULL`, [personId]))[0] ?? null,
      liaisons: (memberId) => many(`SELECT ${RECIPIENT} WHERE p.member_id = $1 AND NOT p.erased AND 'city-liaison' = ANY (p.functions) ORDER BY p.id`, [memberId]),
      registrants: (activityId) =>
        many(
          `SELECT ${RECIPIENT} JOIN registrations r ON r.person_id = p.id
            WHERE r.activity_id = $1 AND r.status IN ('confirmed', 'offered', 'waitlisted') AND NOT p.erased ORDER BY p.id`,
          [activityId],
        ),
      coordinators: (networkId) => many(`SELECT ${RECIPIENT} WHERE m.network_id = $1 AND NOT p.erased AND 'coordinator' = ANY (p.functions) ORDER BY p.id`, [networkId]),
      memberName: async (memberId) => ((await m.query(`SELECT name FROM members WHERE id = $1`, [memberId])) as { name: string | null }[])[0]?.name ?? null,
      activityTitle: async (activityId) => ((await m.query(`SELECT title FROM activities WHERE id = $1`, [activityId])) as { title: string | null }[])[0]?.title ?? null,
    };
  }

  /**
   * Many people at once, as `within(m).person` finds each (not erased, named): one query for a
   * whole fan-out. Those the copies do not know are missing from the map.
   */
  async people(personIds: readonly string[], m: EntityManager = this.db.manager): Promise<Map<string, Recipient>> {
    if (!personIds.length) return new Map();
    const rows = (await m.query(`SELECT ${RECIPIENT} WHERE p.id = ANY ($1::uuid[]) AND NOT p.erased AND p.given_name IS NOT NULL`, [personIds])) as Record<string, string>[];
    return new Map(rows.map((r) => [r.person_id, toRecipient(r)]));
  }
}
