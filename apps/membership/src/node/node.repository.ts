import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, FindOptionsWhere } from 'typeorm';
import { orderOf } from '../shared/persistence/listing';
import { translateUniqueViolation } from '../shared/persistence/unique-violation';
import type { Node } from './domain/node';
import { NodeEntity } from './node.entity';
import { Page } from '@intercity/platform';

const UNIQUE = {
  nodes_pkey: { rule: 'node.id.unique', field: 'id', message: 'a node with this id is already registered' },
  node_hub_unique: { rule: 'node.hub.unique', field: 'hub', message: 'the network already has a hub node' },
};

export interface NodeFilter {
  hub?: boolean;
  sort?: string;
  limit: number;
  offset: number;
}

@Injectable()
export class NodeRepository {
  constructor(private readonly db: DataSource) {}

  async findById(id: string, m: EntityManager = this.db.manager): Promise<Node | undefined> {
    const row = await m.findOneBy(NodeEntity, { id });
    return row ? { ...row } : undefined;
  }

  async insert(m: EntityManager, node: Node): Promise<void> {
    try {
      await m.insert(NodeEntity, node);
    } catch (e) {
      throw translateUniqueViolation(e, UNIQUE);
    }
  }

  async list(f: NodeFilter): Promise<Page<Node>> {
    const where: FindOptionsWhere<NodeEntity> = {};
    if (f.hub !== undefined) where.hub = f.hub;
    const [rows, total] = await this.db.manager.findAndCount(NodeEntity, {
      where,
      order: orderOf<NodeEntity>(f.sort, 'id'),
      skip: f.offset,
      take: f.limit,
    });
    return { items: rows.map((r) => ({ ...r })), total, limit: f.limit, offset: f.offset };
  }
}
