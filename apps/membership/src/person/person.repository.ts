import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, FindOptionsWhere, Raw } from 'typeorm';
import { IdempotencyStore } from '@intercity/persistence';
import { orderOf } from '../shared/persistence/listing';
import { referencingNetworks } from '../shared/persistence/network-scope';
import { translateUniqueViolation } from '../shared/persistence/unique-violation';
import type { Person } from './domain/person';
import { PersonEntity } from './person.entity';
import { Page } from '@intercity/platform';

const UNIQUE = {
  person_email_unique: { rule: 'person.email.unique', field: 'email', message: 'the member already has a person with this e-mail address' },
};

export interface PersonFilter {
  memberId?: string;
  email?: string;
  function?: Person['functions'][number];
  /** Networks the reader may see; all when absent. */
  networks?: string[];
  sort?: string;
  limit: number;
  offset: number;
}

@Injectable()
export class PersonRepository {
  private readonly replies = new IdempotencyStore();

  constructor(private readonly db: DataSource) {}

  async findById(id: string, m: EntityManager = this.db.manager): Promise<Person | undefined> {
    const row = await m.findOneBy(PersonEntity, { id });
    return row ? { ...row } : undefined;
  }

  async lock(m: EntityManager, id: string): Promise<Person | undefined> {
    const row = await m.findOne(PersonEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
    return row ? { ...row } : undefined;
  }

  async insert(m: EntityManager, p: Person): Promise<void> {
    try {
      await m.insert(PersonEntity, p);
    } catch (e) {
      throw translateUniqueViolation(e, UNIQUE);
    }
  }

  async update(m: EntityManager, { id, createdAt: _, ...fields }: Person): Promise<void> {
    try {
      await m.update(PersonEntity, { id }, fields);
    } catch (e) {
      throw translateUniqueViolation(e, UNIQUE);
    }
  }

  /**
   * Replies kept for Idempotency-Key hold the person as they were registered: they now show the
   * erased record, so a retried request can never bring the personal data back.
   */
  async forgetInReplies(m: EntityManager, erased: Person): Promise<void> {
    await this.replies.rewriteReplies(m, erased.id, JSON.parse(JSON.stringify(erased)));
  }

  async list(f: PersonFilter): Promise<Page<Person>> {
    const where: FindOptionsWhere<PersonEntity> = {};
    const memberId = referencingNetworks('members', f.memberId, f.networks);
    if (memberId !== undefined) where.memberId = memberId;
    if (f.email !== undefined) where.email = f.email;
    if (f.function !== undefined) where.functions = Raw((column) => `:fn = ANY(${column})`, { fn: f.function });
    const [rows, total] = await this.db.manager.findAndCount(PersonEntity, {
      where,
      order: orderOf<PersonEntity>(f.sort, 'familyName,givenName'),
      skip: f.offset,
      take: f.limit,
    });
    return { items: rows.map((r) => ({ ...r })), total, limit: f.limit, offset: f.offset };
  }
}
