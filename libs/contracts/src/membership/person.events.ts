import { ArrayUnique, IsArray, IsEmail, IsIn, IsString, IsUUID, Length } from 'class-validator';
import { defineEvent } from '../event-definition';
import { PERSON_FUNCTIONS, PersonFunction } from './vocabulary';

export class PersonStateV1 {
  @IsUUID('all') personId!: string;
  @IsUUID('all') memberId!: string;
  @IsString() @Length(1, 120) givenName!: string;
  @IsString() @Length(1, 120) familyName!: string;
  @IsEmail() email!: string;
  @IsArray() @ArrayUnique() @IsIn(PERSON_FUNCTIONS, { each: true }) functions!: PersonFunction[];
  @IsString() preferredLanguage!: string;
}

/** Carries no personal data: every copy elsewhere forgets the person. */
export class PersonErasedV1 {
  @IsUUID('all') personId!: string;
  @IsUUID('all') memberId!: string;
}

export const PersonRegistered = defineEvent('membership.person.registered', 1, 'person', PersonStateV1);
export const PersonUpdated = defineEvent('membership.person.updated', 1, 'person', PersonStateV1);
export const PersonErased = defineEvent('membership.person.erased', 1, 'person', PersonErasedV1);
