import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { IsOptional, IsString, Length } from 'class-validator';
import { IsSlug, IsSortSpec } from '../../shared/http/validators';
import { PageOf, PageQuery } from '@intercity/platform';

export class CreateNetworkDto {
  @ApiProperty({ example: 'eurocities' })
  @IsSlug()
  slug!: string;

  @ApiProperty({ example: 'Eurocities' })
  @IsString()
  @Length(1, 200)
  name!: string;

  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @IsString()
  @Length(0, 2000)
  description?: string | null;
}

/** Fields left out stay as they are; null clears an optional one, never a required one. */
export class UpdateNetworkDto extends PartialType(CreateNetworkDto, { skipNullProperties: false }) {}

export const NETWORK_SORT = ['slug', 'name', 'createdAt', 'updatedAt'] as const;

export class ListNetworksQuery extends PageQuery {
  @ApiPropertyOptional()
  @IsOptional()
  @IsSlug()
  slug?: string;

  @ApiPropertyOptional({ example: 'name', description: `Comma-separated; - for descending. Fields: ${NETWORK_SORT.join(', ')}` })
  @IsOptional()
  @IsSortSpec(NETWORK_SORT)
  sort?: string;
}

export class NetworkResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() slug!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ type: String, nullable: true }) description!: string | null;
  @ApiProperty() version!: number;
  @ApiProperty() createdAt!: Date;
  @ApiProperty() updatedAt!: Date;
}

export const NetworkPage = PageOf(NetworkResponse);
