export * from './vocabulary';
export * from './pairing.events';
export * from './blackout.events';

import {
  PairingAccepted,
  PairingAgreed,
  PairingCancelled,
  PairingClosed,
  PairingProposed,
  PairingReported,
  PairingScheduled,
  VisitDone,
  VisitorsChanged,
  VisitProgrammeUpdated,
  VisitReportSubmitted,
  VisitRescheduled,
  VisitScheduled,
} from './pairing.events';
import { BlackoutAdded, BlackoutRemoved } from './blackout.events';

export const EXCHANGES_EVENTS = [
  PairingProposed,
  PairingAccepted,
  PairingAgreed,
  PairingScheduled,
  PairingReported,
  PairingClosed,
  PairingCancelled,
  VisitScheduled,
  VisitRescheduled,
  VisitorsChanged,
  VisitProgrammeUpdated,
  VisitDone,
  VisitReportSubmitted,
  BlackoutAdded,
  BlackoutRemoved,
] as const;
