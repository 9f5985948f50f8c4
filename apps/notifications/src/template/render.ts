import { pickLanguage } from '@intercity/domain';
import Handlebars from 'handlebars';
import type { TemplateValue } from '../notification/domain/intent';
import { type NotificationKind, TEMPLATE_LANGUAGES, type TemplateLanguage } from '../notification/domain/vocabulary';
import type { KindTemplate, LanguagePack } from './catalog';
import { formatDate, formatDateRange, formatInstant } from './format';
import { PACKS } from './languages';
import { type LayoutValues, layoutHtml } from './layout';
import { type HelperParams, missingFact, type Requirements, requirementsOf } from './requirements';

export type { TemplateValue } from '../notification/domain/intent';

export interface RenderedEmail {
  subject: string;
  html: string;
  text: string;
}

export interface RenderedInApp {
  title: string;
  body: string;
}

/**
 * One notification to render. `facts` are the intent's; two optional ones serve the layout:
 * `networkName` (the e-mail's header; "Intercity" without it) and `preferencesUrl` (the footer's
 * link to the notification settings).
 */
export interface RenderInput {
  kind: NotificationKind;
  /** The recipient's preferred language, BCP 47 (`de-AT`); see resolveLanguage. */
  language: string;
  facts: Record<string, TemplateValue>;
  recipientName: string;
  /** IANA zone the recipient reads times in (`Europe/Lisbon`). */
  timeZone: string;
  /** Absolute http(s) URL of what the notification is about: the e-mail's button. */
  link?: string;
}

export interface DigestInput {
  language: string;
  recipientName: string;
  timeZone: string;
  items: { kind: NotificationKind; facts: Record<string, TemplateValue>; createdAt: Date }[];
}

/** A template failed to render, or lacks a fact it needs: the job is dead-lettered with `message`. */
export class TemplateError extends Error {
  constructor(
    readonly kind: NotificationKind | 'digest',
    readonly language: string,
    readonly reason: string,
    /** The missing fact, when that is the reason. */
    readonly fact?: string,
  ) {
    super(`template ${kind} (${language}): ${reason}`);
    this.name = 'TemplateError';
  }
}

// ---------------------------------------------------------------------------------------------
// Languages

const resolved = new Map<string, TemplateLanguage>();

/** The template language for someone who prefers `preferred`: `de-AT` → `de`; unknown → `en`. */
export function resolveLanguage(preferred: string): TemplateLanguage {
  let language = resolved.get(preferred);
  if (!language) {
    try {
      language = pickLanguage([preferred], TEMPLATE_LANGUAGES, 'en') as TemplateLanguage;
    } catch {
      language = 'en'; // not a language tag at all
    }
    if (resolved.size < 1000) resolved.set(preferred, language);
  }
  return language;
}

/**
 * The locale dates are written in: the preferred tag when the templates speak its language, so
 * `de-AT` readers get Austrian month names, else the template language. English is British
 * English (day before month) for a European audience, unless the recipient asks otherwise.
 */
function formatLocale(preferred: string, language: TemplateLanguage): string {
  try {
    const [canonical] = Intl.getCanonicalLocales(preferred);
    if (canonical && canonical !== 'en' && new Intl.Locale(canonical).language === language) return canonical;
  } catch {
    // not a language tag: use the template language
  }
  return language === 'en' ? 'en-GB' : language;
}

// ---------------------------------------------------------------------------------------------
// Compiling, once per template

/** What helpers read from the render: where and for whom it happens. */
interface RenderData {
  locale: string;
  timeZone: string;
  words: Readonly<Record<string, string>>;
}

const handlebars = Handlebars.create();
/**
 * The helpers, and which of their parameters may be null: `{{dateRange from to}}` without an end is
 * one day; `{{or cityName "a partner city"}}` without the name prints the wording.
 */
const HELPERS: HelperParams = new Map([
  ['date', []],
  ['dateRange', [1]],
  ['instant', []],
  ['word', []],
  ['or', [0]],
]);

function renderData(options: Handlebars.HelperOptions): RenderData {
  return options.data as RenderData;
}

function needed(helper: string, value: unknown): void {
  if (value === undefined || value === null) throw new Error(`{{${helper}}} was given no value`);
}

handlebars.registerHelper('date', (value: unknown, options: Handlebars.HelperOptions) => {
  needed('date', value);
  const { locale, timeZone } = renderData(options);
  return formatDate(value, locale, timeZone);
});
handlebars.registerHelper('dateRange', (from: unknown, to: unknown, options: Handlebars.HelperOptions) => {
  needed('dateRange', from);
  const { locale, timeZone } = renderData(options);
  return to === undefined || to === null || to === from ? formatDate(from, locale, timeZone) : formatDateRange(from, to, locale);
});
handlebars.registerHelper('instant', (value: unknown, options: Handlebars.HelperOptions) => {
  needed('instant', value);
  const { locale, timeZone } = renderData(options);
  return formatInstant(value, locale, timeZone);
});
handlebars.registerHelper('word', (code: unknown, options: Handlebars.HelperOptions) => {
  needed('word', code);
  const words = renderData(options).words;
  const word = Object.hasOwn(words, String(code)) ? words[String(code)] : undefined;
  if (word === undefined) throw new Error(`no wording for the value ${JSON.stringify(code)}`);
  return word;
});

