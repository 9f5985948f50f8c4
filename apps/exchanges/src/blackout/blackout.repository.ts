import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { LocalDate } from '@intercity/domain';

export interface StoredBlackout {
  id: string;
  networkId: string;
  memberId: string;
  from: LocalDate;
  to: LocalDate;
  reason: string;
  createdAt: Date;
}

const toBlackout = (r: { id: string; network_id: string; member_id: string; starts_on: string; ends_on: string; reason: string; created_at: Date }): StoredBlackout => ({
  id: r.id,
  networkId: r.network_id,
  memberId: r.member_id,
  from: r.starts_on,
  to: r.ends_on,
  reason: r.reason,
  createdAt: r.created_at,
});

@Injectable()
export class BlackoutRepository {
  constructor(private readonly db: DataSource) {}

  async ofMember(memberId: string, m: EntityManager = this.db.manager): Promise<StoredBlackout[]> {
    const rows = await m.query(`SELECT * FROM blackouts WHERE member_id = $1 ORDER BY starts_on, id`, [memberId]);
    return rows.map(toBlackout);
  }

  async find(id: string, m: EntityManager = this.db.manager): Promise<StoredBlackout | undefined> {
    const [row] = await m.query(`SELECT * FROM blackouts WHERE id = $1`, [id]);
    return row ? toBlackout(row) : undefined;
  }

  async insert(m: EntityManager, b: StoredBlackout): Promise<void> {
    await m.query(`INSERT INTO blackouts (id, network_id, member_id, starts_on, ends_on, reason, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)`, [
      b.id,
      b.networkId,
      b.memberId,
      b.from,
      b.to,
      b.reason,
      b.createdAt,
    ]);
  }

  async delete(m: EntityManager, id: string): Promise<void> {
    await m.query(`DELETE FROM blackouts WHERE id = $1`, [id]);
  }
}
