import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { Community, Expert } from './domain/community';
import { Page } from '@intercity/platform';

interface CommunityRow {
  id: string;
  network_id: string;
  project_id: string;
  name: string;
  theme: string;
  description: string | null;
  lead_member_id: string | null;
  member_ids: string[];
  experts: Expert[];
  version: number;
  created_at: Date;
  updated_at: Date;
}

const COLUMNS = `id, network_id, project_id, name, theme, description, lead_member_id, member_ids::text[] AS member_ids, experts, version, created_at, updated_at`;

const toCommunity = (r: CommunityRow): Community => ({
  id: r.id,
  networkId: r.network_id,
  projectId: r.project_id,
  name: r.name,
  theme: r.theme,
  description: r.description,
  leadMemberId: r.lead_member_id,
  memberIds: r.member_ids,
  experts: r.experts,
  version: r.version,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

export interface CommunityFilter {
  projectId?: string;
  memberId?: string;
  /** Networks the reader may see; all when absent. */
  networks?: string[];
  limit: number;
  offset: number;
}

@Injectable()
export class CommunityRepository {
  constructor(private readonly db: DataSource) {}

  async find(id: string, m: EntityManager = this.db.manager, lock = false): Promise<Community | undefined> {
    const [row] = await m.query(`SELECT ${COLUMNS} FROM communities WHERE id = $1 ${lock ? 'FOR UPDATE' : ''}`, [id]);
    return row ? toCommunity(row) : undefined;
  }

  /** Communities a member takes part in (as a city or through an expert), locked for a change. */
  async lockInvolving(m: EntityManager, memberId: string, projectId?: string): Promise<Community[]> {
    const rows: CommunityRow[] = await m.query(
      `SELECT ${COLUMNS} FROM communities
       WHERE ($1::uuid = ANY (member_ids) OR experts @> jsonb_build_array(jsonb_build_object('memberId', $1::text)))
         AND ($2::uuid IS NULL OR project_id = $2)
       ORDER BY id FOR UPDATE`,
      [memberId, projectId ?? null],
    );
    return rows.map(toCommunity);
  }

  async lockWithExpert(m: EntityManager, personId: string): Promise<Community[]> {
    const rows: CommunityRow[] = await m.query(
      `SELECT ${COLUMNS} FROM communities WHERE experts @> jsonb_build_array(jsonb_build_object('personId', $1::text)) ORDER BY id FOR UPDATE`,
      [personId],
    );
    return rows.map(toCommunity);
  }

  async insert(m: EntityManager, c: Community): Promise<void> {
    await m.query(
      `INSERT INTO communities (id, network_id, project_id, name, theme, description, lead_member_id, member_ids, experts, version, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8::uuid[], $9, $10, $11, $12)`,
      [c.id, c.networkId, c.projectId, c.name, c.theme, c.description, c.leadMemberId, c.memberIds, JSON.stringify(c.experts), c.version, c.createdAt, c.updatedAt],
    );
  }

  async update(m: EntityManager, c: Community): Promise<void> {
    await m.query(
      `UPDATE communities SET name = $2, theme = $3, description = $4, lead_member_id = $5, member_ids = $6::uuid[], experts = $7,
         version = $8, updated_at = $9 WHERE id = $1`,
      [c.id, c.name, c.theme, c.description, c.leadMemberId, c.memberIds, JSON.stringify(c.experts), c.version, c.updatedAt],
    );
  }

  async list(f: CommunityFilter): Promise<Page<Community>> {
    const where = `($1::uuid IS NULL OR project_id = $1) AND ($2::uuid IS NULL OR $2 = ANY (member_ids)) AND ($3::uuid[] IS NULL OR network_id = ANY ($3))`;
    const params = [f.projectId ?? null, f.memberId ?? null, f.networks ?? null];
    const rows: CommunityRow[] = await this.db.query(`SELECT ${COLUMNS} FROM communities WHERE ${where} ORDER BY name, id LIMIT $4 OFFSET $5`, [
      ...params,
      f.limit,
      f.offset,
    ]);
    const [{ n }] = await this.db.query(`SELECT count(*)::int AS n FROM communities WHERE ${where}`, params);
    return { items: rows.map(toCommunity), total: n, limit: f.limit, offset: f.offset };
  }
}
