import { DirectoryCopyTables1763800000000 } from '@intercity/directory';
import { ExchangesTables1763810000000 } from './1763810000000-exchanges-tables';

export const EXCHANGES_MIGRATIONS = [DirectoryCopyTables1763800000000, ExchangesTables1763810000000];
