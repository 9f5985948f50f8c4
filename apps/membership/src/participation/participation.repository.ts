import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, FindOptionsWhere, IsNull, Not } from 'typeorm';
import { orderOf } from '../shared/persistence/listing';
import { referencingNetworks } from '../shared/persistence/network-scope';
import { translateUniqueViolation } from '../shared/persistence/unique-violation';
import type { Participation } from './domain/participation';
import { ParticipationEntity } from './participation.entity';
import { Page } from '@intercity/platform';
import { LocalDate } from '@intercity/domain';

const UNIQUE = {
  participation_active_unique: {
    rule: 'participation.active.unique',
    field: 'memberId',
    message: 'the member already takes part in this project; end that participation first',
  },
};

export interface ParticipationFilter {
  projectId?: string;
  memberId?: string;
  role?: Participation['role'];
  experienceLevel?: NonNullable<Participation['experienceLevel']>;
  active?: boolean;
  /** Networks the reader may see; all when absent. */
  networks?: string[];
  sort?: string;
  limit: number;
  offset: number;
}

@Injectable()
export class ParticipationRepository {
  constructor(private readonly db: DataSource) {}

  async findById(id: string, m: EntityManager = this.db.manager): Promise<Participation | undefined> {
    const row = await m.findOneBy(ParticipationEntity, { id });
    return row ? { ...row } : undefined;
  }

  async lock(m: EntityManager, id: string): Promise<Participation | undefined> {
    const row = await m.findOne(ParticipationEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
    return row ? { ...row } : undefined;
  }

  /** The member's participations not yet ended, locked for ending them. */
  async lockActiveOfMember(m: EntityManager, memberId: string): Promise<Participation[]> {
    const rows = await m.find(ParticipationEntity, {
      where: { memberId, endedOn: IsNull() },
      order: { from: 'ASC', id: 'ASC' },
      lock: { mode: 'pessimistic_write' },
    });
    return rows.map((r) => ({ ...r }));
  }

  /** How many of a project's participations would fall outside the period `startsOn..endsOn`. */
  async countOutsidePeriod(m: EntityManager, projectId: string, startsOn: LocalDate, endsOn: LocalDate): Promise<number> {
    const [{ n }] = await m.query(
      `SELECT count(*)::int AS n FROM participations
       WHERE project_id = $1 AND (from_date < $2 OR from_date > $3 OR to_date > $3 OR ended_on > $3)`,
      [projectId, startsOn, endsOn],
    );
    return n;
  }

  async insert(m: EntityManager, p: Participation): Promise<void> {
    try {
      await m.insert(ParticipationEntity, p);
    } catch (e) {
      throw translateUniqueViolation(e, UNIQUE);
    }
  }

  async update(m: EntityManager, { id, createdAt: _, ...fields }: Participation): Promise<void> {
    await m.update(ParticipationEntity, { id }, fields);
  }

  async list(f: ParticipationFilter): Promise<Page<Participation>> {
    const where: FindOptionsWhere<ParticipationEntity> = {};
    const projectId = referencingNetworks('projects', f.projectId, f.networks);
    if (projectId !== undefined) where.projectId = projectId;
    if (f.memberId !== undefined) where.memberId = f.memberId;
    if (f.role !== undefined) where.role = f.role;
    if (f.experienceLevel !== undefined) where.experienceLevel = f.experienceLevel;
    if (f.active !== undefined) where.endedOn = f.active ? IsNull() : Not(IsNull());
    const [rows, total] = await this.db.manager.findAndCount(ParticipationEntity, {
      where,
      order: orderOf<ParticipationEntity>(f.sort, 'from'),
      skip: f.offset,
      take: f.limit,
    });
    return { items: rows.map((r) => ({ ...r })), total, limit: f.limit, offset: f.offset };
  }
}
