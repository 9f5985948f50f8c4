import { Injectable } from '@nestjs/common';
import { PreferencesChanged } from '@intercity/contracts';
import { TransactionRunner } from '@intercity/persistence';
import { actingPersonId, checkIfMatch, Clock } from '@intercity/platform';
import { PersonAccess } from '../shared/person-access';
import { parsePreferences, preferenceChanges } from './domain/preferences';
import { PreferenceRepository, StoredPreferences } from './preference.repository';

/**
 * A person's notification settings, changed by them, or on their behalf by their city's liaison
 * or a network admin: every change goes to the audit trail (and the outbox), saying what changed
 * and who changed it, in the same transaction as the change (ARCHITECTURE §5).
 */
@Injectable()
export class PreferenceService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly preferences: PreferenceRepository,
    private readonly access: PersonAccess,
    private readonly clock: Clock,
  ) {}

  async get(personId: string): Promise<StoredPreferences> {
    await this.access.require(personId);
    return this.preferences.stored(personId);
  }

  /** Changes what `body` names, over the current settings; a change to nothing keeps the version and records nothing. */
  async change(personId: string, body: unknown, ifMatch: string | undefined): Promise<StoredPreferences> {
    const { memberId, networkId } = await this.access.require(personId);
    return this.tx.run(async (uow) => {
      const current = await this.preferences.stored(personId, uow.manager, true);
      checkIfMatch(ifMatch, current.version);
      const next = parsePreferences(body, current.preferences);
      const changes = preferenceChanges(current.preferences, next);
      if (!changes) return current;
      const version = current.version + 1;
      const now = this.clock.now();
      await this.preferences.save(uow.manager, personId, next, version, now);
      await uow.emit(PreferencesChanged, {
        aggregateId: personId,
        aggregateVersion: version,
        data: { personId, memberId, networkId, changes, changedBy: actingPersonId(), changedAt: now.toISOString() },
      });
      return { personId, preferences: next, version, updatedAt: now };
    });
  }
}
