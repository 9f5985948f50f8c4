import { PracticeTables1732600000000 } from './1732600000000-practice-tables';

/** Practice's migrations in order; the platform's own (outbox, inbox, idempotency, audit) run first. */
export const PRACTICE_MIGRATIONS = [PracticeTables1732600000000];
