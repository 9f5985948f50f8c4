import { MembershipTables1732400000000 } from './1732400000000-membership-tables';
import { NodeLinks1764000000000 } from './1764000000000-node-links';

/** Membership's migrations in order; the platform's own (outbox, inbox, idempotency) run first. */
export const MEMBERSHIP_MIGRATIONS = [MembershipTables1732400000000, NodeLinks1764000000000];
