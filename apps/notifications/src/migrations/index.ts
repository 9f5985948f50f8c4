import { DirectoryCopyTables1763800000000, DirectoryPersonFunctions1763830000000 } from '@intercity/directory';
import { NotificationsTables1763840000000 } from './1763840000000-notifications-tables';
import { WebhookEndpointVersions1763850000000 } from './1763850000000-webhook-endpoint-versions';

export const NOTIFICATIONS_MIGRATIONS = [DirectoryCopyTables1763800000000, DirectoryPersonFunctions1763830000000, NotificationsTables1763840000000, WebhookEndpointVersions1763850000000];
