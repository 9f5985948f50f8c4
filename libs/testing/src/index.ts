export * from './infra';
export * from './database';
export * from './nats';
export * from './wait-for';
export { randomSuffix } from './random';
export * from './test-issuer';
