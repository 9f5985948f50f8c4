import { DirectoryCopyTables1763800000000, DirectoryPersonFunctions1763830000000 } from '@intercity/directory';
import { GrantsTables1763820000000 } from './1763820000000-grants-tables';
import { WatchFigures1763850000000 } from './1763850000000-watch-figures';
import { HubCopies1763900000000 } from './1763900000000-hub-copies';
import { ReportReviews1764000000000 } from './1764000000000-report-reviews';

export const GRANTS_MIGRATIONS = [DirectoryCopyTables1763800000000, DirectoryPersonFunctions1763830000000, GrantsTables1763820000000, WatchFigures1763850000000, HubCopies1763900000000, ReportReviews1764000000000];
