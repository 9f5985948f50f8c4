/** Words of the exchanges domain shared by its API, its events and every copy elsewhere. */
export const PAIRING_STATUSES = ['proposed', 'agreed', 'scheduled', 'visit-one-done', 'visit-two-done', 'reported', 'closed', 'cancelled'] as const;
export type PairingStatus = (typeof PAIRING_STATUSES)[number];

export const VISIT_STATUSES = ['planned', 'scheduled', 'done', 'reported'] as const;
export type VisitStatus = (typeof VISIT_STATUSES)[number];

/** The number of working days a visit lasts in its host's calendar (ARCHITECTURE §1). */
export const VISIT_WORKING_DAYS = 5;
