import type { Emission } from '@intercity/contracts';
import type { UnitOfWork } from '@intercity/persistence';

/** Writes what a rule asked to tell, in order, to the outbox of the transaction that stores its state. */
export function emitAll(uow: UnitOfWork, events: readonly Emission[]): Promise<void> {
  return uow.emitAll(events);
}
