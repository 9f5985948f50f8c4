// Through the library's entry point, as consumers load it (it brings the Reflect polyfill).
import { EventDefinition, EventEnvelope, EventRegistry, validatePayload } from '../index';
import { ActivityQuotasChanged, ActivityScheduled, PRACTICE_EVENTS, RegistrationOffered } from './index';

const NETWORK = '0190a1b2-0000-7000-8000-000000000001';
const PROJECT = '0190a1b2-0000-7000-8000-000000000002';
const OFFENBACH = '0190a1b2-0000-7000-8000-000000000003';
const RAVENNA = '0190a1b2-0000-7000-8000-000000000004';
const MIGRATIONWORK = '0190a1b2-0000-7000-8000-000000000005';
const EXPERT = '0190a1b2-0000-7000-8000-000000000006';
const TRAINEE = '0190a1b2-0000-7000-8000-000000000007';
const LIAISON = '0190a1b2-0000-7000-8000-000000000008';
const COMMUNITY = '0190a1b2-0000-7000-8000-000000000010';
const ACTIVITY = '0190a1b2-0000-7000-8000-000000000020';
const SESSION_1 = '0190a1b2-0000-7000-8000-000000000021';
const SESSION_2 = '0190a1b2-0000-7000-8000-000000000022';
const REGISTRATION = '0190a1b2-0000-7000-8000-000000000030';
const CERTIFICATE = '0190a1b2-0000-7000-8000-000000000040';
const RESOURCE = '0190a1b2-0000-7000-8000-000000000050';
const PROGRAMME = '0190a1b2-0000-7000-8000-000000000060';
const ACTIVITY_2 = '0190a1b2-0000-7000-8000-000000000023';

const community = {
  communityId: COMMUNITY,
  networkId: NETWORK,
  projectId: PROJECT,
  name: 'One-stop-shops',
  theme: 'One-stop-shops',
  description: 'Cities running a single front door for newcomers',
  leadMemberId: OFFENBACH,
  memberIds: [OFFENBACH, RAVENNA],
  experts: [{ personId: EXPERT, memberId: MIGRATIONWORK }],
};

const activity = {
  activityId: ACTIVITY,
  communityId: COMMUNITY,
  networkId: NETWORK,
  kind: 'study-visit',
  title: 'Study visit to the Ravenna one-stop-shop',
  hostMemberId: RAVENNA,
  place: 'Piazza del Popolo 1, Ravenna',
  timeZone: 'Europe/Rome',
  sessions: [
    { sessionId: SESSION_1, startsAt: '2024-04-24T07:00:00.000Z', endsAt: '2024-04-24T15:00:00.000Z' },
    { sessionId: SESSION_2, startsAt: '2024-04-26T07:00:00.000Z', endsAt: '2024-04-26T11:00:00.000Z' },
  ],
  days: ['2024-04-24', '2024-04-26'],
  capacity: 30,
  registrationOpensAt: '2024-03-01T00:00:00.000Z',
  registrationClosesAt: '2024-04-17T22:00:00.000Z',
  languages: ['it', 'en'],
  cityQuotas: [{ memberId: OFFENBACH, seats: 3 }],
  certificate: { minHours: 10 },
  status: 'open',
  sequence: 0,
};

const registration = {
  registrationId: REGISTRATION,
  activityId: ACTIVITY,
  communityId: COMMUNITY,
  networkId: NETWORK,
  personId: TRAINEE,
  memberId: OFFENBACH,
  registeredBy: LIAISON,
  registeredAt: '2024-03-02T09:00:00.000Z',
  arrival: 31,
  status: 'waitlisted',
};

