import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** Which activities each feed shows (the secret links are @intercity/platform's CalendarTokens). */
@Injectable()
export class CalendarRepository {
  constructor(private readonly db: DataSource) {}

  async activitiesOfCommunity(communityId: string): Promise<string[]> {
    const rows: { id: string }[] = await this.db.query(`SELECT id FROM activities WHERE community_id = $1 ORDER BY id`, [communityId]);
    return rows.map((r) => r.id);
  }

  /** Activities the city hosts, or of the communities it belongs to. */
  async activitiesOfCity(memberId: string): Promise<string[]> {
    const rows: { id: string }[] = await this.db.query(
      `SELECT a.id FROM activities a
       WHERE a.host_member_id = $1 OR EXISTS (SELECT 1 FROM communities c WHERE c.id = a.community_id AND $1::uuid = ANY (c.member_ids))
       ORDER BY a.id`,
      [memberId],
    );
    return rows.map((r) => r.id);
  }

  /** Activities the person holds a seat for, or has been offered one for. */
  async activitiesOfPerson(personId: string): Promise<string[]> {
    const rows: { activity_id: string }[] = await this.db.query(
      `SELECT DISTINCT activity_id FROM registrations WHERE person_id = $1 AND status IN ('confirmed', 'offered') ORDER BY activity_id`,
      [personId],
    );
    return rows.map((r) => r.activity_id);
  }
}
