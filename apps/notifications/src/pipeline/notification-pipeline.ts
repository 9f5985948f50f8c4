import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { v5 as uuidv5 } from 'uuid';
import type { UnitOfWork } from '@intercity/persistence';
import { Clock } from '@intercity/platform';
import { AudienceRepository } from '../audience/audience.repository';
import { DeliveryRepository, NewDelivery, StoredNotification } from '../delivery/delivery.repository';
import { DeliveryJob, DeliveryJobs } from '../delivery/delivery-jobs';
import type { Intent } from '../notification/domain/intent';
import { DEFAULT_PREFERENCES, deliveryPlan, Preferences } from '../preference/domain/preferences';
import { resolveLanguage } from '../template/render';
import { WebhookEndpointRepository } from '../webhook';

/** Names notifications and deliveries: the same intent always gets the same ids, on any node. */
const NAMESPACE = '3d0d7c1e-7f3b-5b8e-9a1f-6c0f4f2b7a10';
export const notificationId = (key: string): string => uuidv5(key, NAMESPACE);
export const deliveryId = (key: string, channel: string, endpointId?: string): string => uuidv5(`${key}|${channel}|${endpointId ?? ''}`, NAMESPACE);

/**
 * Many people's preferences in one query, each as `PreferenceRepository.of` reads it: the stored
 * settings over the defaults, so a kind added later gets its default; the defaults for a person
 * who never set any.
 */
export async function preferencesOf(m: EntityManager, personIds: readonly string[]): Promise<Map<string, Preferences>> {
  const out = new Map<string, Preferences>();
  if (!personIds.length) return out;
  const rows: { person_id: string; settings: Partial<Preferences> }[] = await m.query(`SELECT person_id, settings FROM preferences WHERE person_id = ANY ($1::uuid[])`, [personIds]);
  for (const { person_id, settings } of rows) {
    out.set(person_id, { ...DEFAULT_PREFERENCES, ...settings, kinds: { ...DEFAULT_PREFERENCES.kinds, ...settings.kinds } });
  }
  for (const id of personIds) if (!out.has(id)) out.set(id, DEFAULT_PREFERENCES);
  return out;
}

/**
 * Turns intents into notifications and deliveries, in the transaction of the event (or reminder)
 * they come from, a whole fan-out at once: its people and their preferences in one query each,
 * its notifications (the inbox's items among them) and deliveries in one statement. A
 * notification's key makes a redelivered event tell nobody twice; a delivery's id is its job's
 * id, so a retried job or a restarted worker sends nothing twice. Jobs are added in bulk once the
 * transaction has committed, for the deliveries it actually inserted; the dispatcher's sweep
 * re-adds any job lost on the way.
 */
@Injectable()
export class NotificationPipeline {
  constructor(
    private readonly deliveries: DeliveryRepository,
    private readonly audience: AudienceRepository,
    private readonly endpoints: WebhookEndpointRepository,
    private readonly clock: Clock,
    private readonly jobs: DeliveryJobs,
  ) {}

  /** Returns how many notifications were new. */
  async notify(uow: UnitOfWork, intents: readonly Intent[]): Promise<number> {
    if (!intents.length) return 0;
    const now = this.clock.now();
    const m = uow.manager;
    // One intent per key: the rules give no more, and the insert below must not see a key twice.
    const byKey = new Map<string, Intent>();
    for (const i of intents) if (!byKey.has(i.key)) byKey.set(i.key, i);
    const personIds = [...new Set([...byKey.values()].map((i) => i.personId))];
    const people = await this.audience.people(personIds, m);
    const prefs = await preferencesOf(m, personIds.filter((id) => people.has(id)));

    const notifications: Omit<StoredNotification, 'readAt' | 'createdAt'>[] = [];
    const rows: NewDelivery[] = [];
    for (const intent of byKey.values()) {
      const recipient = people.get(intent.personId);
      if (!recipient) continue;
      const plan = deliveryPlan(intent, prefs.get(intent.personId) ?? DEFAULT_PREFERENCES, recipient, now);
      if (!plan.length) continue;
      const id = notificationId(intent.key);
      notifications.push({
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
      });
      for (const p of plan) {
        if (p.channel === 'in-app') continue;
        if (p.channel === 'webhook') {
          // Only for people who chose webhooks for this kind: one query each.
          for (const endpoint of await this.endpoints.endpointsFor(intent.networkId, intent.memberId, intent.personId, intent.kind, m)) {
            rows.push({ id: deliveryId(intent.key, 'webhook', endpoint.id), notificationId: id, channel: 'webhook', endpointId: endpoint.id, status: p.status, notBefore: p.notBefore, periodKey: null });
          }
        } else {
          rows.push({ id: deliveryId(intent.key, p.channel), notificationId: id, channel: p.channel, endpointId: null, status: p.status, notBefore: p.notBefore, periodKey: p.periodKey });
        }
      }
    }
    if (!notifications.length) return 0;

    const inserted = await this.deliveries.insertFanout(m, notifications, rows, now);
    const jobs: DeliveryJob[] = rows.filter((d) => d.status === 'queued' && inserted.deliveryIds.has(d.id));
    await this.jobs.addAfterCommit(m, jobs, now);
    return inserted.notificationIds.size;
  }
}
