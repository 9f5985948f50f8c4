import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, FindOptionsWhere } from 'typeorm';
import { orderOf } from '../shared/persistence/listing';
import { withinNetworks } from '../shared/persistence/network-scope';
import { translateUniqueViolation } from '../shared/persistence/unique-violation';
import type { Project } from './domain/project';
import { ProjectEntity } from './project.entity';
import { Page } from '@intercity/platform';

const UNIQUE = {
  project_code_unique: { rule: 'project.code.unique', field: 'code', message: 'the network already has a project with this code' },
};

export interface ProjectFilter {
  networkId?: string;
  code?: string;
  status?: Project['status'];
  /** Networks the reader may see; all when absent. */
  networks?: string[];
  sort?: string;
  limit: number;
  offset: number;
}

@Injectable()
export class ProjectRepository {
  constructor(private readonly db: DataSource) {}

  async findById(id: string, m: EntityManager = this.db.manager): Promise<Project | undefined> {
    const row = await m.findOneBy(ProjectEntity, { id });
    return row ? { ...row } : undefined;
  }

  /**
   * `write` for changing the project; `share` for work that depends on its period (assigning a
   * participation), which then cannot interleave with a change of that period.
   */
  async lock(m: EntityManager, id: string, mode: 'write' | 'share'): Promise<Project | undefined> {
    const row = await m.findOne(ProjectEntity, { where: { id }, lock: { mode: mode === 'write' ? 'pessimistic_write' : 'pessimistic_read' } });
    return row ? { ...row } : undefined;
  }

  async insert(m: EntityManager, p: Project): Promise<void> {
    try {
      await m.insert(ProjectEntity, p);
    } catch (e) {
      throw translateUniqueViolation(e, UNIQUE);
    }
  }

  async update(m: EntityManager, { id, createdAt: _, ...fields }: Project): Promise<void> {
    try {
      await m.update(ProjectEntity, { id }, fields);
    } catch (e) {
      throw translateUniqueViolation(e, UNIQUE);
    }
  }

  async list(f: ProjectFilter): Promise<Page<Project>> {
    const where: FindOptionsWhere<ProjectEntity> = {};
    const networkId = withinNetworks(f.networkId, f.networks);
    if (networkId !== undefined) where.networkId = networkId;
    if (f.code !== undefined) where.code = f.code;
    if (f.status !== undefined) where.status = f.status;
    const [rows, total] = await this.db.manager.findAndCount(ProjectEntity, {
      where,
      order: orderOf<ProjectEntity>(f.sort, '-startsOn'),
      skip: f.offset,
      take: f.limit,
    });
    return { items: rows.map((r) => ({ ...r })), total, limit: f.limit, offset: f.offset };
  }
}
