import { ArrayMaxSize, IsArray, IsIn, IsISO8601, IsOptional, IsUUID, Matches } from 'class-validator';
import { defineEvent } from '../event-definition';

/** Whose notifications an endpoint hears of: a network's, a city's or one person's. */
export const WEBHOOK_ENDPOINT_SCOPES = ['network', 'city', 'person'] as const;
export type WebhookEndpointScope = (typeof WEBHOOK_ENDPOINT_SCOPES)[number];

/** Kebab-case names: the vocabulary of notification kinds is notifications' own, and grows. */
const KEBAB = /^[a-z][a-z0-9-]*$/;

/**
 * Which endpoint a change is about, and whose it is, for the audit trail's scope (ARCHITECTURE §5,
 * every change records who made it). The secret, old or new, is never part of an event.
 */
export abstract class WebhookEndpointChangeV1 {
  @IsUUID('all') endpointId!: string;
  @IsUUID('all') networkId!: string;
  @IsIn(WEBHOOK_ENDPOINT_SCOPES) scope!: WebhookEndpointScope;
  /** City scope: the city. */
  @IsOptional() @IsUUID('all') memberId?: string;
  /** Person scope: the person. */
  @IsOptional() @IsUUID('all') personId?: string;
}

/**
 * An endpoint was registered: who did it, when, and where it posts to. Only the URL's origin: a
 * receiver's path or query often carries its own token (chat services' webhook URLs do).
 */
export class WebhookEndpointRegisteredV1 extends WebhookEndpointChangeV1 {
  /** `scheme://host[:port]`, no user, path or query. */
  @Matches(/^https?:\/\/[^/?#@\s]+$/) origin!: string;
  @IsArray() @ArrayMaxSize(100) @Matches(KEBAB, { each: true }) kinds!: string[];
  @IsUUID('all') registeredBy!: string;
  @IsISO8601({ strict: true }) registeredAt!: string;
}

/** An endpoint was deactivated: nothing more is sent to it. Who did it and when. */
export class WebhookEndpointDeactivatedV1 extends WebhookEndpointChangeV1 {
  @IsUUID('all') deactivatedBy!: string;
  @IsISO8601({ strict: true }) deactivatedAt!: string;
}

/** A webhook endpoint's signing secret was replaced: who did it and when. */
export class WebhookSecretRotatedV1 extends WebhookEndpointChangeV1 {
  @IsUUID('all') rotatedBy!: string;
  @IsISO8601({ strict: true }) rotatedAt!: string;
}

export const WebhookEndpointRegistered = defineEvent('notifications.webhook-endpoint.registered', 1, 'webhook-endpoint', WebhookEndpointRegisteredV1);
export const WebhookEndpointDeactivated = defineEvent('notifications.webhook-endpoint.deactivated', 1, 'webhook-endpoint', WebhookEndpointDeactivatedV1);
export const WebhookSecretRotated = defineEvent('notifications.webhook-endpoint.secret-rotated', 1, 'webhook-endpoint', WebhookSecretRotatedV1);
