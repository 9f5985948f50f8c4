import {
  BlackoutAdded,
  BlackoutRemoved,
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
} from '@intercity/contracts';
import type { BlackoutV1, EventEnvelope, PairingStateV1, ProgrammeItemV1, VisitStateV1 } from '@intercity/contracts';
import { LocalDate, Versioned, versionOfEvent } from '@intercity/domain';
import type { Pairing, ProgrammeItem, Visit } from '../../pairing/domain/pairing';

/**
 * A city node's copies of the hub's exchanges data (ARCHITECTURE §6). Every pairing event carries
 * the pairing's whole state, its two visits included, so a copy is that state read back as the
 * domain's aggregate, the very shape the hub answers with. Its version is the event's aggregate
 * version; `updatedAt` is when the hub wrote that version, `createdAt` when it wrote the first
 * one the copy has seen.
 */
export type StateEvent<T> = Pick<EventEnvelope<T>, 'type' | 'aggregate' | 'occurredAt' | 'data'>;

/** The events whose payload is their aggregate's whole state, by what they copy. */
export const STATE_EVENTS = {
  pairing: [
    PairingProposed.type,
    PairingAccepted.type,
    PairingAgreed.type,
    PairingScheduled.type,
    PairingReported.type,
    PairingClosed.type,
    PairingCancelled.type,
    // A visit's events carry the whole pairing too (VisitChangedV1 extends PairingStateV1).
    VisitScheduled.type,
    VisitRescheduled.type,
    VisitorsChanged.type,
    VisitProgrammeUpdated.type,
    VisitDone.type,
    VisitReportSubmitted.type,
  ],
  blackout: [BlackoutAdded.type, BlackoutRemoved.type],
} as const;

/**
 * A city's copy of one of the hub's blackouts. A removal is kept as a tombstone at the removal's
 * version (2), so a stale or redelivered `added` (version 1) can never bring the blackout back.
 */
export interface BlackoutCopy extends Versioned {
  id: string;
  networkId: string;
  memberId: string;
  from: LocalDate;
  to: LocalDate;
  reason: string;
  removed: boolean;
}

/** Every `exchanges.pairing.*` and `exchanges.visit.*` event: the pairing with its two visits. */
export function pairingCopy(e: StateEvent<PairingStateV1>): Pairing {
  const d = e.data;
  const visits = [...d.visits].sort((a, b) => a.number - b.number).map(visit);
  if (visits.length !== 2 || visits[0].number !== 1 || visits[1].number !== 2) throw new TypeError(`pairing ${d.pairingId} does not hold visits 1 and 2`);
  return {
    id: d.pairingId,
    networkId: d.networkId,
    projectId: d.projectId,
    communityId: d.communityId,
    mentoringMemberId: d.mentoringMemberId,
    implementingMemberId: d.implementingMemberId,
    rolesReason: d.rolesReason ?? null,
    status: d.status,
    acceptedBy: [...d.acceptedBy],
    maxVisitors: d.maxVisitors,
    minGapDays: d.minGapDays,
    visitOneReportRequired: d.visitOneReportRequired,
    reportDueDays: d.reportDueDays,
    cancelReason: d.cancelReason ?? null,
    visits: [visits[0], visits[1]],
    ...versionOfEvent(e),
  };
}

/** `exchanges.blackout.added` and `.removed`: the blackout as the hub held it, removed or not. */
export function blackoutCopy(e: StateEvent<BlackoutV1>): BlackoutCopy {
  const d = e.data;
  return { id: d.blackoutId, networkId: d.networkId, memberId: d.memberId, from: d.from, to: d.to, reason: d.reason, removed: e.type === BlackoutRemoved.type, ...versionOfEvent(e) };
}

// Wire → domain: absent optional fields become the domain's nulls.

const visit = (v: VisitStateV1): Visit => ({
  id: v.visitId,
  number: v.number,
  hostMemberId: v.hostMemberId,
  visitingMemberId: v.visitingMemberId,
  timeZone: v.timeZone,
  status: v.status,
  startsOn: v.startsOn ?? null,
  endsOn: v.endsOn ?? null,
  days: [...v.days],
  visitorIds: [...v.visitorIds],
  programme: v.programme.map(programmeItem),
  reportDueOn: v.reportDueOn ?? null,
  report: v.report
    ? { submittedAt: new Date(v.report.submittedAt), submittedBy: v.report.submittedBy, learnt: v.report.learnt, adaptations: v.report.adaptations, attachments: [...v.report.attachments] }
    : null,
});

const programmeItem = (i: ProgrammeItemV1): ProgrammeItem => ({ day: i.day, time: i.time, place: i.place, hostContactId: i.hostContactId ?? null, topic: i.topic });
