import { EntityManager } from 'typeorm';

/**
 * Records that `consumer` has handled `eventId`, in the caller's transaction. Returns false when
 * it already had: the caller then skips the effect, so a redelivered event changes nothing
 * (ARCHITECTURE §4.2).
 */
export async function recordInInbox(manager: EntityManager, consumer: string, eventId: string, eventType: string): Promise<boolean> {
  const rows: unknown[] = await manager.query(
    `INSERT INTO inbox (consumer, event_id, event_type) VALUES ($1, $2, $3)
     ON CONFLICT (consumer, event_id) DO NOTHING RETURNING 1`,
    [consumer, eventId, eventType],
  );
  return rows.length === 1;
}
