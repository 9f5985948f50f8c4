import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';

/** A community of practice as exchanges' copy knows it: who may be paired in it. */
export interface CommunityCopy {
  id: string;
  networkId: string;
  projectId: string;
  name: string;
  leadMemberId: string | null;
  memberIds: string[];
}

@Injectable()
export class CommunityCopies {
  constructor(private readonly db: DataSource) {}

  async find(id: string, m: EntityManager = this.db.manager): Promise<CommunityCopy | undefined> {
    const [row] = await m.query(
      `SELECT id, network_id, project_id, name, lead_member_id, member_ids::text[] AS member_ids FROM communities WHERE id = $1 AND network_id IS NOT NULL`,
      [id],
    );
    return row
      ? { id: row.id, networkId: row.network_id, projectId: row.project_id, name: row.name, leadMemberId: row.lead_member_id, memberIds: row.member_ids ?? [] }
      : undefined;
  }
}
