import { DynamicModule, Module } from '@nestjs/common';
import type { EdgeConfig } from './edge-config';
import { EDGE_CONFIG } from './tokens';
import { EdgeHealthController } from './health/edge-health.controller';
import { OpenApiController } from './openapi/openapi.controller';

@Module({})
export class EdgeModule {
  static register(config: EdgeConfig): DynamicModule {
    return {
      module: EdgeModule,
      controllers: [EdgeHealthController, OpenApiController],
      providers: [{ provide: EDGE_CONFIG, useValue: config }],
    };
  }
}
