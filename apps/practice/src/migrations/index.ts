import { DirectoryPersonFunctions1763830000000 } from '@intercity/directory';
import { PracticeTables1732600000000 } from './1732600000000-practice-tables';
import { CalendarTokens1732700000000 } from './1732700000000-calendar-tokens';
import { Resources1732710000000 } from './1732710000000-resources';
import { Certificates1732720000000 } from './1732720000000-certificates';
import { CityQuotas1732730000000 } from './1732730000000-city-quotas';
import { Programmes1732740000000 } from './1732740000000-programmes';
import { DirectoryCopyColumns1732750000000 } from './1732750000000-directory-copy-columns';
import { HubCopies1763900000000 } from './1763900000000-hub-copies';

/** Practice's migrations in order; the platform's own (outbox, inbox, idempotency, audit) run first. */
export const PRACTICE_MIGRATIONS = [PracticeTables1732600000000, CalendarTokens1732700000000, Resources1732710000000, Certificates1732720000000, CityQuotas1732730000000, Programmes1732740000000, DirectoryCopyColumns1732750000000, DirectoryPersonFunctions1763830000000, HubCopies1763900000000];
