import type { TemplateValue } from '../../notification/domain/intent';
import type { NotificationKind } from '../../notification/domain/vocabulary';

/** What a notification tells a webhook: who and what, never an e-mail address (personal data kept minimal). */
export interface WebhookMessage {
  type: `intercity.${NotificationKind}`;
  timestamp: string;
  data: {
    notificationId: string;
    kind: NotificationKind;
    personId: string;
    networkId: string;
    memberId: string | null;
    subject: { type: string; id: string };
    facts: Record<string, TemplateValue>;
    language: string;
  };
}

export interface NotificationForWebhook {
  id: string;
  kind: NotificationKind;
  personId: string;
  networkId: string;
  memberId: string | null;
  subject: { type: string; id: string };
  facts: Record<string, TemplateValue>;
  language: string;
  createdAt: Date;
}

/** The Standard Webhooks payload (`type`, `timestamp`, `data`) of a notification. */
export function webhookMessage(n: NotificationForWebhook): WebhookMessage {
  return {
    type: `intercity.${n.kind}`,
    timestamp: n.createdAt.toISOString(),
    data: { notificationId: n.id, kind: n.kind, personId: n.personId, networkId: n.networkId, memberId: n.memberId, subject: n.subject, facts: n.facts, language: n.language },
  };
}

/** The wait before retry number `retry` (1-based) of a schedule; past its end the last wait repeats. */
export function retryDelay(retry: number, scheduleMs: readonly number[]): number {
  if (!scheduleMs.length) return 0;
  return scheduleMs[Math.min(Math.max(retry, 1), scheduleMs.length) - 1];
}

