export * from './call-context';
export * from './database-config';
export * from './ensure-database';
export * from './data-source';
export * from './unit-of-work';
export * from './idempotency-store';
export * from './bigint.transformer';
export { PlatformTables1732300000000 } from './migrations/1732300000000-platform-tables';
export * from './constraint-violation';
