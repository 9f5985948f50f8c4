import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { SwaggerModule } from '@nestjs/swagger';
import { ProblemDetailsFilter } from '@intercity/platform';
import type { EdgeConfig } from './edge-config';
import { EdgeModule } from './edge.module';
import { serviceProxy } from './routing/service-proxy';

/** The node's one front door: every service under /api/<service>, one OpenAPI document, one health. */
export async function createEdgeApp(config: EdgeConfig): Promise<INestApplication> {
  // The body is streamed to the service untouched, so the edge parses none.
  const app = await NestFactory.create(EdgeModule.register(config), { bodyParser: false, logger: ['error', 'warn'] });
  app.use(serviceProxy(config));
  app.useGlobalFilters(new ProblemDetailsFilter());
  SwaggerModule.setup('api/docs', app, () => ({ openapi: '3.0.0', info: { title: 'Intercity', version: '1' }, paths: {} }), {
    swaggerOptions: { url: '/api/openapi.json' },
    jsonDocumentUrl: 'api/docs-placeholder.json',
  });
  app.enableShutdownHooks();
  return app;
}
