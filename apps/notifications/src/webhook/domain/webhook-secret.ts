import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

const PREFIX = 'whsec_';
const SEALED = 'sealed:v1:';

/** A new signing secret, as the Standard Webhooks spec writes one: `whsec_` + base64 of 32 random bytes. */
export const newWebhookSecret = (): string => PREFIX + randomBytes(32).toString('base64');

/** The secret as stored: sealed with AES-256-GCM when a key is given, else as is. */
export function sealSecret(secret: string, key: Buffer | null): string {
  if (!key) return secret;
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const body = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
  return SEALED + [iv, cipher.getAuthTag(), body].map((b) => b.toString('base64')).join('.');
}

/**
 * The secret to sign with. A sealed secret without the key (or with another key) is an error:
 * signing with anything else would only make every receiver reject the delivery.
 */
export function openSecret(stored: string, key: Buffer | null): string {
  if (!stored.startsWith(SEALED)) return stored;
  if (!key) throw new Error('webhook secret is sealed but NOTIFICATIONS_WEBHOOK_SECRET_KEY is not set');
  const [iv, tag, body] = stored.slice(SEALED.length).split('.').map((p) => Buffer.from(p, 'base64'));
  const decipher = createDecipheriv('aes-256-gcm', key, iv);
  decipher.setAuthTag(tag);
  return Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8');
}
