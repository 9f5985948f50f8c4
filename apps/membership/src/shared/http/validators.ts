import { ValidateBy, ValidationArguments, ValidationOptions } from 'class-validator';
import { canonicalLanguageTag, isCountryCode, isIanaTimeZone, isSubdivisionCode } from '../domain/locale';
import { unknownSortFields } from '../domain/sort';
import { isLocalDate } from '@intercity/domain';

/**
 * class-validator decorators over the domain's checks, so a 400 names the field and the rule
 * (`isLocalDate`, `isCountryCode`, ...) and the rules themselves stay plain functions.
 */
function stringRule(name: string, test: (v: string) => boolean, message: string, options?: ValidationOptions) {
  return ValidateBy(
    {
      name,
      validator: {
        validate: (v: unknown) => typeof v === 'string' && test(v),
        defaultMessage: (args?: ValidationArguments) => `${args?.property} ${message}`,
      },
    },
    options,
  );
}

export const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export const IsSlug = (options?: ValidationOptions) =>
  stringRule('isSlug', (v) => v.length <= 63 && SLUG.test(v), 'must be lower-case letters and digits joined by single dashes, at most 63 characters', options);

export const IsLocalDate = (options?: ValidationOptions) =>
  stringRule('isLocalDate', isLocalDate, 'must be a calendar date written YYYY-MM-DD', options);

export const IsCountryCode = (options?: ValidationOptions) =>
  stringRule('isCountryCode', isCountryCode, 'must be an ISO 3166-1 alpha-2 country code such as DE', options);

export const IsSubdivisionCode = (options?: ValidationOptions) =>
  stringRule('isSubdivisionCode', isSubdivisionCode, 'must be an ISO 3166-2 subdivision code such as DE-HE', options);

export const IsIanaTimeZone = (options?: ValidationOptions) =>
  stringRule('isIanaTimeZone', isIanaTimeZone, 'must be an IANA time zone such as Europe/Rome', options);

export const IsLanguageTag = (options?: ValidationOptions) =>
  stringRule('isLanguageTag', (v) => canonicalLanguageTag(v) !== undefined, 'must be a valid BCP 47 language tag such as de or pt-BR', options);

/** `sort=name,-createdAt`, each field from the resource's list; the message names the unknown ones. */
export const IsSortSpec = (allowed: readonly string[], options?: ValidationOptions) =>
  ValidateBy(
    {
      name: 'isSortSpec',
      validator: {
        validate: (v: unknown) => typeof v === 'string' && v.length <= 200 && unknownSortFields(v, allowed).length === 0,
        defaultMessage: (args?: ValidationArguments) => {
          const unknown = typeof args?.value === 'string' ? unknownSortFields(args.value, allowed) : [];
          return `${unknown.length ? `unknown sort field ${unknown.map((f) => `"${f}"`).join(', ')}; ` : ''}sort by ${allowed.join(', ')} (prefix - for descending)`;
        },
      },
    },
    options,
  );
