import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, FindOptionsWhere, In } from 'typeorm';
import { orderOf } from '../shared/persistence/listing';
import { translateUniqueViolation } from '../shared/persistence/unique-violation';
import type { Network } from './domain/network';
import { NetworkEntity } from './network.entity';
import { Page } from '@intercity/platform';

const UNIQUE = {
  network_slug_unique: { rule: 'network.slug.unique', field: 'slug', message: 'another network has this slug' },
};

export interface NetworkFilter {
  slug?: string;
  /** Networks the reader may see; all when absent. */
  networks?: string[];
  sort?: string;
  limit: number;
  offset: number;
}

@Injectable()
export class NetworkRepository {
  constructor(private readonly db: DataSource) {}

  async findById(id: string, m: EntityManager = this.db.manager): Promise<Network | undefined> {
    const row = await m.findOneBy(NetworkEntity, { id });
    return row ? { ...row } : undefined;
  }

  /** Reads the network for a change: concurrent changes wait here, so If-Match sees the latest version. */
  async lock(m: EntityManager, id: string): Promise<Network | undefined> {
    const row = await m.findOne(NetworkEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
    return row ? { ...row } : undefined;
  }

  async insert(m: EntityManager, n: Network): Promise<void> {
    try {
      await m.insert(NetworkEntity, n);
    } catch (e) {
      throw translateUniqueViolation(e, UNIQUE);
    }
  }

  async update(m: EntityManager, { id, createdAt: _, ...fields }: Network): Promise<void> {
    try {
      await m.update(NetworkEntity, { id }, fields);
    } catch (e) {
      throw translateUniqueViolation(e, UNIQUE);
    }
  }

  async list(f: NetworkFilter): Promise<Page<Network>> {
    const where: FindOptionsWhere<NetworkEntity> = {};
    if (f.slug !== undefined) where.slug = f.slug;
    if (f.networks !== undefined) where.id = In(f.networks);
    const [rows, total] = await this.db.manager.findAndCount(NetworkEntity, {
      where,
      order: orderOf<NetworkEntity>(f.sort, 'name'),
      skip: f.offset,
      take: f.limit,
    });
    return { items: rows.map((r) => ({ ...r })), total, limit: f.limit, offset: f.offset };
  }
}
