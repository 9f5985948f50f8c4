import { EventDefinition, EventEnvelope, EVENT_REGISTRY, MEMBERSHIP_EVENTS, MemberJoined, PRACTICE_EVENTS, EXCHANGES_EVENTS, GRANTS_EVENTS, NOTIFICATIONS_EVENTS, validatePayload } from './index';

const NETWORK = '0190a1b2-0000-7000-8000-000000000001';
const PROJECT = '0190a1b2-0000-7000-8000-000000000002';
const MEMBER = '0190a1b2-0000-7000-8000-000000000003';
const PERSON = '0190a1b2-0000-7000-8000-000000000004';
const PARTICIPATION = '0190a1b2-0000-7000-8000-000000000005';

const member = {
  memberId: MEMBER,
  networkId: NETWORK,
  slug: 'kreis-offenbach',
  kind: 'county',
  name: 'Kreis Offenbach',
  legalName: 'Kreis Offenbach, Der Kreisausschuss',
  country: 'DE',
  region: 'DE-HE',
  timeZone: 'Europe/Berlin',
  languages: ['de', 'en'],
  homeNodeId: 'hub',
};
const project = {
  projectId: PROJECT,
  networkId: NETWORK,
  code: 'CONNECTION',
  name: 'CONNECTION: integration through cities',
  programme: 'AMIF',
  startsOn: '2020-01-01',
  endsOn: '2022-12-31',
  status: 'closed',
};
const participation = {
  participationId: PARTICIPATION,
  projectId: PROJECT,
  memberId: MEMBER,
  role: 'fellow-city',
  experienceLevel: 'implementing',
  from: '2020-01-01',
  to: '2022-12-31',
};
const person = {
  personId: PERSON,
  memberId: MEMBER,
  givenName: 'Ana',
  familyName: 'García',
  email: 'ana.garcia@example.org',
  functions: ['city-liaison', 'integration-champion'],
  preferredLanguage: 'es',
};

/** Each service's events; the others' have their round trips beside them (practice/practice-events.spec.ts…). */
const ALL_EVENTS: readonly EventDefinition[] = [...MEMBERSHIP_EVENTS, ...PRACTICE_EVENTS, ...EXCHANGES_EVENTS, ...GRANTS_EVENTS, ...NOTIFICATIONS_EVENTS];

/** One valid payload per event type: a new event type without a sample fails this spec. */
const SAMPLES: Record<string, object> = {
  'membership.network.created': { networkId: NETWORK, slug: 'eurocities', name: 'EUROCITIES', description: 'Network of major European cities' },
  'membership.network.updated': { networkId: NETWORK, slug: 'eurocities', name: 'EUROCITIES' },
  'membership.project.created': project,
  'membership.project.updated': { ...project, status: 'running' },
  'membership.member.joined': member,
  'membership.member.updated': { ...member, name: 'Kreis Offenbach (DE)' },
  'membership.member.left': { memberId: MEMBER, networkId: NETWORK, leftOn: '2023-01-31', reason: 'project ended' },
  'membership.participation.assigned': participation,
  'membership.participation.changed': { ...participation, role: 'core-city', experienceLevel: 'mentoring' },
  'membership.participation.ended': { ...participation, endedOn: '2022-12-31' },
  'membership.person.registered': person,
  'membership.person.updated': { ...person, functions: ['trainer'] },
  'membership.person.erased': { personId: PERSON, memberId: MEMBER },
  'membership.node.registered': { nodeId: 'hub', name: 'EUROCITIES hub', baseUrl: 'https://hub.example.org', hub: true, jetstreamDomain: 'hub' },
};

function envelopeFor(type: string, version: number, aggregateType: string, data: object): EventEnvelope<object> {
  return {
    id: '0190a1b2-0000-7000-8000-0000000000ff',
    type,
    version,
    occurredAt: '2024-11-22T10:15:00.000Z',
    origin: 'hub',
    aggregate: { type: aggregateType, id: 'agg-1', version: 3 },
    actor: { kind: 'person', id: 'liaison-1', roles: ['city-liaison'] },
    correlationId: 'corr-1',
    causationId: null,
    data,
  };
}

