import { Injectable } from '@nestjs/common';
import { v5 as uuidv5 } from 'uuid';
import type { UnitOfWork } from '@intercity/persistence';
import { Clock } from '@intercity/platform';
import { AudienceRepository } from '../audience/audience.repository';
import { DeliveryRepository, NewDelivery } from '../delivery/delivery.repository';
import { DeliveryJobs } from '../delivery/delivery-jobs';
import type { Intent, Recipient } from '../notification/domain/intent';
import { deliveryPlan } from '../preference/domain/preferences';
import { PreferenceRepository } from '../preference/preference.repository';
import { resolveLanguage } from '../template/render';
import { WebhookEndpointRepository } from '../webhook';

/** Names notifications and deliveries: the same intent always gets the same ids, on any node. */
const NAMESPACE = '3d0d7c1e-7f3b-5b8e-9a1f-6c0f4f2b7a10';
export const notificationId = (key: string): string => uuidv5(key, NAMESPACE);
export const deliveryId = (key: string, channel: string, endpointId?: string): string => uuidv5(`${key}|${channel}|${endpointId ?? ''}`, NAMESPACE);

/**
 * Turns intents into notifications and deliveries, in the transaction of the event (or reminder)
 * they come from: a notification's key makes a redelivered event tell nobody twice, a delivery's
 * id is its job's id, so a retried job or a restarted worker sends nothing twice. Jobs are added
 * before the commit; a job that runs first finds no delivery and retries, and the dispatcher's
 * sweep re-adds any job Redis lost.
 */
@Injectable()
export class NotificationPipeline {
  constructor(
    private readonly deliveries: DeliveryRepository,
    private readonly preferences: PreferenceRepository,
    private readonly audience: AudienceRepository,
    private readonly endpoints: WebhookEndpointRepository,
    private readonly clock: Clock,
    private readonly jobs: DeliveryJobs,
  ) {}

  /** Returns how many notifications were new. */
  async notify(uow: UnitOfWork, intents: readonly Intent[]): Promise<number> {
    const now = this.clock.now();
    const people = this.audience.within(uow.manager);
    let told = 0;
    for (const intent of intents) {
      const recipient = await people.person(intent.personId);
      if (!recipient) continue;
      if (await this.notifyOne(uow, intent, recipient, now)) told++;
    }
    return told;
  }

  private async notifyOne(uow: UnitOfWork, intent: Intent, recipient: Recipient, now: Date): Promise<boolean> {
    const prefs = await this.preferences.of(intent.personId, uow.manager);
    const plan = deliveryPlan(intent, prefs, recipient, now);
    if (!plan.length) return false;
    const id = notificationId(intent.key);
    const fresh = await this.deliveries.insertNotification(uow.manager, {
      id,
      key: intent.key,
      kind: intent.kind,
      personId: intent.personId,
      networkId: intent.networkId,
      memberId: intent.memberId,
      subject: intent.subject,
      facts: intent.facts,
      eventId: intent.eventId,
      language: resolveLanguage(recipient.language),
      inApp: plan.some((p) => p.channel === 'in-app'),
      createdAt: now,
    });
    if (!fresh) return false;
    const rows: NewDelivery[] = [];
    for (const p of plan) {
      if (p.channel === 'in-app') continue;
      if (p.channel === 'webhook') {
        for (const endpoint of await this.endpoints.endpointsFor(intent.networkId, intent.memberId, intent.personId, intent.kind, uow.manager)) {
          rows.push({ id: deliveryId(intent.key, 'webhook', endpoint.id), notificationId: id, channel: 'webhook', endpointId: endpoint.id, status: p.status, notBefore: p.notBefore, periodKey: null });
        }
      } else {
        rows.push({ id: deliveryId(intent.key, p.channel), notificationId: id, channel: p.channel, endpointId: null, status: p.status, notBefore: p.notBefore, periodKey: p.periodKey });
      }
    }
    await this.deliveries.insertDeliveries(uow.manager, rows, now);
    for (const d of rows.filter((r) => r.status === 'queued')) await this.jobs.add(d, d.notBefore, now);
    return true;
  }
}
