import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsOptional, IsString, IsUUID, Length } from 'class-validator';
import { PageOf, PageQuery } from '@intercity/platform';
import { NOTIFICATION_KINDS } from '../../notification/domain/vocabulary';
import { ENDPOINT_SCOPES, EndpointScope } from '../domain/webhook-endpoint';

export class CreateWebhookDto {
  @ApiProperty({ enum: ENDPOINT_SCOPES, description: "Whose notifications it hears of: the network's, a city's people's, or one person's" })
  @IsIn(ENDPOINT_SCOPES)
  scope!: EndpointScope;
  @ApiProperty({ format: 'uuid' }) @IsUUID('all') networkId!: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'City scope only: the city' }) @IsOptional() @IsUUID('all') memberId?: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'Person scope only: the person' }) @IsOptional() @IsUUID('all') personId?: string;
  @ApiProperty({ example: 'https://hooks.example.org/intercity', description: 'https when the node requires it (production)' })
  @IsString()
  @Length(1, 2000)
  url!: string;
  // Which kinds exist is checked by the service, so an unknown one is named by its index (`kinds.2`).
  @ApiPropertyOptional({ enum: NOTIFICATION_KINDS, isArray: true, description: 'Default: every kind' })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @IsString({ each: true })
  kinds?: string[];
}

export class ListWebhooksQuery extends PageQuery {
  @ApiProperty({ format: 'uuid' }) @IsUUID('all') networkId!: string;
}

export class WebhookResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: ENDPOINT_SCOPES }) scope!: string;
  @ApiProperty({ format: 'uuid' }) networkId!: string;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) memberId!: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) personId!: string | null;
  @ApiProperty() url!: string;
  @ApiProperty({ enum: NOTIFICATION_KINDS, isArray: true }) kinds!: string[];
  @ApiProperty() active!: boolean;
  @ApiProperty() createdBy!: string;
  @ApiProperty() createdAt!: Date;
}

export class WebhookWithSecretResponse extends WebhookResponse {
  @ApiProperty({ example: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', description: 'Standard Webhooks signing secret: shown this once, never again' })
  secret!: string;
}

export class WebhookPage extends PageOf(WebhookResponse) {}
