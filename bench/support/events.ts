import { EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { EventDefinition, MemberStateV1 } from '@intercity/contracts';
import { UnitOfWork } from '@intercity/persistence';

export const ORIGIN = 'bench-node';
export const NETWORK_ID = '0190a1b2-0000-7000-8000-00000000be0c';

/** One outbox row as UnitOfWork.emit writes it. */
export interface OutboxRecord {
  eventId: string;
  eventType: string;
  aggregateType: string;
  aggregateId: string;
  /** The envelope, serialised as emit serialises it. */
  envelope: string;
  headers: string;
}

export function memberState(memberId: string, i: number): MemberStateV1 {
  return {
    memberId,
    networkId: NETWORK_ID,
    slug: `bench-city-${i}`,
    kind: 'city',
    name: `Bench City ${i}`,
    legalName: `Comune di Bench City ${i}`,
    country: 'IT',
    region: 'IT-RA',
    timeZone: 'Europe/Rome',
    languages: ['it', 'en'],
    homeNodeId: 'hub',
  };
}

/**
 * Real event envelopes and outbox rows, made by UnitOfWork.emit itself (payload validation,
 * envelope, serialisation) against a manager that only records the INSERT it would run; the rows
 * are then written in bulk, which is quicker than N round trips.
 */
export async function emitOffline(def: EventDefinition<MemberStateV1>, n: number, offset = 0): Promise<OutboxRecord[]> {
  const records: OutboxRecord[] = [];
  const manager = {
    query: async (_sql: string, p: string[]) => {
      records.push({ eventId: p[0], eventType: p[1], aggregateType: p[2], aggregateId: p[3], envelope: p[4], headers: p[5] });
      return [];
    },
  } as unknown as EntityManager;
  const uow = new UnitOfWork(manager, ORIGIN, {
    actor: { kind: 'person', id: 'bench-liaison' },
    correlationId: uuidv7(),
    causationId: null,
  });
  for (let i = 0; i < n; i++) {
    const memberId = uuidv7();
    await uow.emit(def, { aggregateId: memberId, aggregateVersion: 1, data: memberState(memberId, offset + i) });
  }
  return records;
}

/** Bulk-inserts outbox rows, `chunk` per statement, each statement its own transaction. */
export async function insertOutbox(query: (sql: string, params: unknown[]) => Promise<unknown>, records: OutboxRecord[], chunk = 5000) {
  for (let i = 0; i < records.length; i += chunk) {
    const part = records.slice(i, i + chunk);
    await query(
      `INSERT INTO outbox (event_id, event_type, aggregate_type, aggregate_id, envelope, headers)
       SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::jsonb[], $6::jsonb[])`,
      [
        part.map((r) => r.eventId),
        part.map((r) => r.eventType),
        part.map((r) => r.aggregateType),
        part.map((r) => r.aggregateId),
        part.map((r) => r.envelope),
        part.map((r) => r.headers),
      ],
    );
  }
}
