import type { Provider } from '@nestjs/common';
import { DeliveryLogController } from './delivery-log.controller';
import { DeliveryLogService } from './delivery-log.service';
import { WebhookJobs, WebhookWorker } from './jobs/webhook-delivery.job';
import { loadWebhookOptions, WEBHOOK_OPTIONS, WebhookOptions } from './webhook.config';
import { WebhookDeliveryService } from './webhook-delivery.service';
import { WebhookEndpointController } from './webhook-endpoint.controller';
import { WebhookEndpointRepository } from './webhook-endpoint.repository';
import { WebhookEndpointService } from './webhook-endpoint.service';
import { WebhookSender } from './webhook-sender';

export { WEBHOOK_QUEUE, WebhookJobs, WebhookWorker, webhookRetry } from './jobs/webhook-delivery.job';
export type { WebhookJobData } from './jobs/webhook-delivery.job';
export { WebhookEndpointRepository } from './webhook-endpoint.repository';
export { loadWebhookOptions, WEBHOOK_OPTIONS } from './webhook.config';
export type { WebhookOptions } from './webhook.config';

/**
 * Webhooks' providers, with options given (tests) or read from the environment when the app starts.
 * They need, from the service's module: DataSource, Clock, DirectoryCopies, DeliveryRepository, and
 * the BullMQ queues WEBHOOK_QUEUE and EMAIL_QUEUE (JobsModule).
 */
export function webhookProviders(options?: WebhookOptions): Provider[] {
  return [
    options ? { provide: WEBHOOK_OPTIONS, useValue: options } : { provide: WEBHOOK_OPTIONS, useFactory: () => loadWebhookOptions() },
    WebhookEndpointRepository,
    WebhookEndpointService,
    WebhookSender,
    WebhookDeliveryService,
    WebhookJobs,
    WebhookWorker,
    DeliveryLogService,
  ];
}

export const WEBHOOK_PROVIDERS: Provider[] = webhookProviders();

export const WEBHOOK_CONTROLLERS = [WebhookEndpointController, DeliveryLogController];
