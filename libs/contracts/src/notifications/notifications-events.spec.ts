// Through the library's entry point, as consumers load it (it brings the Reflect polyfill).
import { EventDefinition, EVENT_REGISTRY } from '../index';
import { describeRoundTrips, sampleEnvelope, wire } from '../spec-support';
import { NOTIFICATIONS_EVENTS, PreferencesChanged, WebhookEndpointDeactivated, WebhookEndpointRegistered, WebhookSecretRotated } from './index';

const ENDPOINT = '0190a1b2-0000-7000-8000-000000000001';
const NETWORK = '0190a1b2-0000-7000-8000-000000000002';
const RAVENNA = '0190a1b2-0000-7000-8000-000000000003';
const LIAISON = '0190a1b2-0000-7000-8000-000000000004';
const GIULIA = '0190a1b2-0000-7000-8000-000000000005';

const endpoint = { endpointId: ENDPOINT, networkId: NETWORK, scope: 'city', memberId: RAVENNA };
const registered = { ...endpoint, origin: 'https://hooks.ravenna.example', kinds: ['report-due-soon', 'report-overdue'], registeredBy: LIAISON, registeredAt: '2026-03-01T08:00:00.000Z' };
const deactivated = { endpointId: ENDPOINT, networkId: NETWORK, scope: 'person', personId: GIULIA, deactivatedBy: LIAISON, deactivatedAt: '2026-03-03T17:30:00.000Z' };
const rotated = { ...endpoint, rotatedBy: LIAISON, rotatedAt: '2026-03-02T09:15:00.000Z' };
const changed = {
  personId: GIULIA,
  memberId: RAVENNA,
  networkId: NETWORK,
  changes: { kinds: [{ kind: 'seat-offered', channels: ['in-app'] }, { kind: 'exchange-changed', cadence: 'weekly' }], quietHours: null, timeZone: 'Europe/Rome' },
  changedBy: LIAISON,
  changedAt: '2026-03-04T10:00:00.000Z',
};

const SAMPLES: Record<string, object> = {
  'notifications.webhook-endpoint.registered': registered,
  'notifications.webhook-endpoint.deactivated': deactivated,
  'notifications.webhook-endpoint.secret-rotated': rotated,
  'notifications.preferences.changed': changed,
};

const decodeStrict = (def: Parameters<typeof sampleEnvelope>[0], data: object) => EVENT_REGISTRY.decode(wire(sampleEnvelope(def, data)), { strict: true });

describe('NOTIFICATIONS_EVENTS', () => {
  describeRoundTrips('notifications', NOTIFICATIONS_EVENTS, SAMPLES);

  it('are in the registry every service reads with', () => {
    for (const def of NOTIFICATIONS_EVENTS) expect(EVENT_REGISTRY.lookup(def.type, 1)).toBe(def);
  });

  it.each(
    ([
      [WebhookSecretRotated, rotated],
      [WebhookEndpointRegistered, registered],
      [WebhookEndpointDeactivated, deactivated],
    ] as [EventDefinition, object][]).map(([def, sample]) => [def.type, def, sample] as const),
  )('%s carries no secret: a payload with one is refused on publish', (_type, def, sample) => {
    expect(decodeStrict(def, { ...sample, secret: 'whsec_abc' })).toMatchObject({ ok: false, violations: [expect.objectContaining({ field: 'data.secret', rule: 'whitelistValidation' })] });
  });

  it("names a registered endpoint's origin only, never a path or query that may hold the receiver's token", () => {
    for (const origin of ['https://hooks.slack.example/services/T0/B0/XXXX', 'https://hooks.example?token=abc', 'https://user:pw@hooks.example']) {
      expect(decodeStrict(WebhookEndpointRegistered, { ...registered, origin })).toMatchObject({ ok: false, violations: [expect.objectContaining({ field: 'data.origin' })] });
    }
    expect(decodeStrict(WebhookEndpointRegistered, { ...registered, origin: 'http://127.0.0.1:8443' })).toMatchObject({ ok: true });
  });

  it.each(
    ([
      [WebhookSecretRotated, rotated, 'rotatedBy'],
      [WebhookEndpointRegistered, registered, 'registeredBy'],
      [WebhookEndpointDeactivated, deactivated, 'deactivatedBy'],
      [PreferencesChanged, changed, 'changedBy'],
    ] as [EventDefinition, object, string][]).map(([def, sample, field]) => [def.type, def, sample, field] as const),
  )('%s names who made the change', (_type, def, sample, field) => {
    const anonymous: Record<string, unknown> = { ...sample };
    delete anonymous[field];
    expect(EVENT_REGISTRY.decode(wire(sampleEnvelope(def, anonymous)))).toMatchObject({ ok: false, violations: [expect.objectContaining({ field: `data.${field}` })] });
  });

  it('tells quiet hours turned off (null) from quiet hours left alone (absent), and checks what is there', () => {
    const left = decodeStrict(PreferencesChanged, { ...changed, changes: { timeZone: null } });
    expect(left.ok && wire(left.envelope.data)).toMatchObject({ changes: { timeZone: null } });
    expect(left.ok && 'quietHours' in (left.envelope.data as { changes: object }).changes).toBe(false);
    expect(decodeStrict(PreferencesChanged, { ...changed, changes: { quietHours: { from: '22:00', to: '7:00' } } })).toMatchObject({
      ok: false,
      violations: [expect.objectContaining({ field: 'data.changes.quietHours.to' })],
    });
    expect(decodeStrict(PreferencesChanged, { ...changed, changes: { kinds: [{ kind: 'seat-offered', email: 'giulia@ravenna.example' }] } })).toMatchObject({
      ok: false,
      violations: [expect.objectContaining({ field: 'data.changes.kinds.0.email' })],
    });
  });
});
