import { loadServiceConfig, serviceMain } from '@intercity/platform';
import { loadNotificationsOptions } from './notifications.config';
import { notificationsDefinition } from './notifications.service-definition';

serviceMain(() => notificationsDefinition(loadServiceConfig('notifications', 3005), loadNotificationsOptions()));
