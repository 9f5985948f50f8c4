/**
 * The kinds of notification people can be told, each with its default channels and cadence: what
 * a real network's staff would want without touching their settings.
 */
export const NOTIFICATION_KINDS = [
  /** A city's liaison: their city's staff exchange changed (proposed, agreed, dated, moved, done, cancelled). */
  'exchange-changed',
  /** The visitors of a visit: it starts next week. */
  'visit-next-week',
  /** The people registered for an activity: it was rescheduled, moved or cancelled. */
  'activity-changed',
  /** The person first on a waitlist: a seat is offered to them until it expires. */
  'seat-offered',
  /** A person's own registration: confirmed, waitlisted, lapsed or cancelled. */
  'registration-changed',
  /** The network's coordinators (grant officers): a city submitted an expenditure report. */
  'report-submitted',
  /** A city's liaison: a report of their sub-grant is due within 7 days. */
  'report-due-soon',
  /** A city's liaison: a report of their sub-grant is overdue. */
  'report-overdue',
  /** A city's liaison: a milestone of their action plan is slipping. */
  'milestone-slipping',
  /** A person: a certificate of attendance was issued to them. */
  'certificate-issued',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export const CHANNELS = ['email', 'in-app', 'webhook'] as const;
export type Channel = (typeof CHANNELS)[number];

export const CADENCES = ['immediate', 'daily', 'weekly'] as const;
export type Cadence = (typeof CADENCES)[number];

/** Languages every template is written in; others fall back to English. */
export const TEMPLATE_LANGUAGES = ['en', 'de', 'it', 'es', 'fr', 'nl'] as const;
export type TemplateLanguage = (typeof TEMPLATE_LANGUAGES)[number];

export const DELIVERY_STATUSES = ['queued', 'sending', 'sent', 'failed', 'uncertain', 'parked'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];
