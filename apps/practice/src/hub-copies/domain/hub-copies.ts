import {
  ActivityCancelled,
  ActivityClosed,
  ActivityFilled,
  ActivityHeld,
  ActivityOpened,
  ActivityQuotasChanged,
  ActivityRescheduled,
  ActivityScheduled,
  ActivityUpdated,
  AttendanceRecorded,
  CertificateIssued,
  CityJoinedCommunity,
  CityLeftCommunity,
  CommunityCreated,
  CommunityUpdated,
  ProgrammeDefined,
  RegistrationCancelled,
  RegistrationConfirmed,
  RegistrationOffered,
  RegistrationOfferExpired,
  RegistrationWaitlisted,
  ResourcePublished,
  ResourceTranslated,
  ResourceTranslationOutdated,
} from '@intercity/contracts';
import type {
  ActivitySessionV1,
  ActivityStateV1,
  CertificateRuleV1,
  CommunityStateV1,
  EventEnvelope,
  ProgrammeDefinedV1,
  RegistrationStateV1,
  ResourceStateV1,
  ResourceVersionV1,
  SessionAttendanceStateV1,
} from '@intercity/contracts';
import { newerCopy, Versioned, versionOfEvent } from '@intercity/domain';
import type { Activity, CertificateRule } from '../../activity/domain/activity';
import type { Session } from '../../activity/domain/session';
import type { SessionAttendance } from '../../attendance/domain/attendance';
import type { Programme } from '../../attendance/domain/programme';
import type { Community } from '../../community/domain/community';
import type { Registration } from '../../registration/domain/registration';
import { Resource, resourceState, ResourceVersion } from '../../resource/domain/resource';

/**
 * A city node's copies of the hub's practice data (ARCHITECTURE §6): every practice event that
 * carries its aggregate's whole state is read back as the domain's aggregate, the very shape the
 * hub answers with. Its version is the event's aggregate version; `updatedAt` is when the hub
 * wrote that version, `createdAt` when it wrote the first one the copy has seen. Practice's
 * aggregates name their network themselves, so a copy is the aggregate alone.
 */

/**
 * The events whose payload is their aggregate's whole state, by what they copy. Payloads that
 * extend a state class (a city joined or left, quotas changed, translations outdated) add the
 * fact's own details, left out here.
 */
export const STATE_EVENTS = {
  community: [CommunityCreated.type, CommunityUpdated.type, CityJoinedCommunity.type, CityLeftCommunity.type],
  activity: [
    ActivityScheduled.type,
    ActivityUpdated.type,
    ActivityRescheduled.type,
    ActivityOpened.type,
    ActivityFilled.type,
    ActivityClosed.type,
    ActivityHeld.type,
    ActivityCancelled.type,
    ActivityQuotasChanged.type,
  ],
  registration: [RegistrationConfirmed.type, RegistrationWaitlisted.type, RegistrationOffered.type, RegistrationOfferExpired.type, RegistrationCancelled.type],
  attendance: [AttendanceRecorded.type],
  programme: [ProgrammeDefined.type],
  resource: [ResourcePublished.type, ResourceTranslated.type, ResourceTranslationOutdated.type],
} as const;

/**
 * Not copied: a certificate is issued at the hub, where the attendance it counts is recorded, and
 * its PDF is rendered there (a city's people fetch it from the hub).
 */
export const NOT_COPIED: readonly string[] = [CertificateIssued.type];

type StateEvent<T> = Pick<EventEnvelope<T>, 'aggregate' | 'occurredAt' | 'data'>;

// State → aggregate, one aggregate type at a time: absent optional fields become the domain's nulls.
// The copy tables keep the state as the event told it, so reads go through these functions too.

export function communityFromState(d: CommunityStateV1, v: Versioned): Community {
  return {
    id: d.communityId,
    networkId: d.networkId,
    projectId: d.projectId,
    name: d.name,
    theme: d.theme,
    description: d.description ?? null,
    leadMemberId: d.leadMemberId ?? null,
    memberIds: [...d.memberIds],
    experts: d.experts.map((x) => ({ personId: x.personId, memberId: x.memberId })),
    ...v,
  };
}

const session = (s: ActivitySessionV1): Session => ({ id: s.sessionId, startsAt: instant(s.startsAt), endsAt: instant(s.endsAt) });

const rule = (r: CertificateRuleV1): CertificateRule => ({ minHours: r.minHours ?? null, minSessions: r.minSessions ?? null });

export function activityFromState(d: ActivityStateV1, v: Versioned): Activity {
  return {
    id: d.activityId,
    communityId: d.communityId,
    networkId: d.networkId,
    kind: d.kind,
    title: d.title,
    description: d.description ?? null,
    hostMemberId: d.hostMemberId,
    place: d.place ?? null,
    onlineUrl: d.onlineUrl ?? null,
    timeZone: d.timeZone,
    sessions: d.sessions.map(session),
    droppedSessions: (d.droppedSessions ?? []).map(session),
    capacity: d.capacity,
    registrationWindow: { opensAt: instant(d.registrationOpensAt), closesAt: instant(d.registrationClosesAt) },
    languages: [...d.languages],
    cityQuotas: (d.cityQuotas ?? []).map((q) => ({ memberId: q.memberId, seats: q.seats })),
    certificate: d.certificate ? rule(d.certificate) : null,
    status: d.status,
    sequence: d.sequence,
    cancellationReason: d.cancellationReason ?? null,
    cancelledAt: d.cancelledAt ? instant(d.cancelledAt) : null,
    ...v,
  };
}

