import { v7 as uuidv7 } from 'uuid';
import { EventDefinition, EventEnvelope, MemberStateV1 } from '@intercity/contracts';

export const ORIGIN = 'test-node';

/** A W3C trace context, as the HTTP middleware would put into the call context. */
export const TRACEPARENT = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';

export function memberState(memberId: string, overrides: Partial<MemberStateV1> = {}): MemberStateV1 {
  return {
    memberId,
    networkId: '0190a1b2-0000-7000-8000-000000000001',
    slug: 'amsterdam-east',
    kind: 'city-district',
    name: 'Amsterdam-East',
    legalName: 'Stadsdeel Oost, Gemeente Amsterdam',
    country: 'NL',
    timeZone: 'Europe/Amsterdam',
    languages: ['nl', 'en'],
    homeNodeId: 'hub',
    ...overrides,
  };
}

/** An envelope as another node's relay would publish it, for specs that publish by hand. */
export function envelopeOf<T extends object>(
  def: EventDefinition<T>,
  aggregateId: string,
  aggregateVersion: number,
  data: T,
): EventEnvelope<T> {
  return {
    id: uuidv7(),
    type: def.type,
    version: def.version,
    occurredAt: new Date().toISOString(),
    origin: ORIGIN,
    aggregate: { type: def.aggregateType, id: aggregateId, version: aggregateVersion },
    actor: { kind: 'person', id: 'liaison-1' },
    correlationId: uuidv7(),
    causationId: null,
    data,
  };
}
