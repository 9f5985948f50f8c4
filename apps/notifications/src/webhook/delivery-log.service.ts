import { Inject, Injectable, Optional } from '@nestjs/common';
import { InjectQueue } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { canReadNetwork, Clock, ProblemException, requireAccess } from '@intercity/platform';
import { DeliveryRepository, StoredDelivery, StoredNotification } from '../delivery/delivery.repository';
import { EMAIL_QUEUE } from '../delivery/queues';
import { EMAIL_OPTIONS, type EmailOptions, emailJobOptions } from '../email';
import { WebhookJobs } from './jobs/webhook-delivery.job';

export interface DeliveryLog extends StoredDelivery {
  networkId: string;
  kind: string;
  personId: string;
  attemptLog: { attempt: number; outcome: string; detail: string | null; at: Date }[];
}

/**
 * The delivery log an admin reads (every channel: each attempt, its outcome and error), and the
 * admin's resend of a delivery that failed, was parked or is uncertain.
 */
@Injectable()
export class DeliveryLogService {
  constructor(
    private readonly deliveries: DeliveryRepository,
    private readonly webhooks: WebhookJobs,
    @InjectQueue(EMAIL_QUEUE) private readonly email: Queue,
    private readonly clock: Clock,
    @Optional() @Inject(EMAIL_OPTIONS) private readonly emailOptions?: EmailOptions,
  ) {}

  /** The network's admins, and the liaison of the city of the person it was for. */
  async get(id: string): Promise<DeliveryLog> {
    const { delivery, notification } = await this.readable(id);
    requireAccess(['network-admin', 'city-liaison'], { networkId: notification.networkId, memberId: notification.memberId ?? undefined });
    return this.logOf(delivery, notification);
  }

  /**
   * Puts the delivery back in its queue under a new job id (`<delivery>-resend-<n>`, as the old
   * job's id is taken), with its retry schedule afresh. A webhook resend keeps its webhook-id.
   */
  async resend(id: string): Promise<DeliveryLog> {
    const { delivery, notification } = await this.readable(id);
    requireAccess(['network-admin'], { networkId: notification.networkId });
    if (delivery.channel === 'in-app') throw ProblemException.conflict('delivery.resend.channel', 'an in-app notification is in the inbox already: nothing to resend');
    if (!(await this.deliveries.requeue(id, this.clock.now()))) {
      throw ProblemException.conflict('delivery.resend.state', `delivery ${id} is ${delivery.status}: only failed, parked, uncertain or sent deliveries are resent`);
    }
    // Attempts only grow, and a second resend waits for this one's attempt: the id is new each time.
    const jobId = `${id}-resend-${delivery.attempts}`;
    if (delivery.channel === 'webhook') await this.webhooks.add(id, { jobId });
    else await this.email.add(delivery.channel, { deliveryId: id }, { ...(this.emailOptions && emailJobOptions(this.emailOptions, id)), jobId });
    return this.logOf((await this.deliveries.delivery(id)) ?? delivery, notification);
  }

  private async readable(id: string): Promise<{ delivery: StoredDelivery; notification: StoredNotification }> {
    const delivery = await this.deliveries.delivery(id);
    const notification = delivery && (await this.deliveries.notification(delivery.notificationId));
    // What the caller may not read does not exist for them.
    if (!delivery || !notification || !canReadNetwork(notification.networkId)) throw ProblemException.notFound('delivery', id);
    return { delivery, notification };
  }

  private async logOf(delivery: StoredDelivery, n: StoredNotification): Promise<DeliveryLog> {
    return { ...delivery, networkId: n.networkId, kind: n.kind, personId: n.personId, attemptLog: await this.deliveries.attemptsOf(delivery.id) };
  }
}
