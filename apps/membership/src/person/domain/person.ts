import { PersonErasedV1, PersonFunction, PersonStateV1 } from '@intercity/contracts';
import { canonicalLanguageTag } from '../../shared/domain/locale';
import { firstVersion, revise, Versioned } from '../../shared/domain/revise';
import { LocalDate, RuleViolation } from '@intercity/domain';

/** Someone working for a member: a city liaison, an integration officer, a trainer... Personal data (GDPR). */
export interface Person extends Versioned {
  id: string;
  memberId: string;
  givenName: string;
  familyName: string;
  email: string;
  functions: PersonFunction[];
  preferredLanguage: string;
  /** When the person's data was erased; an erased person no longer changes. */
  erasedAt: Date | null;
}

export interface PersonFields {
  givenName: string;
  familyName: string;
  email: string;
  functions: PersonFunction[];
  preferredLanguage: string;
}

export const ERASED_NAME = 'Erased';

/** Stands in for an erased address: unique per person (the per-member uniqueness still holds) and undeliverable (RFC 2606). */
export const erasedEmail = (personId: string): string => `erased+${personId}@erased.invalid`;

/** One spelling per address, so uniqueness per member and look-ups by e-mail ignore case. */
export const normaliseEmail = (email: string): string => email.trim().toLowerCase();

function normalise<T extends Partial<PersonFields>>(fields: T): T {
  const out = { ...fields };
  if (fields.email !== undefined) out.email = normaliseEmail(fields.email);
  if (fields.functions !== undefined) out.functions = [...new Set(fields.functions)];
  if (fields.preferredLanguage !== undefined) {
    const tag = canonicalLanguageTag(fields.preferredLanguage);
    if (!tag) throw RuleViolation.invalid('person.preferred-language', 'preferredLanguage', `"${fields.preferredLanguage}" is not a valid BCP 47 language tag`);
    out.preferredLanguage = tag;
  }
  return out;
}

function checkNotErased(p: Person): void {
  if (p.erasedAt !== null) throw RuleViolation.conflict('person.erased', "the person's data was erased; the record can no longer change");
}

export function registerPerson(id: string, member: { id: string; leftOn: LocalDate | null }, input: PersonFields, now: Date): Person {
  if (member.leftOn !== null) {
    throw RuleViolation.conflict('person.member-left', `the member left the network on ${member.leftOn}`, 'memberId');
  }
  return { id, memberId: member.id, ...normalise(input), erasedAt: null, ...firstVersion(now) };
}

export function changePerson(current: Person, changes: Partial<PersonFields>, now: Date): Person | undefined {
  checkNotErased(current);
  return revise(current, normalise(changes), now);
}

/**
 * GDPR erasure: the personal data is replaced, the record keeps its shape and its member (so
 * counts and references elsewhere still hold), and it can never change again.
 */
export function erasePerson(current: Person, now: Date): Person {
  checkNotErased(current);
  return {
    ...current,
    givenName: ERASED_NAME,
    familyName: ERASED_NAME,
    email: erasedEmail(current.id),
    functions: [],
    erasedAt: now,
    version: current.version + 1,
    updatedAt: now,
  };
}

export function personState(p: Person): PersonStateV1 {
  return {
    personId: p.id,
    memberId: p.memberId,
    givenName: p.givenName,
    familyName: p.familyName,
    email: p.email,
    functions: p.functions,
    preferredLanguage: p.preferredLanguage,
  };
}

/** Names the person and nothing about them, so every copy can forget them. */
export function personErased(p: Person): PersonErasedV1 {
  return { personId: p.id, memberId: p.memberId };
}
