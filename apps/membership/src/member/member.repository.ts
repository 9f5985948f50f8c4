import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, FindOptionsWhere } from 'typeorm';
import { orderOf } from '../shared/persistence/listing';
import { withinNetworks } from '../shared/persistence/network-scope';
import { translateUniqueViolation } from '../shared/persistence/unique-violation';
import type { Member } from './domain/member';
import { MemberEntity } from './member.entity';
import { Page } from '@intercity/platform';

const UNIQUE = {
  member_slug_unique: { rule: 'member.slug.unique', field: 'slug', message: 'the network already has a member with this slug' },
};

export interface MemberFilter {
  networkId?: string;
  slug?: string;
  country?: string;
  kind?: Member['kind'];
  homeNodeId?: string;
  /** Networks the reader may see; all when absent. */
  networks?: string[];
  sort?: string;
  limit: number;
  offset: number;
}

@Injectable()
export class MemberRepository {
  constructor(private readonly db: DataSource) {}

  async findById(id: string, m: EntityManager = this.db.manager): Promise<Member | undefined> {
    const row = await m.findOneBy(MemberEntity, { id });
    return row ? { ...row } : undefined;
  }

  /**
   * `write` for changing the member; `share` for work that depends on it still being a member
   * (registering people, assigning participations), which then cannot interleave with its leaving.
   */
  async lock(m: EntityManager, id: string, mode: 'write' | 'share'): Promise<Member | undefined> {
    const row = await m.findOne(MemberEntity, { where: { id }, lock: { mode: mode === 'write' ? 'pessimistic_write' : 'pessimistic_read' } });
    return row ? { ...row } : undefined;
  }

  async insert(m: EntityManager, member: Member): Promise<void> {
    try {
      await m.insert(MemberEntity, member);
    } catch (e) {
      throw translateUniqueViolation(e, UNIQUE);
    }
  }

  async update(m: EntityManager, { id, createdAt: _, ...fields }: Member): Promise<void> {
    try {
      await m.update(MemberEntity, { id }, fields);
    } catch (e) {
      throw translateUniqueViolation(e, UNIQUE);
    }
  }

  async list(f: MemberFilter): Promise<Page<Member>> {
    const where: FindOptionsWhere<MemberEntity> = {};
    const networkId = withinNetworks(f.networkId, f.networks);
    if (networkId !== undefined) where.networkId = networkId;
    if (f.slug !== undefined) where.slug = f.slug;
    if (f.country !== undefined) where.country = f.country;
    if (f.kind !== undefined) where.kind = f.kind;
    if (f.homeNodeId !== undefined) where.homeNodeId = f.homeNodeId;
    const [rows, total] = await this.db.manager.findAndCount(MemberEntity, {
      where,
      order: orderOf<MemberEntity>(f.sort, 'name'),
      skip: f.offset,
      take: f.limit,
    });
    return { items: rows.map((r) => ({ ...r })), total, limit: f.limit, offset: f.offset };
  }
}