const resource = {
  resourceId: RESOURCE,
  communityId: COMMUNITY,
  networkId: NETWORK,
  kind: 'how-to-guide',
  originalLanguage: 'en',
  fallbackLanguage: 'en',
  edition: 2,
  versions: [
    { language: 'en', title: 'How to open a one-stop-shop', summary: 'Steps, staff and partners', link: 'https://example.org/oss', basedOnEdition: 2 },
    { language: 'de', title: 'Wie man eine Anlaufstelle eröffnet', summary: 'Schritte, Personal, Partner', fileRef: 'files/oss-de.pdf', basedOnEdition: 1 },
  ],
};

/** One valid payload per event type: a new event type without a sample fails this spec. */
const SAMPLES: Record<string, object> = {
  'practice.community.created': community,
  'practice.community.updated': { ...community, name: 'One-stop-shops for newcomers' },
  'practice.community.city-joined': { ...community, cityId: RAVENNA },
  'practice.community.city-left': { ...community, memberIds: [OFFENBACH], cityId: RAVENNA, reason: 'left-project' },
  'practice.activity.scheduled': { ...activity, status: 'draft' },
  'practice.activity.updated': { ...activity, capacity: 35 },
  'practice.activity.rescheduled': {
    ...activity,
    sessions: [activity.sessions[0]],
    droppedSessions: [activity.sessions[1]],
    days: ['2024-04-24'],
    sequence: 1,
  },
  'practice.activity.opened': activity,
  'practice.activity.filled': { ...activity, status: 'full' },
  'practice.activity.closed': { ...activity, status: 'closed' },
  'practice.activity.held': { ...activity, status: 'held' },
  'practice.activity.cancelled': {
    ...activity,
    status: 'cancelled',
    sequence: 1,
    cancellationReason: 'host city closed after flooding',
    cancelledAt: '2024-04-20T08:00:00.000Z',
  },
  'practice.activity.quotas-changed': {
    ...activity,
    cityQuotas: [
      { memberId: OFFENBACH, seats: 2 },
      { memberId: RAVENNA, seats: 4 },
    ],
    previousCityQuotas: activity.cityQuotas,
  },
  'practice.registration.confirmed': { ...registration, status: 'confirmed', confirmedAt: '2024-03-02T09:00:00.000Z' },
  'practice.registration.waitlisted': registration,
  'practice.registration.offered': {
    ...registration,
    status: 'offered',
    offeredAt: '2024-03-10T12:00:00.000Z',
    offerExpiresAt: '2024-03-12T12:00:00.000Z',
  },
  'practice.registration.offer-expired': {
    ...registration,
    status: 'expired',
    offeredAt: '2024-03-10T12:00:00.000Z',
    offerExpiresAt: '2024-03-12T12:00:00.000Z',
    endedAt: '2024-03-12T12:00:00.000Z',
  },
  'practice.registration.cancelled': { ...registration, status: 'cancelled', endedAt: '2024-03-05T08:00:00.000Z', cancelReason: 'withdrawn' },
  'practice.attendance.recorded': {
    sessionId: SESSION_1,
    activityId: ACTIVITY,
    communityId: COMMUNITY,
    networkId: NETWORK,
    startsAt: activity.sessions[0].startsAt,
    endsAt: activity.sessions[0].endsAt,
    marks: [{ personId: TRAINEE, status: 'present', recordedBy: LIAISON, recordedAt: '2024-04-24T15:05:00.000Z' }],
  },
  'practice.certificate.issued': {
    certificateId: CERTIFICATE,
    networkId: NETWORK,
    personId: TRAINEE,
    memberId: OFFENBACH,
    // A training programme's certificate counts the attendance of all its activities.
    activityIds: [ACTIVITY, ACTIVITY_2],
    rule: { minHours: 10, minSessions: 2 },
    attendedMinutes: 720,
    attendedSessions: 2,
    language: 'de',
    issuedOn: '2024-04-26',
  },
  'practice.programme.defined': {
    programmeId: PROGRAMME,
    networkId: NETWORK,
    communityId: COMMUNITY,
    title: 'ECCIPA integration champions training',
    activityIds: [ACTIVITY, ACTIVITY_2],
    rule: { minHours: 120 },
  },
  'practice.resource.published': resource,
  'practice.resource.translated': { ...resource, versions: [resource.versions[0], { ...resource.versions[1], basedOnEdition: 2 }] },
  'practice.resource.translation-outdated': { ...resource, outdatedLanguages: ['de'] },
};