// Names come from the service's copies of other services' data, which may not have them (yet):
// a missing or blank name is worded generically rather than failing the notification.
handlebars.registerHelper('or', (value: unknown, wording: unknown, options?: Handlebars.HelperOptions) => {
  if (options === undefined || typeof wording !== 'string') throw new Error('{{or}} takes a fact and the wording to print without it');
  if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) return wording;
  return value;
});

interface Compiled {
  render: Handlebars.TemplateDelegate;
  requires: Requirements;
}

/** Plain text out (subjects, text, in-app): no HTML escaping; the HTML layout escapes. */
function compile(source: string): Compiled {
  const ast = handlebars.parse(source);
  return {
    render: handlebars.compile(ast, {
      strict: true,
      noEscape: true,
      knownHelpers: { date: true, dateRange: true, instant: true, word: true, or: true },
    }),
    requires: requirementsOf(ast, HELPERS),
  };
}

type CompiledKind = { [part in keyof Omit<KindTemplate, 'words'>]: Compiled } & { words: Readonly<Record<string, string>> };

const kinds = new Map<string, CompiledKind>();

function compiledKind(language: TemplateLanguage, kind: NotificationKind): CompiledKind {
  const key = `${language}:${kind}`;
  let compiled = kinds.get(key);
  if (!compiled) {
    const template = PACKS[language].kinds[kind];
    if (!template) throw new TemplateError(kind, language, 'no template for this kind');
    try {
      compiled = {
        subject: compile(template.subject),
        text: compile(template.text),
        title: compile(template.title),
        body: compile(template.body),
        why: compile(template.why),
        words: template.words ?? {},
      };
    } catch (error) {
      throw new TemplateError(kind, language, `does not compile: ${messageOf(error)}`);
    }
    kinds.set(key, compiled);
  }
  return compiled;
}

const greetings = new Map<TemplateLanguage, Compiled>();

function greeting(language: TemplateLanguage): Compiled {
  let compiled = greetings.get(language);
  if (!compiled) {
    compiled = compile(PACKS[language].greeting);
    greetings.set(language, compiled);
  }
  return compiled;
}

const layouts = new Map<boolean, Promise<Handlebars.TemplateDelegate<LayoutValues>>>();

function layout(withButton: boolean): Promise<Handlebars.TemplateDelegate<LayoutValues>> {
  let compiled = layouts.get(withButton);
  if (!compiled) {
    compiled = layoutHtml(withButton).then((html) => handlebars.compile<LayoutValues>(html, { strict: true }));
    // A failure is not cached: the next render tries again.
    compiled.catch(() => layouts.delete(withButton));
    layouts.set(withButton, compiled);
  }
  return compiled;
}

// ---------------------------------------------------------------------------------------------
// Rendering

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

interface Scope {
  kind: NotificationKind | 'digest';
  language: TemplateLanguage;
  data: RenderData;
}

function run(part: string, template: Compiled, context: Readonly<Record<string, unknown>>, scope: Scope): string {
  const missing = missingFact(template.requires, context);
  if (missing) throw new TemplateError(scope.kind, scope.language, `the fact "${missing}" is missing (${part})`, missing);
  try {
    return template.render(context, { data: scope.data });
  } catch (error) {
    throw new TemplateError(scope.kind, scope.language, `${part}: ${messageOf(error)}`);
  }
}

function oneLine(value: string): string {
  return value.replace(/\s+/g, ' ').trim();
}

function url(value: unknown, what: string, scope: Scope): string | null {
  if (value === undefined || value === null || value === '') return null;
  if (typeof value !== 'string' || !/^https?:\/\/\S+$/i.test(value)) {
    throw new TemplateError(scope.kind, scope.language, `${what} is not an http(s) URL: ${JSON.stringify(value)}`);
  }
  return value;
}

/** Paragraphs of plain text as HTML: escaped, blank lines between paragraphs, single breaks kept. */
function paragraphsHtml(text: string): string {
  return text
    .split(/\n\s*\n/)
    .map((paragraph) => paragraph.trim())
    .filter((paragraph) => paragraph.length > 0)
    .map((paragraph) => `<p style="margin:0 0 12px">${Handlebars.escapeExpression(paragraph).replace(/\n/g, '<br />')}</p>`)
    .join('');
}

interface Email {
  scope: Scope;
  pack: LanguagePack;
  subject: string;
  greeting: string;
  text: string;
  bodyHtml: string;
  why: string;
  link: string | null;
  networkName: string | null;
  preferencesUrl: string | null;
}

