import type { UnitOfWork } from '@intercity/persistence';
import type { Emission } from './domain/outcome';

/** Writes what a rule asked to tell, in order, to the outbox of the transaction that stores its state. */
export async function emitAll(uow: UnitOfWork, events: readonly Emission[]): Promise<void> {
  for (const e of events) {
    await uow.emit(e.event, { aggregateId: e.aggregateId, aggregateVersion: e.aggregateVersion, data: e.data });
  }
}