const registry = new EventRegistry(PRACTICE_EVENTS);

function envelopeFor(def: EventDefinition, data: object): EventEnvelope<object> {
  return {
    id: '0190a1b2-0000-7000-8000-0000000000ff',
    type: def.type,
    version: def.version,
    occurredAt: '2024-03-02T09:00:00.000Z',
    origin: 'hub',
    aggregate: { type: def.aggregateType, id: 'agg-1', version: 2 },
    actor: { kind: 'person', id: LIAISON, roles: ['city-liaison'] },
    correlationId: 'corr-1',
    causationId: null,
    data,
  };
}

const wire = (value: unknown): unknown => JSON.parse(JSON.stringify(value));

describe('PRACTICE_EVENTS', () => {
  it('are practice.<aggregate>.<fact>, each type once, each with a sample', () => {
    expect(PRACTICE_EVENTS.every((d) => d.type.startsWith('practice.'))).toBe(true);
    expect(new Set(PRACTICE_EVENTS.map((d) => d.type)).size).toBe(PRACTICE_EVENTS.length);
    expect(new Set(Object.keys(SAMPLES))).toEqual(new Set(PRACTICE_EVENTS.map((d) => d.type)));
  });

  it.each(PRACTICE_EVENTS.map((d) => [`${d.type} v${d.version}`, d] as const))('round-trips %s', (_name, def: EventDefinition) => {
    const sample = SAMPLES[def.type];
    expect(validatePayload(def.payload, sample, { strict: true, path: 'data' }).violations).toEqual([]);

    const decoded = registry.decode(wire(envelopeFor(def, sample)), { strict: true });

    expect(decoded).toMatchObject({ ok: true, definition: def });
    if (!decoded.ok) return;
    expect(decoded.envelope.data).toBeInstanceOf(def.payload);
    expect(wire(decoded.envelope.data)).toEqual(sample);
  });

  it('name a session that ends in a malformed instant', () => {
    const bad = { ...activity, sessions: [{ ...activity.sessions[0], endsAt: 'tomorrow' }] };

    const decoded = registry.decode(wire(envelopeFor(ActivityScheduled, bad)));

    expect(decoded).toMatchObject({ ok: false, violations: [expect.objectContaining({ field: 'data.sessions.0.endsAt', rule: 'isIso8601' })] });
  });

  it('refuse personal data a publisher might slip into a registration', () => {
    const decoded = registry.decode(wire(envelopeFor(RegistrationOffered, { ...registration, email: 'ana@example.org' })), { strict: true });

    expect(decoded).toMatchObject({ ok: false, violations: [expect.objectContaining({ field: 'data.email', rule: 'whitelistValidation' })] });
  });

  it('name a quota change that leaves out the quotas before', () => {
    const { previousCityQuotas: _, ...without } = SAMPLES['practice.activity.quotas-changed'] as { previousCityQuotas: unknown };

    const decoded = registry.decode(wire(envelopeFor(ActivityQuotasChanged, without)));

    expect(decoded).toMatchObject({ ok: false, violations: [expect.objectContaining({ field: 'data.previousCityQuotas' })] });
    expect(registry.decode(wire(envelopeFor(ActivityQuotasChanged, { ...without, previousCityQuotas: [{ memberId: OFFENBACH, seats: 0 }] }))).ok).toBe(false);
  });

  it('refuse an unknown status or kind', () => {
    expect(registry.decode(wire(envelopeFor(ActivityScheduled, { ...activity, kind: 'party' }))).ok).toBe(false);
    expect(registry.decode(wire(envelopeFor(RegistrationOffered, { ...registration, status: 'maybe' }))).ok).toBe(false);
  });
});
