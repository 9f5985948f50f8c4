export * from './rule-violation';
export * from './local-date';
export * from './time-zone';
export * from './language';
export * from './versioned';
export * from './money';
