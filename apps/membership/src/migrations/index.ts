import { MembershipTables1732400000000 } from './1732400000000-membership-tables';

/** Membership's migrations in order; the platform's own (outbox, inbox, idempotency) run first. */
export const MEMBERSHIP_MIGRATIONS = [MembershipTables1732400000000];
