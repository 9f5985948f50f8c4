import { Controller, Get, Inject } from '@nestjs/common';
import { EDGE_CONFIG } from '../tokens';
import type { EdgeConfig } from '../edge-config';
import { mergedOpenApi } from './merged-openapi';

@Controller('api')
export class OpenApiController {
  constructor(@Inject(EDGE_CONFIG) private readonly config: EdgeConfig) {}

  @Get('openapi.json')
  document() {
    return mergedOpenApi(this.config);
  }
}
