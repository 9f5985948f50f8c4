import { Inject, Injectable, Logger } from '@nestjs/common';
import { Webhook } from 'standardwebhooks';
import { Clock } from '@intercity/platform';
import { DeliveryRepository } from '../delivery/delivery.repository';
import { webhookMessage } from './domain/webhook-message';
import { openSecret } from './domain/webhook-secret';
import { WEBHOOK_OPTIONS, WebhookOptions } from './webhook.config';
import { WebhookEndpointRepository } from './webhook-endpoint.repository';
import { WebhookSender } from './webhook-sender';

/** Thrown to have the job tried again, after `delayMs` (read by the queue's backoff strategy). */
export class RetryLater extends Error {
  override readonly name = 'RetryLater';

  constructor(
    message: string,
    readonly delayMs: number,
  ) {
    super(message);
  }
}

export type AttemptOutcome = 'sent' | 'parked' | 'failed' | 'nothing-to-do';

/**
 * One attempt at a webhook delivery. The delivery row decides, not the job: it is claimed
 * (queued → sending) so of two jobs for one delivery only one posts; every attempt is recorded
 * for the delivery log; a failure goes back to queued for the next retry, or is parked after the
 * last. The message id is the delivery id on every attempt, so receivers drop repeats.
 */
@Injectable()
export class WebhookDeliveryService {
  private readonly logger = new Logger(WebhookDeliveryService.name);

  constructor(
    private readonly deliveries: DeliveryRepository,
    private readonly endpoints: WebhookEndpointRepository,
    private readonly sender: WebhookSender,
    private readonly clock: Clock,
    @Inject(WEBHOOK_OPTIONS) private readonly options: WebhookOptions,
  ) {}

  /** `retryInMs`: the wait before the next attempt; null when this is the last one. */
  async attempt(deliveryId: string, retryInMs: number | null): Promise<AttemptOutcome> {
    const attempt = await this.claim(deliveryId, retryInMs);
    if (attempt === null) return 'nothing-to-do';
    const delivery = await this.deliveries.delivery(deliveryId);
    const notification = delivery && (await this.deliveries.notification(delivery.notificationId));
    const target = delivery?.endpointId ? await this.endpoints.target(delivery.endpointId) : undefined;
    if (!notification || !target?.active) {
      await this.deliveries.settle(deliveryId, attempt, { status: 'failed', detail: target ? 'webhook endpoint deactivated' : 'no webhook endpoint' }, this.clock.now());
      return 'failed';
    }

    const body = JSON.stringify(webhookMessage(notification));
    const at = this.clock.now();
    const headers = {
      'webhook-id': deliveryId,
      'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
      'webhook-signature': new Webhook(openSecret(target.secret, this.options.secretKey)).sign(deliveryId, at, body),
    };
    const outcome = await this.sender.post(target.url, body, headers, this.options.timeoutMs);
    if (outcome.ok) {
      await this.deliveries.settle(deliveryId, attempt, { status: 'sent', detail: `HTTP ${outcome.status}` }, this.clock.now());
      return 'sent';
    }
    if (retryInMs === null) {
      await this.deliveries.settle(deliveryId, attempt, { status: 'parked', detail: outcome.detail }, this.clock.now());
      this.logger.warn(`webhook delivery ${deliveryId} parked after attempt ${attempt}: ${outcome.detail}`);
      return 'parked';
    }
    await this.deliveries.settle(deliveryId, attempt, { status: 'queued', detail: outcome.detail }, this.clock.now());
    throw new RetryLater(`webhook delivery ${deliveryId} attempt ${attempt}: ${outcome.detail}`, retryInMs);
  }

  /** The attempt's number, or null when there is nothing to do; throws when it is too early to say. */
  private async claim(deliveryId: string, retryInMs: number | null): Promise<number | null> {
    const now = this.clock.now();
    const claimed = await this.deliveries.claim(deliveryId, now);
    if (claimed !== null) return claimed;
    const delivery = await this.deliveries.delivery(deliveryId);
    // The job may run before the transaction that made its delivery commits.
    if (!delivery) {
      if (retryInMs === null) return null;
      throw new RetryLater(`delivery ${deliveryId} does not exist (yet)`, retryInMs);
    }
    if (delivery.channel !== 'webhook' || delivery.status !== 'sending') return null;
    // A worker that died mid-POST leaves `sending`; once no POST can still be under way, take it over.
    const stale = await this.endpoints.reclaimStale(deliveryId, now, new Date(now.getTime() - 3 * this.options.timeoutMs));
    if (stale !== null || retryInMs === null) return stale;
    throw new RetryLater(`delivery ${deliveryId} is being sent by another worker`, retryInMs);
  }
}
