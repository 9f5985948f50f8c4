// The rule-outcome shapes live with the event contracts, shared by every service.
export { emission, unchanged } from '@intercity/contracts';
export type { Emission, Outcome } from '@intercity/contracts';

export const iso = (instant: Date): string => instant.toISOString();

export const isoOrNull = (instant: Date | null): string | null => (instant ? instant.toISOString() : null);
