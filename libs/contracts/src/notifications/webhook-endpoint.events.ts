import { IsIn, IsISO8601, IsOptional, IsUUID } from 'class-validator';
import { defineEvent } from '../event-definition';

/** Whose notifications an endpoint hears of: a network's, a city's or one person's. */
export const WEBHOOK_ENDPOINT_SCOPES = ['network', 'city', 'person'] as const;
export type WebhookEndpointScope = (typeof WEBHOOK_ENDPOINT_SCOPES)[number];

/**
 * A webhook endpoint's signing secret was replaced: who did it and when (ARCHITECTURE §5, every
 * change records who made it). The secret itself, old or new, is never part of an event.
 */
export class WebhookSecretRotatedV1 {
  @IsUUID('all') endpointId!: string;
  @IsUUID('all') networkId!: string;
  @IsIn(WEBHOOK_ENDPOINT_SCOPES) scope!: WebhookEndpointScope;
  /** City scope: the city. */
  @IsOptional() @IsUUID('all') memberId?: string;
  /** Person scope: the person. */
  @IsOptional() @IsUUID('all') personId?: string;
  @IsUUID('all') rotatedBy!: string;
  @IsISO8601({ strict: true }) rotatedAt!: string;
}

export const WebhookSecretRotated = defineEvent('notifications.webhook-endpoint.secret-rotated', 1, 'webhook-endpoint', WebhookSecretRotatedV1);
