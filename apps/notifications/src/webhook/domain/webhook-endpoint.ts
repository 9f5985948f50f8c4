import type { FieldViolation } from '@intercity/contracts';
import { NOTIFICATION_KINDS, NotificationKind } from '../../notification/domain/vocabulary';

export const ENDPOINT_SCOPES = ['network', 'city', 'person'] as const;
export type EndpointScope = (typeof ENDPOINT_SCOPES)[number];

/** Where a webhook posts, and which notifications it hears of. The secret is never part of it. */
export interface WebhookEndpoint {
  id: string;
  scope: EndpointScope;
  networkId: string;
  /** City scope: the city. */
  memberId: string | null;
  /** Person scope: the person. */
  personId: string | null;
  url: string;
  kinds: NotificationKind[];
  active: boolean;
  createdBy: string;
  createdAt: Date;
}

export interface EndpointInput {
  scope: EndpointScope;
  memberId?: string;
  personId?: string;
  url: string;
  kinds?: string[];
}

export const scopeOf = (e: { memberId: string | null; personId: string | null }): EndpointScope => (e.personId ? 'person' : e.memberId ? 'city' : 'network');

/**
 * What is wrong with an endpoint as asked for, field by field: the scope's own id present and no
 * other, an http(s) URL (https only when the node requires it), and kinds that exist.
 */
export function endpointViolations(input: EndpointInput, rules: { requireHttps: boolean }): FieldViolation[] {
  const out: FieldViolation[] = [];
  const need = (field: 'memberId' | 'personId', wanted: boolean) => {
    const present = input[field] !== undefined;
    if (wanted && !present) out.push({ field, rule: `webhook.scope.${field}`, message: `a ${input.scope} webhook needs ${field}` });
    if (!wanted && present) out.push({ field, rule: `webhook.scope.${field}`, message: `a ${input.scope} webhook takes no ${field}` });
  };
  need('memberId', input.scope === 'city');
  need('personId', input.scope === 'person');

  let url: URL | undefined;
  try {
    url = new URL(input.url);
  } catch {
    out.push({ field: 'url', rule: 'webhook.url.valid', message: 'url must be an absolute http(s) URL' });
  }
  if (url && url.protocol !== 'https:' && url.protocol !== 'http:') {
    out.push({ field: 'url', rule: 'webhook.url.valid', message: 'url must be an absolute http(s) URL' });
  } else if (url && rules.requireHttps && url.protocol !== 'https:') {
    out.push({ field: 'url', rule: 'webhook.url.https', message: 'url must use https on this node' });
  }
  if (url && (url.username || url.password)) {
    out.push({ field: 'url', rule: 'webhook.url.no-credentials', message: 'url must not carry credentials: requests are signed instead' });
  }

  (input.kinds ?? []).forEach((kind, i) => {
    if (!(NOTIFICATION_KINDS as readonly string[]).includes(kind)) {
      out.push({ field: `kinds.${i}`, rule: 'webhook.kinds.known', message: `${kind} is no notification kind (${NOTIFICATION_KINDS.join(', ')})` });
    }
  });
  return out;
}

/** The kinds an endpoint hears of: those asked for, each once, in the catalogue's order; all by default. */
export function endpointKinds(kinds: readonly string[] | undefined): NotificationKind[] {
  if (!kinds) return [...NOTIFICATION_KINDS];
  return NOTIFICATION_KINDS.filter((k) => kinds.includes(k));
}
