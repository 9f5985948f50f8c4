import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional, IsString, IsUrl, Length, Matches } from 'class-validator';
import { IsSlug, IsSortSpec } from '../../shared/http/validators';
import { PageOf, PageQuery, toBoolean } from '@intercity/platform';

export class RegisterNodeDto {
  @ApiProperty({ example: 'ravenna', description: 'The node id: a slug, unique' })
  @IsSlug()
  id!: string;

  @ApiProperty({ example: 'Ravenna city node' })
  @IsString()
  @Length(1, 200)
  name!: string;

  @ApiProperty({ example: 'https://intercity.comune.ra.it', description: 'Where people reach this node' })
  @IsUrl({ require_tld: false, require_protocol: true, protocols: ['http', 'https'] })
  @Length(1, 500)
  baseUrl!: string;

  @ApiProperty({ description: "Whether this is the network's hub node (there is one)" })
  @IsBoolean()
  hub!: boolean;

  @ApiPropertyOptional({ example: 'ravenna', description: 'JetStream domain of the node, when it federates' })
  @IsOptional()
  @Matches(/^[A-Za-z0-9_-]{1,63}$/)
  jetstreamDomain?: string | null;
}

export const NODE_SORT = ['id', 'name', 'createdAt'] as const;

export class ListNodesQuery extends PageQuery {
  @ApiPropertyOptional()
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  hub?: boolean;

  @ApiPropertyOptional({ example: 'name', description: `Comma-separated; - for descending. Fields: ${NODE_SORT.join(', ')}` })
  @IsOptional()
  @IsSortSpec(NODE_SORT)
  sort?: string;
}

export class NodeIdParam {
  @ApiProperty() @IsSlug() id!: string;
}

export class NodeResponse {
  @ApiProperty() id!: string;
  @ApiProperty() name!: string;
  @ApiProperty() baseUrl!: string;
  @ApiProperty() hub!: boolean;
  @ApiProperty({ type: String, nullable: true }) jetstreamDomain!: string | null;
  @ApiProperty() version!: number;
  @ApiProperty() createdAt!: Date;
  @ApiProperty() updatedAt!: Date;
}

export const NodePage = PageOf(NodeResponse);
