import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { DEFAULT_PREFERENCES, Preferences } from './domain/preferences';

export interface StoredPreferences {
  personId: string;
  preferences: Preferences;
  version: number;
  updatedAt: Date | null;
}

/** People's notification settings; a person who never set any has the defaults. */
@Injectable()
export class PreferenceRepository {
  constructor(private readonly db: DataSource) {}

  async of(personId: string, m: EntityManager = this.db.manager): Promise<Preferences> {
    return (await this.stored(personId, m)).preferences;
  }

  async stored(personId: string, m: EntityManager = this.db.manager, lock = false): Promise<StoredPreferences> {
    const [row] = await m.query(`SELECT settings, version, updated_at FROM preferences WHERE person_id = $1 ${lock ? 'FOR UPDATE' : ''}`, [personId]);
    // Stored settings are merged over the defaults: a kind added later gets its default.
    return row
      ? { personId, preferences: { ...DEFAULT_PREFERENCES, ...row.settings, kinds: { ...DEFAULT_PREFERENCES.kinds, ...row.settings.kinds } }, version: row.version, updatedAt: row.updated_at }
      : { personId, preferences: DEFAULT_PREFERENCES, version: 0, updatedAt: null };
  }

  async save(m: EntityManager, personId: string, preferences: Preferences, version: number, now: Date): Promise<void> {
    await m.query(
      `INSERT INTO preferences (person_id, settings, version, updated_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (person_id) DO UPDATE SET settings = EXCLUDED.settings, version = EXCLUDED.version, updated_at = EXCLUDED.updated_at`,
      [personId, JSON.stringify(preferences), version, now],
    );
  }

  /** An erased person's settings go with them. */
  async forget(m: EntityManager, personId: string): Promise<void> {
    await m.query(`DELETE FROM preferences WHERE person_id = $1`, [personId]);
  }
}