export function registrationFromState(d: RegistrationStateV1, v: Versioned): Registration {
  return {
    id: d.registrationId,
    activityId: d.activityId,
    communityId: d.communityId,
    networkId: d.networkId,
    personId: d.personId,
    memberId: d.memberId,
    registeredBy: d.registeredBy,
    registeredAt: instant(d.registeredAt),
    arrival: d.arrival,
    status: d.status,
    confirmedAt: d.confirmedAt ? instant(d.confirmedAt) : null,
    offeredAt: d.offeredAt ? instant(d.offeredAt) : null,
    offerExpiresAt: d.offerExpiresAt ? instant(d.offerExpiresAt) : null,
    endedAt: d.endedAt ? instant(d.endedAt) : null,
    cancelReason: d.cancelReason ?? null,
    ...v,
  };
}

export function attendanceFromState(d: SessionAttendanceStateV1, v: Versioned): SessionAttendance {
  return {
    sessionId: d.sessionId,
    activityId: d.activityId,
    communityId: d.communityId,
    networkId: d.networkId,
    startsAt: instant(d.startsAt),
    endsAt: instant(d.endsAt),
    marks: d.marks.map((m) => ({ personId: m.personId, status: m.status, recordedBy: m.recordedBy, recordedAt: instant(m.recordedAt) })),
    ...v,
  };
}

export function programmeFromState(d: ProgrammeDefinedV1, v: Versioned): Programme {
  return { id: d.programmeId, networkId: d.networkId, communityId: d.communityId, title: d.title, activityIds: [...d.activityIds], rule: rule(d.rule), ...v };
}

/**
 * A resource's state as a copy keeps it: the event's, with when each language's text took its
 * present form (the event tells only the resource's instant; see `applyToResourceCopy`).
 */
export type StoredResourceState = Omit<ResourceStateV1, 'versions'> & { versions: (ResourceVersionV1 & { updatedAt?: string })[] };

export function resourceFromState(d: StoredResourceState, v: Versioned): Resource {
  return {
    id: d.resourceId,
    communityId: d.communityId,
    networkId: d.networkId,
    kind: d.kind,
    originalLanguage: d.originalLanguage,
    fallbackLanguage: d.fallbackLanguage,
    edition: d.edition,
    versions: d.versions.map((x) => ({
      language: x.language,
      title: x.title,
      summary: x.summary,
      link: x.link ?? null,
      fileRef: x.fileRef ?? null,
      basedOnEdition: x.basedOnEdition,
      updatedAt: x.updatedAt ? instant(x.updatedAt) : v.updatedAt,
    })),
    ...v,
  };
}

/** The state a copy table keeps of a resource: what `resourceFromState` reads back. */
export function storedResourceState(r: Resource): StoredResourceState {
  const state = resourceState(r);
  return { ...state, versions: state.versions.map((x, i) => ({ ...x, updatedAt: r.versions[i].updatedAt.toISOString() })) };
}

const sameText = (a: ResourceVersion, b: ResourceVersion) =>
  a.language === b.language && a.title === b.title && a.summary === b.summary && a.link === b.link && a.fileRef === b.fileRef && a.basedOnEdition === b.basedOnEdition;

/**
 * `newerCopy` for a resource, which also dates each language's text: from the earliest event
 * the copy has seen that showed it as it is now (the hub's events carry only the resource's
 * instant, so a text unchanged since an earlier event keeps that event's). The newer version's
 * state wins, whatever the order.
 */
export function applyToResourceCopy(held: Resource | undefined, incoming: Resource): Resource {
  if (!held) return incoming;
  const newer = newerCopy(held, incoming);
  const other = incoming.version > held.version ? held : incoming;
  return {
    ...newer,
    versions: newer.versions.map((x) => {
      const same = other.versions.find((o) => sameText(o, x));
      return same && same.updatedAt < x.updatedAt ? { ...x, updatedAt: same.updatedAt } : x;
    }),
  };
}

// Each state event: its aggregate as the state says, at the version and instant the event names.

export const communityCopy = (e: StateEvent<CommunityStateV1>): Community => communityFromState(e.data, versionOfEvent(e));
export const activityCopy = (e: StateEvent<ActivityStateV1>): Activity => activityFromState(e.data, versionOfEvent(e));
export const registrationCopy = (e: StateEvent<RegistrationStateV1>): Registration => registrationFromState(e.data, versionOfEvent(e));
export const attendanceCopy = (e: StateEvent<SessionAttendanceStateV1>): SessionAttendance => attendanceFromState(e.data, versionOfEvent(e));
export const programmeCopy = (e: StateEvent<ProgrammeDefinedV1>): Programme => programmeFromState(e.data, versionOfEvent(e));
export const resourceCopy = (e: StateEvent<ResourceStateV1>): Resource => resourceFromState(e.data, versionOfEvent(e));

function instant(s: string): Date {
  const at = new Date(s);
  if (Number.isNaN(at.getTime())) throw new TypeError(`"${s}" is not an instant`);
  return at;
}
