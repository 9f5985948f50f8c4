export * from './link-proxy';
export * from './nats-server';
