export * from './test-node';
export * from './service-under-test';
export * from './routes';
export * from './node-process';
export * from './assertions';
export * from './test-federation';
export * from './test-city-node';
