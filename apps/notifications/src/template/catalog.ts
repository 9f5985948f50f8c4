import type { NotificationKind } from '../notification/domain/vocabulary';

/**
 * What one kind of notification says in one language. Every string is a Handlebars template over
 * the intent's facts (plus `recipientName`), compiled in strict mode: a fact it prints that is
 * missing fails the render instead of printing nothing. Helpers: `{{date f}}` (a local date
 * `YYYY-MM-DD`, or the date of an instant in the recipient's zone), `{{dateRange from to}}` (`to` may be null: one day),
 * `{{instant f}}` (an ISO instant, as date and time in the recipient's zone) and `{{word f}}` (a
 * code such as `cancelled`, in this kind's `words`) and `{{or f "wording"}}` (the fact, or the
 * wording when it is missing). Amounts arrive as facts already formatted.
 *
 * Names of cities and activities come from the service's copies and may be null (not copied yet,
 * or a programme certificate of several activities): a template prints them through `{{or}}` or
 * inside `{{#if}}`, with a generic wording that fits the sentence in its language ("einer
 * Partnerstadt", "d’une ville partenaire"), so the notification still goes out.
 *
 * The e-mail's HTML body is the rendered `text`, escaped and split into paragraphs at blank
 * lines, inside the shared MJML layout: one wording per language, so the two parts never drift.
 */
export interface KindTemplate {
  /** E-mail subject line. */
  subject: string;
  /** E-mail body, plain text; a blank line starts a new paragraph. No greeting, no footer. */
  text: string;
  /** In-app title: a few words. */
  title: string;
  /** In-app body: one or two short sentences. */
  body: string;
  /** Footer: why the recipient gets this notification. */
  why: string;
  /** The wording of the codes a fact takes (`change: 'cancelled'`), for `{{word change}}`. */
  words?: Readonly<Record<string, string>>;
}

/** Everything written in one language: the layout's words and one template per kind. */
export interface LanguagePack {
  /** `Hello {{recipientName}},` */
  greeting: string;
  /** The button (HTML) or label (text) of the notification's link. */
  open: string;
  /** The footer's link to the notification settings. */
  preferences: string;
  /** The footer's sentence when there is no settings link to give. */
  preferencesHint: string;
  digest: {
    subject: string;
    /** Above the list of items. */
    intro: string;
    why: string;
  };
  kinds: Readonly<Record<NotificationKind, KindTemplate>>;
}
