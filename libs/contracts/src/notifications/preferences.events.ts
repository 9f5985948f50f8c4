import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsISO8601, IsOptional, IsUUID, Matches, ValidateNested } from 'class-validator';
import { defineEvent } from '../event-definition';

/** Kebab-case names: kinds, channels and cadences are notifications' own vocabulary, and grow. */
const KEBAB = /^[a-z][a-z0-9-]*$/;
const HH_MM = /^([01]\d|2[0-3]):[0-5]\d$/;

/** One kind's new settings: only the fields that changed. */
export class PreferenceKindChangeV1 {
  @Matches(KEBAB) kind!: string;
  /** The channels it now goes to (empty: muted). */
  @IsOptional() @IsArray() @ArrayMaxSize(20) @Matches(KEBAB, { each: true }) channels?: string[];
  /** How e-mail of it now goes: at once, or in the daily or weekly digest. */
  @IsOptional() @Matches(KEBAB) cadence?: string;
}

export class PreferenceQuietHoursV1 {
  @Matches(HH_MM) from!: string;
  @Matches(HH_MM) to!: string;
}

/**
 * What changed, and only that: a field left out did not change; `quietHours: null` turned them
 * off, `timeZone: null` went back to the person's city's zone.
 */
export class PreferenceChangesV1 {
  @IsOptional() @IsArray() @ArrayMaxSize(100) @ValidateNested({ each: true }) @Type(() => PreferenceKindChangeV1) kinds?: PreferenceKindChangeV1[];
  @IsOptional() @ValidateNested() @Type(() => PreferenceQuietHoursV1) quietHours?: PreferenceQuietHoursV1 | null;
  @IsOptional() @Matches(/^[A-Za-z0-9_+\-/]+$/) timeZone?: string | null;
}

/**
 * A person's notification settings changed: what, and who changed them: the person, or their
 * city's liaison or a network admin on their behalf (ARCHITECTURE §5). The aggregate is the
 * person's settings, its id the person's.
 */
export class PreferencesChangedV1 {
  @IsUUID('all') personId!: string;
  @IsUUID('all') memberId!: string;
  @IsUUID('all') networkId!: string;
  @ValidateNested() @Type(() => PreferenceChangesV1) changes!: PreferenceChangesV1;
  @IsUUID('all') changedBy!: string;
  @IsISO8601({ strict: true }) changedAt!: string;
}

export const PreferencesChanged = defineEvent('notifications.preferences.changed', 1, 'preferences', PreferencesChangedV1);
