import { FindOptionsOrder } from 'typeorm';
import { parseSort } from '../domain/sort';

/** Sort spec → TypeORM order, ending with the id so pages never overlap or skip on ties. */
export function orderOf<T extends { id: unknown }>(sort: string | undefined, fallback: string): FindOptionsOrder<T> {
  const order: Record<string, 'ASC' | 'DESC'> = {};
  for (const [field, direction] of parseSort(sort || fallback)) order[field] ??= direction;
  order.id ??= 'ASC';
  return order as FindOptionsOrder<T>;
}
