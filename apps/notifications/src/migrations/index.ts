import { DirectoryCopyTables1763800000000, DirectoryPersonFunctions1763830000000 } from '@intercity/directory';
import { NotificationsTables1763840000000 } from './1763840000000-notifications-tables';

export const NOTIFICATIONS_MIGRATIONS = [DirectoryCopyTables1763800000000, DirectoryPersonFunctions1763830000000, NotificationsTables1763840000000];
