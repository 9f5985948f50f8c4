/** Injection tokens of what the platform module provides to a service. */
export const SERVICE_CONFIG = Symbol('SERVICE_CONFIG');
export const NATS_CONNECTION = Symbol('NATS_CONNECTION');
export const REDIS_CLIENT = Symbol('REDIS_CLIENT');
export const OUTBOX_RELAY = Symbol('OUTBOX_RELAY');
