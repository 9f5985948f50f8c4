import { DirectoryCopyTables1763800000000, DirectoryPersonFunctions1763830000000 } from '@intercity/directory';
import { ExchangesTables1763810000000 } from './1763810000000-exchanges-tables';
import { CalendarTokens1763820000000 } from './1763820000000-calendar-tokens';
import { PairingCopies1763900000000 } from './1763900000000-pairing-copies';
import { BlackoutCopies1763910000000 } from './1763910000000-blackout-copies';

export const EXCHANGES_MIGRATIONS = [
  DirectoryCopyTables1763800000000,
  DirectoryPersonFunctions1763830000000,
  ExchangesTables1763810000000,
  CalendarTokens1763820000000,
  PairingCopies1763900000000,
  BlackoutCopies1763910000000,
];
