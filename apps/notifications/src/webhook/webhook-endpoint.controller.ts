import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Access } from '@intercity/auth';
import { ApiProblems, IdParam } from '@intercity/platform';
import { CreateWebhookDto, ListWebhooksQuery, WebhookPage, WebhookWithSecretResponse } from './dto/webhook.dto';
import { WebhookEndpointService } from './webhook-endpoint.service';

@ApiTags('webhooks')
@Controller('webhooks')
export class WebhookEndpointController {
  constructor(private readonly endpoints: WebhookEndpointService) {}

  @Post()
  @Access.roles('network-admin', 'city-liaison')
  @ApiCreatedResponse({ type: WebhookWithSecretResponse, description: 'Registered; the signing secret is in this answer only' })
  @ApiProblems(400, 403, 422)
  create(@Body() body: CreateWebhookDto) {
    return this.endpoints.create(body);
  }

  @Get()
  @Access.roles('network-admin', 'city-liaison')
  @ApiOkResponse({ type: WebhookPage, description: 'Without secrets' })
  @ApiProblems(400, 403)
  list(@Query() { networkId, limit, offset }: ListWebhooksQuery) {
    return this.endpoints.list(networkId, { limit, offset });
  }

  @Delete(':id')
  @Access.roles('network-admin', 'city-liaison')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Deactivated (again is fine): nothing more is sent to it' })
  @ApiProblems(400, 403, 404)
  async deactivate(@Param() { id }: IdParam): Promise<void> {
    await this.endpoints.deactivate(id);
  }

  @Post(':id/rotate-secret')
  @Access.roles('network-admin', 'city-liaison')
  @HttpCode(200)
  @ApiOkResponse({ type: WebhookWithSecretResponse, description: 'The new secret, shown this once; the old one signs nothing more' })
  @ApiProblems(400, 403, 404, 409)
  rotateSecret(@Param() { id }: IdParam) {
    return this.endpoints.rotateSecret(id);
  }
}
