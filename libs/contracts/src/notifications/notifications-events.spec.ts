// Through the library's entry point, as consumers load it (it brings the Reflect polyfill).
import { EVENT_REGISTRY } from '../index';
import { describeRoundTrips, sampleEnvelope, wire } from '../spec-support';
import { NOTIFICATIONS_EVENTS, WebhookSecretRotated } from './index';

const ENDPOINT = '0190a1b2-0000-7000-8000-000000000001';
const NETWORK = '0190a1b2-0000-7000-8000-000000000002';
const RAVENNA = '0190a1b2-0000-7000-8000-000000000003';
const LIAISON = '0190a1b2-0000-7000-8000-000000000004';

const rotated = { endpointId: ENDPOINT, networkId: NETWORK, scope: 'city', memberId: RAVENNA, rotatedBy: LIAISON, rotatedAt: '2026-03-02T09:15:00.000Z' };

const SAMPLES: Record<string, object> = {
  'notifications.webhook-endpoint.secret-rotated': rotated,
};

describe('NOTIFICATIONS_EVENTS', () => {
  describeRoundTrips('notifications', NOTIFICATIONS_EVENTS, SAMPLES);

  it('are in the registry every service reads with', () => {
    expect(EVENT_REGISTRY.lookup(WebhookSecretRotated.type, 1)).toBe(WebhookSecretRotated);
  });

  it('carry no secret: a payload with one is refused on publish', () => {
    const decoded = EVENT_REGISTRY.decode(wire(sampleEnvelope(WebhookSecretRotated, { ...rotated, secret: 'whsec_abc' })), { strict: true });
    expect(decoded).toMatchObject({ ok: false, violations: [expect.objectContaining({ field: 'data.secret', rule: 'whitelistValidation' })] });
  });

  it('name who rotated it', () => {
    const { rotatedBy: _omitted, ...anonymous } = rotated;
    const decoded = EVENT_REGISTRY.decode(wire(sampleEnvelope(WebhookSecretRotated, anonymous)));
    expect(decoded).toMatchObject({ ok: false, violations: [expect.objectContaining({ field: 'data.rotatedBy' })] });
  });
});
