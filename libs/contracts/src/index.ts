// class-transformer's @Type reads design-time metadata through the Reflect API, which this polyfill
// provides; without it, loading the contracts outside a Nest process throws.
import 'reflect-metadata';

export * from './envelope';
export * from './event-definition';
export * from './validation';
export * from './registry';
export * from './emission';
export * from './money';
export * from './homes';
export * from './membership';
export * from './practice';
export * from './exchanges';
export * from './grants';
export * from './notifications';

import { EventRegistry } from './registry';
import { MEMBERSHIP_EVENTS } from './membership';
import { PRACTICE_EVENTS } from './practice';
import { EXCHANGES_EVENTS } from './exchanges';
import { GRANTS_EVENTS } from './grants';
import { NOTIFICATIONS_EVENTS } from './notifications';

/** Every event type of every service, each version it has had. */
export const EVENT_REGISTRY = new EventRegistry([...MEMBERSHIP_EVENTS, ...PRACTICE_EVENTS, ...EXCHANGES_EVENTS, ...GRANTS_EVENTS, ...NOTIFICATIONS_EVENTS]);
