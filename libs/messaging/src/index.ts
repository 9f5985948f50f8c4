export * from './namespace';
export * from './streams';
export * from './inbox';
export * from './read-model';
export * from './dead-letter';
export * from './outbox-relay';
export * from './jetstream.server';
export * from './metrics';
