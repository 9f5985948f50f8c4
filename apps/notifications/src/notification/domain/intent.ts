import type { NotificationKind } from './vocabulary';

/** A value a template may print: plain text, a number, a local date or an instant. */
export type TemplateValue = string | number | boolean | null;

/**
 * Someone to tell something, as a rule derives it from an event: the person, what kind of
 * notification, what it is about, and the facts its template prints. One event gives one intent
 * per person and kind at most (`key`), so a redelivered event tells nobody twice.
 */
export interface Intent {
  /** `<event id>:<kind>:<person id>`: unique, so the same event never notifies a person twice. */
  key: string;
  kind: NotificationKind;
  personId: string;
  networkId: string;
  /** The person's city, for its webhooks and its liaison's view. */
  memberId: string | null;
  /** What the notification is about, for links and the inbox: `pairing`, `activity`, `sub-grant`… */
  subject: { type: string; id: string };
  /** What the template prints: names, dates, amounts already formatted, links. */
  facts: Record<string, TemplateValue>;
  /** The event it came from. */
  eventId: string;
  occurredAt: string;
}

/** A reminder to schedule (or move, or cancel) for a future instant, keyed so a later event replaces it. */
export interface ReminderPlan {
  /** Stable for what it reminds of: `visit-next-week:<visit id>`. */
  key: string;
  /** When to fire; null cancels the reminder. */
  at: Date | null;
  kind: NotificationKind;
  /** The event whose state the reminder carries. */
  eventId: string;
}

/**
 * A person a rule found to tell, from the service's copies of people and members: enough to
 * address them (language, e-mail) and to respect their clock (time zone).
 */
export interface Recipient {
  personId: string;
  /** The person's city (or organisation). */
  memberId: string;
  networkId: string;
  /** BCP 47, the person's (else their city's main) language. */
  language: string;
  /** IANA zone the person lives by (else their city's): quiet hours and digests are read in it. */
  timeZone: string;
  /** Null when the copy has none (erased, or never given): no e-mail can go. */
  email: string | null;
  name: string;
}
