import { ResourceKind, ResourcePublished, ResourceStateV1, ResourceTranslated, ResourceTranslationOutdated } from '@intercity/contracts';
import { firstVersion, nextVersion, pickLanguage, present, RuleViolation, Versioned } from '@intercity/domain';
import type { Community } from '../../community/domain/community';
import { emission, Outcome, unchanged } from '../../shared/domain/outcome';
import { language, optionalText, requiredText, webAddress } from '../../shared/domain/text';

/** What a reader gets in one language: a title, a summary, and where to find the thing itself. */
export interface ResourceContent {
  title: string;
  summary: string;
  link: string | null;
  /** A reference into file storage (the file itself lives elsewhere). */
  fileRef: string | null;
}

export interface ResourceVersion extends ResourceContent {
  language: string;
  /** The edition of the original this text renders. */
  basedOnEdition: number;
  updatedAt: Date;
}

/** A how-to guide, toolkit, handbook, good practice, video, leaflet or infographic. */
export interface Resource extends Versioned {
  id: string;
  communityId: string;
  networkId: string;
  kind: ResourceKind;
  originalLanguage: string;
  /** Shown to readers whose language has no version: the original or one of its translations. */
  fallbackLanguage: string;
  /** Edition of the original, raised each time its content changes. */
  edition: number;
  /** The original first, then translations in the order they were added. */
  versions: ResourceVersion[];
}

export interface ResourceContentInput {
  title: string;
  summary: string;
  link?: string | null;
  fileRef?: string | null;
}

function checkContent(input: ResourceContentInput): ResourceContent {
  const link = input.link == null || input.link.trim() === '' ? null : webAddress(input.link, 'resource.link', 'link');
  const fileRef = optionalText(input.fileRef, 500, 'resource.file-ref', 'fileRef');
  if (link === null && fileRef === null) throw RuleViolation.invalid('resource.link-or-file', 'link', 'a resource needs a link, a file, or both');
  return {
    title: requiredText(input.title, 300, 'resource.title', 'title'),
    summary: requiredText(input.summary, 4000, 'resource.summary', 'summary'),
    link,
    fileRef,
  };
}

const sameContent = (a: ResourceContent, b: ResourceContent) =>
  a.title === b.title && a.summary === b.summary && a.link === b.link && a.fileRef === b.fileRef;

export const original = (r: Resource): ResourceVersion => r.versions[0];

export const isOutdated = (r: Pick<Resource, 'edition'>, v: Pick<ResourceVersion, 'basedOnEdition'>): boolean => v.basedOnEdition < r.edition;

/** Translations that render an older edition of the original than the current one. */
export const outdatedTranslations = (r: Resource): string[] => r.versions.filter((v) => isOutdated(r, v)).map((v) => v.language);

export function resourceState(r: Resource): ResourceStateV1 {
  return {
    resourceId: r.id,
    communityId: r.communityId,
    networkId: r.networkId,
    kind: r.kind,
    originalLanguage: r.originalLanguage,
    fallbackLanguage: r.fallbackLanguage,
    edition: r.edition,
    versions: r.versions.map((v) =>
      present({ language: v.language, title: v.title, summary: v.summary, link: v.link, fileRef: v.fileRef, basedOnEdition: v.basedOnEdition }),
    ),
  };
}

export interface PublishInput {
  kind: ResourceKind;
  language: string;
  content: ResourceContentInput;
}

export function publishResource(id: string, community: Community, input: PublishInput, now: Date): Outcome<Resource> {
  const lang = language(input.language, 'resource.language', 'language');
  const resource: Resource = {
    id,
    communityId: community.id,
    networkId: community.networkId,
    kind: input.kind,
    originalLanguage: lang,
    fallbackLanguage: lang,
    edition: 1,
    versions: [{ language: lang, ...checkContent(input.content), basedOnEdition: 1, updatedAt: now }],
    ...firstVersion(now),
  };
  return { state: resource, events: [emission(ResourcePublished, resource, resourceState(resource))] };
}

/**
 * A new edition of the original. Translations that were current fall behind, and the event that
 * says so lists them, so translators can be told. Both events carry the same state: read models
 * that keep only the newest version lose nothing whichever they apply.
 */
export function reviseOriginal(current: Resource, input: ResourceContentInput, now: Date): Outcome<Resource> {
  const content = checkContent(input);
  if (sameContent(original(current), content)) return unchanged(current);
  const edition = current.edition + 1;
  const [first, ...translations] = current.versions;
  const resource = nextVersion(current, { edition, versions: [{ ...first, ...content, basedOnEdition: edition, updatedAt: now }, ...translations] }, now);
  const newlyOutdated = translations.filter((t) => t.basedOnEdition === current.edition).map((t) => t.language);
  const state = resourceState(resource);
  return {
    state: resource,
    events: [
      emission(ResourcePublished, resource, state),
      ...(newlyOutdated.length ? [emission(ResourceTranslationOutdated, resource, { ...state, outdatedLanguages: newlyOutdated })] : []),
    ],
  };
}

/**
 * Adds or updates a translation, rendering the current edition. Sending an outdated translation's
 * text unchanged confirms it still fits the new edition. `asFallback` makes it the language shown
 * to readers whose own has no version (English for an Italian original, say).
 */
export function translate(current: Resource, lang: string, input: ResourceContentInput, now: Date, { asFallback = false } = {}): Outcome<Resource> {
  const tag = language(lang, 'resource.language', 'language');
  if (tag === current.originalLanguage) {
    throw RuleViolation.invalid('resource.translation.original', 'language', 'the original is revised, not translated');
  }
  const content = checkContent(input);
  const existing = current.versions.find((v) => v.language === tag);
  const fallbackLanguage = asFallback ? tag : current.fallbackLanguage;
  if (existing && sameContent(existing, content) && !isOutdated(current, existing) && fallbackLanguage === current.fallbackLanguage) return unchanged(current);
  const version: ResourceVersion = { language: tag, ...content, basedOnEdition: current.edition, updatedAt: now };
  const versions = existing ? current.versions.map((v) => (v.language === tag ? version : v)) : [...current.versions, version];
  const resource = nextVersion(current, { versions, fallbackLanguage }, now);
  return { state: resource, events: [emission(ResourceTranslated, resource, resourceState(resource))] };
}

export interface Reading extends ResourceContent {
  language: string;
  /** The reader's language had no version; this is the fallback. */
  isFallback: boolean;
  /** A translation of an older edition: shown, with a warning that the original has changed. */
  outdated: boolean;
}

/** The version a reader who prefers `preferred` (in order) should see. */
export function readIn(r: Resource, preferred: readonly string[]): Reading {
  const match = pickLanguage(
    preferred,
    r.versions.map((v) => v.language),
    '',
  );
  const v = r.versions.find((x) => x.language === (match || r.fallbackLanguage)) ?? original(r);
  return { language: v.language, title: v.title, summary: v.summary, link: v.link, fileRef: v.fileRef, isFallback: match === '', outdated: isOutdated(r, v) };
}
