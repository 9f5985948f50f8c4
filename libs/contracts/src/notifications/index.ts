export * from './preferences.events';
export * from './webhook-endpoint.events';

import { PreferencesChanged } from './preferences.events';
import { WebhookEndpointDeactivated, WebhookEndpointRegistered, WebhookSecretRotated } from './webhook-endpoint.events';

/** What notifications itself publishes: changes people make to its own settings, for the audit trail. */
export const NOTIFICATIONS_EVENTS = [WebhookEndpointRegistered, WebhookEndpointDeactivated, WebhookSecretRotated, PreferencesChanged] as const;