function wire(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value));
}

const memberJoined = () => envelopeFor(MemberJoined.type, MemberJoined.version, MemberJoined.aggregateType, { ...member });

describe('EVENT_REGISTRY', () => {
  it('holds every event type of every service', () => {
    expect(new Set(EVENT_REGISTRY.types)).toEqual(new Set(ALL_EVENTS.map((d) => d.type)));
  });

  it.each(MEMBERSHIP_EVENTS.map((d) => [`${d.type} v${d.version}`, d] as const))('round-trips %s', (_name, def: EventDefinition) => {
    const sample = SAMPLES[def.type];
    expect(sample).toBeDefined();
    // What a publisher checks before writing the outbox: no unknown fields, every rule met.
    expect(validatePayload(def.payload, sample, { strict: true, path: 'data' }).violations).toEqual([]);

    const decoded = EVENT_REGISTRY.decode(wire(envelopeFor(def.type, def.version, def.aggregateType, sample)), { strict: true });

    expect(decoded).toMatchObject({ ok: true, definition: def });
    if (!decoded.ok) return;
    expect(decoded.envelope.data).toBeInstanceOf(def.payload);
    expect(wire(decoded.envelope.data)).toEqual(sample);
  });

  it('rejects an unknown event type', () => {
    const decoded = EVENT_REGISTRY.decode(wire({ ...memberJoined(), type: 'membership.member.exploded' }));

    expect(decoded).toEqual({ ok: false, reason: 'unknown event type membership.member.exploded', violations: [] });
  });

  it('reads a newer version with the newest one it knows, ignoring the fields that version added', () => {
    const newer = { ...memberJoined(), version: 7, data: { ...member, flag: 'https://example.org/offenbach.svg' } };

    const decoded = EVENT_REGISTRY.decode(wire(newer));

    expect(decoded).toMatchObject({ ok: true, definition: MemberJoined, envelope: { version: 7 } });
    if (!decoded.ok) return;
    expect(decoded.envelope.data).not.toHaveProperty('flag');
  });

  it('names the missing field and the rule it breaks', () => {
    const { country: _omitted, ...withoutCountry } = member;

    const decoded = EVENT_REGISTRY.decode(wire({ ...memberJoined(), data: withoutCountry }));

    expect(decoded.ok).toBe(false);
    if (decoded.ok) return;
    expect(decoded.reason).toBe('invalid membership.member.joined v1 payload');
    expect(decoded.violations).toEqual([expect.objectContaining({ field: 'data.country', rule: 'matches' })]);
  });

  it('names an envelope field that breaks its rule', () => {
    const decoded = EVENT_REGISTRY.decode(wire({ ...memberJoined(), aggregate: { type: 'member', id: MEMBER, version: 0 } }));

    expect(decoded).toMatchObject({
      ok: false,
      reason: 'malformed envelope',
      violations: [expect.objectContaining({ field: 'aggregate.version', rule: 'min' })],
    });
  });

  it('rejects an event filed under another aggregate', () => {
    const decoded = EVENT_REGISTRY.decode(wire({ ...memberJoined(), aggregate: { type: 'person', id: MEMBER, version: 1 } }));

    expect(decoded).toMatchObject({ ok: false, violations: [expect.objectContaining({ field: 'aggregate.type' })] });
  });

  it('rejects unknown payload fields only when strict (publishers), not when reading (consumers)', () => {
    const raw = wire({ ...memberJoined(), data: { ...member, nickname: 'KOF' } });

    expect(EVENT_REGISTRY.decode(raw).ok).toBe(true);
    expect(EVENT_REGISTRY.decode(raw, { strict: true })).toMatchObject({
      ok: false,
      violations: [expect.objectContaining({ field: 'data.nickname', rule: 'whitelistValidation' })],
    });
  });
});
