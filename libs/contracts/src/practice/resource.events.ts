import { Type } from 'class-transformer';
import { ArrayMinSize, IsArray, IsIn, IsInt, IsOptional, IsString, IsUrl, IsUUID, Length, Min, ValidateNested } from 'class-validator';
import { defineEvent } from '../event-definition';
import { RESOURCE_KINDS, ResourceKind } from './vocabulary';

/** A resource in one language: a link, a file reference, or both. */
export class ResourceVersionV1 {
  @IsString() language!: string;
  @IsString() @Length(1, 300) title!: string;
  @IsString() @Length(1, 4000) summary!: string;
  @IsOptional() @IsUrl({ protocols: ['http', 'https'], require_protocol: true }) link?: string;
  @IsOptional() @IsString() @Length(1, 500) fileRef?: string;
  /** The edition of the original this text renders; behind the resource's edition means outdated. */
  @IsInt() @Min(1) basedOnEdition!: number;
}

export class ResourceStateV1 {
  @IsUUID('all') resourceId!: string;
  @IsUUID('all') communityId!: string;
  @IsUUID('all') networkId!: string;
  @IsIn(RESOURCE_KINDS) kind!: ResourceKind;
  @IsString() originalLanguage!: string;
  /** Shown to a reader whose language has no translation. */
  @IsString() fallbackLanguage!: string;
  /** Edition of the original, raised each time its content changes. */
  @IsInt() @Min(1) edition!: number;
  /** The original first, then translations. */
  @IsArray() @ArrayMinSize(1) @ValidateNested({ each: true }) @Type(() => ResourceVersionV1) versions!: ResourceVersionV1[];
}

/** The resource's state after the original changed, and which translations that left behind. */
export class ResourceTranslationOutdatedV1 extends ResourceStateV1 {
  @IsArray() @ArrayMinSize(1) @IsString({ each: true }) outdatedLanguages!: string[];
}

export const ResourcePublished = defineEvent('practice.resource.published', 1, 'resource', ResourceStateV1);
export const ResourceTranslated = defineEvent('practice.resource.translated', 1, 'resource', ResourceStateV1);
export const ResourceTranslationOutdated = defineEvent('practice.resource.translation-outdated', 1, 'resource', ResourceTranslationOutdatedV1);
