export * from './link-proxy';
export * from './nats-server';
export * from './nats-config';