async function email(parts: Email): Promise<RenderedEmail> {
  const { pack, scope, link, preferencesUrl } = parts;
  const subject = oneLine(parts.subject);
  // Labels above their URLs: no colon to punctuate per language (French wants a space before it).
  const footer = preferencesUrl ? `${pack.preferences}\n${preferencesUrl}` : pack.preferencesHint;
  const text = [parts.greeting, parts.text.trim(), ...(link ? [`${pack.open}\n${link}`] : []), `-- \n${parts.why}\n${footer}`].join('\n\n');
  let html: string;
  try {
    html = (await layout(link !== null))(
      {
        lang: scope.data.locale,
        subject,
        preview: oneLine(parts.text).slice(0, 140),
        header: parts.networkName ?? 'Intercity',
        greeting: parts.greeting,
        bodyHtml: parts.bodyHtml,
        link,
        open: pack.open,
        why: parts.why,
        preferencesUrl,
        preferences: pack.preferences,
        preferencesHint: pack.preferencesHint,
      },
      { data: scope.data },
    );
  } catch (error) {
    throw new TemplateError(scope.kind, scope.language, `layout: ${messageOf(error)}`);
  }
  return { subject, html, text: `${text}\n` };
}

function prepare(input: RenderInput): { scope: Scope; pack: LanguagePack; template: CompiledKind; context: Record<string, unknown> } {
  const language = resolveLanguage(input.language);
  const template = compiledKind(language, input.kind);
  return {
    scope: { kind: input.kind, language, data: { locale: formatLocale(input.language, language), timeZone: input.timeZone, words: template.words } },
    pack: PACKS[language],
    template,
    context: { ...input.facts, recipientName: input.recipientName },
  };
}

function textFact(value: TemplateValue | undefined): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value : null;
}

/** The e-mail of one notification: subject, HTML (MJML layout) and plain text. */
export async function renderEmail(input: RenderInput): Promise<RenderedEmail> {
  const { scope, pack, template, context } = prepare(input);
  const text = run('text', template.text, context, scope);
  return email({
    scope,
    pack,
    subject: run('subject', template.subject, context, scope),
    greeting: run('greeting', greeting(scope.language), context, scope),
    text,
    bodyHtml: paragraphsHtml(text),
    why: run('why', template.why, context, scope),
    link: url(input.link, 'the link', scope),
    networkName: textFact(input.facts.networkName),
    preferencesUrl: url(input.facts.preferencesUrl, 'preferencesUrl', scope),
  });
}

/** The in-app notification: a title and a short body, plain text. Synchronous and cheap. */
export function renderInApp(input: RenderInput): RenderedInApp {
  const { scope, template, context } = prepare(input);
  return {
    title: oneLine(run('title', template.title, context, scope)),
    body: run('body', template.body, context, scope).trim(),
  };
}

/**
 * One e-mail gathering a person's notifications of a day or week: each item's in-app title and
 * body with when it happened, oldest first as given. Any item failing fails the digest (a
 * TemplateError naming that item's kind), rather than silently leaving it out.
 */
export async function renderDigest(input: DigestInput): Promise<RenderedEmail> {
  const language = resolveLanguage(input.language);
  const pack = PACKS[language];
  const locale = formatLocale(input.language, language);
  const scope: Scope = { kind: 'digest', language, data: { locale, timeZone: input.timeZone, words: {} } };
  if (input.items.length === 0) throw new TemplateError('digest', language, 'a digest needs at least one item');

  const items = input.items.map((item) => {
    const rendered = renderInApp({ kind: item.kind, language: input.language, facts: item.facts, recipientName: input.recipientName, timeZone: input.timeZone });
    let when: string;
    try {
      when = formatInstant(item.createdAt.toISOString(), locale, input.timeZone);
    } catch (error) {
      throw new TemplateError(item.kind, language, `createdAt: ${messageOf(error)}`);
    }
    return { ...rendered, when };
  });
  const networks = new Set(input.items.map((item) => textFact(item.facts.networkName)));
  const context = { recipientName: input.recipientName };

  const text = [pack.digest.intro, ...items.map((item) => `* ${item.title} (${item.when})\n  ${item.body}`)].join('\n\n');
  const bodyHtml =
    paragraphsHtml(pack.digest.intro) +
    items
      .map(
        (item) =>
          `<p style="margin:0 0 12px"><strong>${Handlebars.escapeExpression(item.title)}</strong>` +
          ` <span style="color:#6b7280">${Handlebars.escapeExpression(item.when)}</span><br />${Handlebars.escapeExpression(item.body)}</p>`,
      )
      .join('');
  return email({
    scope,
    pack,
    subject: pack.digest.subject,
    greeting: run('greeting', greeting(language), context, scope),
    text,
    bodyHtml,
    why: pack.digest.why,
    link: null,
    networkName: networks.size === 1 ? [...networks][0] : null,
    preferencesUrl: null,
  });
}
