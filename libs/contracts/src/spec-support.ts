// Test support for the contracts' own specs: one round-trip check every service's events share.
import { EventDefinition } from './event-definition';
import { EventEnvelope } from './envelope';
import { EventRegistry } from './registry';
import { validatePayload } from './validation';

export function sampleEnvelope(def: Pick<EventDefinition, 'type' | 'version' | 'aggregateType'>, data: object): EventEnvelope<object> {
  return {
    id: '0190a1b2-0000-7000-8000-0000000000ff',
    type: def.type,
    version: def.version,
    occurredAt: '2024-03-02T09:00:00.000Z',
    origin: 'hub',
    aggregate: { type: def.aggregateType, id: 'agg-1', version: 2 },
    actor: { kind: 'person', id: '0190a1b2-0000-7000-8000-0000000000aa', roles: ['city-liaison'] },
    correlationId: 'corr-1',
    causationId: null,
    data,
  };
}

export const wire = (value: unknown): unknown => JSON.parse(JSON.stringify(value));

/**
 * Every event of a service is `<service>.<aggregate>.<fact>`, named once, has a sample, and its
 * sample survives strict validation and a trip over the wire unchanged.
 */
export function describeRoundTrips(service: string, events: readonly EventDefinition[], samples: Record<string, object>): void {
  const registry = new EventRegistry(events);

  it(`are ${service}.<aggregate>.<fact>, each type once, each with a sample`, () => {
    expect(events.every((d) => d.type.startsWith(`${service}.`))).toBe(true);
    expect(new Set(events.map((d) => d.type)).size).toBe(events.length);
    expect(new Set(Object.keys(samples))).toEqual(new Set(events.map((d) => d.type)));
  });

  it.each(events.map((d) => [`${d.type} v${d.version}`, d] as const))('round-trips %s', (_name, def: EventDefinition) => {
    const sample = samples[def.type];
    expect(validatePayload(def.payload, sample, { strict: true, path: 'data' }).violations).toEqual([]);
    const decoded = registry.decode(wire(sampleEnvelope(def, sample)), { strict: true });
    expect(decoded).toMatchObject({ ok: true, definition: def });
    if (!decoded.ok) return;
    expect(decoded.envelope.data).toBeInstanceOf(def.payload);
    expect(wire(decoded.envelope.data)).toEqual(sample);
  });
}
