import { randomBytes } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { loadWebhookOptions } from '../webhook.config';
import { endpointKinds, endpointViolations } from './webhook-endpoint';
import { retryDelay } from './webhook-message';
import { newWebhookSecret, openSecret, sealSecret } from './webhook-secret';

describe('webhook endpoints', () => {
  const base = { scope: 'network' as const, url: 'https://hooks.example.org/x' };

  it('names each unknown kind by its index, and the https rule only when required', () => {
    expect(endpointViolations({ ...base, kinds: ['seat-offered', 'nope'] }, { requireHttps: true }).map((v) => v.field)).toEqual(['kinds.1']);
    expect(endpointViolations({ ...base, url: 'http://hooks.example.org/x' }, { requireHttps: true })).toEqual([expect.objectContaining({ field: 'url', rule: 'webhook.url.https' })]);
    expect(endpointViolations({ ...base, url: 'http://hooks.example.org/x' }, { requireHttps: false })).toEqual([]);
    expect(endpointViolations({ ...base, url: 'ftp://x.example' }, { requireHttps: false })[0].rule).toBe('webhook.url.valid');
    expect(endpointViolations({ scope: 'city', url: base.url }, { requireHttps: true })[0]).toMatchObject({ field: 'memberId', rule: 'webhook.scope.memberId' });
  });

  it('subscribes to every kind by default, each once otherwise', () => {
    expect(endpointKinds(undefined)).toHaveLength(10);
    expect(endpointKinds(['report-overdue', 'seat-offered', 'report-overdue'])).toEqual(['seat-offered', 'report-overdue']);
  });

  it('requires https in production unless told otherwise', () => {
    expect(loadWebhookOptions({ NODE_ENV: 'production' }).requireHttps).toBe(true);
    expect(loadWebhookOptions({}).requireHttps).toBe(false);
    expect(loadWebhookOptions({ NOTIFICATIONS_REQUIRE_HTTPS: 'true' }).requireHttps).toBe(true);
    expect(loadWebhookOptions({}).retryScheduleMs.reduce((a, b) => a + b) / 3600_000).toBeCloseTo(23.7, 1);
  });
});

describe('webhook secrets and retries', () => {
  it('makes Standard Webhooks secrets, sealed at rest when a key is set', () => {
    const secret = newWebhookSecret();
    expect(Buffer.from(secret.slice('whsec_'.length), 'base64')).toHaveLength(32);
    const key = randomBytes(32);
    const sealed = sealSecret(secret, key);
    expect(sealed).not.toContain(secret.slice(6));
    expect(openSecret(sealed, key)).toBe(secret);
    expect(openSecret(sealSecret(secret, null), null)).toBe(secret);
    expect(() => openSecret(sealed, randomBytes(32))).toThrow();
    const body = '{"a":1}';
    const at = new Date();
    const signature = new Webhook(secret).sign('msg_1', at, body);
    expect(new Webhook(secret).verify(body, { 'webhook-id': 'msg_1', 'webhook-timestamp': String(Math.floor(at.getTime() / 1000)), 'webhook-signature': signature })).toEqual({ a: 1 });
  });

  it('waits as scheduled, the last wait repeating', () => {
    expect([1, 2, 3, 4].map((n) => retryDelay(n, [5, 30, 120]))).toEqual([5, 30, 120, 120]);
  });
});
