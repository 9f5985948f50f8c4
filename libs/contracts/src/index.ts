export * from './envelope';
export * from './event-definition';
export * from './validation';
export * from './registry';
export * from './membership';

import { EventRegistry } from './registry';
import { MEMBERSHIP_EVENTS } from './membership';

/** Every event type of every service, each version it has had. */
export const EVENT_REGISTRY = new EventRegistry([...MEMBERSHIP_EVENTS]);
