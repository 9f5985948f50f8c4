// Shared by every service: the database's guards named as domain rules.
export { translateConstraintViolation } from '@intercity/persistence';
export type { ConstraintRule } from '@intercity/persistence';
