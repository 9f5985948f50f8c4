import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsOptional, IsString, IsUUID, Length } from 'class-validator';
import { RESOURCE_KINDS, ResourceKind } from '@intercity/contracts';
import { PageOf, PageQuery } from '@intercity/platform';

/** A resource in one language: a title, a summary, and a link, a file reference, or both. */
export class ResourceContentDto {
  @ApiProperty({ example: 'Opening a one-stop-shop', maxLength: 300 }) @IsString() @Length(1, 300) title!: string;

  @ApiProperty({ example: 'Steps, staff and partners for a one-stop-shop for newcomers', maxLength: 4000 }) @IsString() @Length(1, 4000) summary!: string;

  @ApiPropertyOptional({ type: String, nullable: true, example: 'https://example.org/guides/one-stop-shop', description: 'An http(s) address' })
  @IsOptional()
  @IsString()
  @Length(0, 2000)
  link?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, example: 'files/oss-en.pdf', description: 'A reference into file storage' })
  @IsOptional()
  @IsString()
  @Length(0, 500)
  fileRef?: string | null;
}

export class PublishResourceDto extends ResourceContentDto {
  @ApiProperty({ format: 'uuid', description: 'The community of practice the resource belongs to' }) @IsUUID('all') communityId!: string;

  @ApiProperty({ enum: RESOURCE_KINDS }) @IsIn(RESOURCE_KINDS) kind!: ResourceKind;

  @ApiProperty({ example: 'it', description: 'BCP 47 tag of the original, which is also the first fallback language' })
  @IsString()
  @Length(1, 35)
  language!: string;
}

export class TranslateResourceDto extends ResourceContentDto {
  @ApiPropertyOptional({ description: 'Make this the language shown to readers whose own language has no version' })
  @IsOptional()
  @IsBoolean()
  asFallback?: boolean;
}

export class TranslationParams {
  @ApiProperty({ format: 'uuid' }) @IsUUID('all') id!: string;
  @ApiProperty({ example: 'en', description: 'BCP 47 tag of the translation' }) @IsString() @Length(1, 35) language!: string;
}

export class ListResourcesQuery extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID('all') communityId?: string;
  @ApiPropertyOptional({ enum: RESOURCE_KINDS }) @IsOptional() @IsIn(RESOURCE_KINDS) kind?: ResourceKind;
  @ApiPropertyOptional({ example: 'de', description: 'Resources with a version in this language' }) @IsOptional() @IsString() @Length(1, 35) language?: string;
}

export class ReadResourceQuery {
  @ApiPropertyOptional({ example: 'de-AT,en', description: "The reader's languages in order of preference; the answer's `reading` is the best version, else the fallback" })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  lang?: string;
}

export class ResourceVersionResponse {
  @ApiProperty({ example: 'en' }) language!: string;
  @ApiProperty() title!: string;
  @ApiProperty() summary!: string;
  @ApiProperty({ type: String, nullable: true }) link!: string | null;
  @ApiProperty({ type: String, nullable: true }) fileRef!: string | null;
  @ApiProperty({ description: 'The edition of the original this text renders' }) basedOnEdition!: number;
  @ApiProperty({ description: 'Renders an older edition of the original' }) outdated!: boolean;
  @ApiProperty() updatedAt!: Date;
}

export class ReadingResponse {
  @ApiProperty() language!: string;
  @ApiProperty() title!: string;
  @ApiProperty() summary!: string;
  @ApiProperty({ type: String, nullable: true }) link!: string | null;
  @ApiProperty({ type: String, nullable: true }) fileRef!: string | null;
  @ApiProperty({ description: "None of the reader's languages had a version: this is the fallback" }) isFallback!: boolean;
  @ApiProperty({ description: 'A translation of an older edition of the original' }) outdated!: boolean;
}

export class ResourceResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) networkId!: string;
  @ApiProperty({ format: 'uuid' }) communityId!: string;
  @ApiProperty({ enum: RESOURCE_KINDS }) kind!: ResourceKind;
  @ApiProperty() originalLanguage!: string;
  @ApiProperty() fallbackLanguage!: string;
  @ApiProperty({ description: 'Edition of the original, raised each time its content changes' }) edition!: number;
  @ApiProperty({ type: [ResourceVersionResponse], description: 'The original first, then translations' }) versions!: ResourceVersionResponse[];
  @ApiProperty({ type: [String], description: 'Translations rendering an older edition' }) outdatedLanguages!: string[];
  @ApiPropertyOptional({ type: ReadingResponse, description: 'With `?lang=`: the version for the reader' }) reading?: ReadingResponse;
  @ApiProperty() version!: number;
  @ApiProperty() createdAt!: Date;
  @ApiProperty() updatedAt!: Date;
}

export const ResourcePage = PageOf(ResourceResponse);

export class OutdatedTranslationResponse {
  @ApiProperty() language!: string;
  @ApiProperty() basedOnEdition!: number;
  @ApiProperty() updatedAt!: Date;
}

export class OutdatedTranslationsResponse {
  @ApiProperty({ format: 'uuid' }) resourceId!: string;
  @ApiProperty({ description: "The original's current edition" }) edition!: number;
  @ApiProperty({ type: [OutdatedTranslationResponse] }) translations!: OutdatedTranslationResponse[];
}
