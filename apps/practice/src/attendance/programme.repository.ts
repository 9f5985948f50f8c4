import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { CertificateRule } from '../activity/domain/activity';
import type { Programme } from './domain/programme';

interface ProgrammeRow {
  id: string;
  network_id: string;
  community_id: string;
  title: string;
  activity_ids: string[];
  rule: CertificateRule;
  version: number;
  created_at: Date;
  updated_at: Date;
}

const toProgramme = (r: ProgrammeRow): Programme => ({
  id: r.id,
  networkId: r.network_id,
  communityId: r.community_id,
  title: r.title,
  activityIds: r.activity_ids,
  rule: r.rule,
  version: r.version,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

@Injectable()
export class ProgrammeRepository {
  constructor(private readonly db: DataSource) {}

  async find(id: string, m: EntityManager = this.db.manager): Promise<Programme | undefined> {
    const [row] = await m.query(`SELECT * FROM programmes WHERE id = $1`, [id]);
    return row ? toProgramme(row) : undefined;
  }

  /** Locked until the transaction ends: certificates of one programme are issued one after another. */
  async lock(m: EntityManager, id: string): Promise<Programme | undefined> {
    const [row] = await m.query(`SELECT * FROM programmes WHERE id = $1 FOR UPDATE`, [id]);
    return row ? toProgramme(row) : undefined;
  }

  async insert(m: EntityManager, p: Programme): Promise<void> {
    await m.query(
      `INSERT INTO programmes (id, network_id, community_id, title, activity_ids, rule, version, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [p.id, p.networkId, p.communityId, p.title, p.activityIds, JSON.stringify(p.rule), p.version, p.createdAt, p.updatedAt],
    );
  }
}
