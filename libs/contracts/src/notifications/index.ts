export * from './webhook-endpoint.events';

import { WebhookSecretRotated } from './webhook-endpoint.events';

/** What notifications itself publishes: changes people make to its own settings, for the audit trail. */
export const NOTIFICATIONS_EVENTS = [WebhookSecretRotated] as const;
