import { DynamicModule, INestApplication, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DocumentBuilder, SwaggerModule, OpenAPIObject } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import { DataSource } from 'typeorm';
import { EVENT_REGISTRY } from '@intercity/contracts';
import { EventHandlerErrorFilter, JetStreamServer, namespaceFromEnv } from '@intercity/messaging';
import { ensureDatabase, databaseTargetFor, createServiceDataSource, runMigrations } from '@intercity/persistence';
import { ServiceConfig } from './config';
import { connectNats } from './infrastructure';
import { callContextMiddleware } from './http/call-context.middleware';
import { ProblemDetailsFilter } from './http/problem-details.filter';
import { problemValidationPipe } from './http/validation';
import { installServiceMetrics } from './observability/service-metrics';

export interface ServiceDefinition {
  config: ServiceConfig;
  module: Type<unknown> | DynamicModule;
  title: string;
  description: string;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- TypeORM's own migration list type
  migrations: Function[];
  /** Whether the service has @EventPattern handlers to feed from JetStream. */
  consumes?: boolean;
}

/** `/api/<service>`: the path every service answers under, so the edge routes by prefix. */
export function apiPrefix(service: string): string {
  return `api/${service}`;
}

/** Creates the service's database if needed and applies its pending migrations. */
export async function migrateService(def: Pick<ServiceDefinition, 'config' | 'migrations'>): Promise<string[]> {
  const target = databaseTargetFor(def.config.SERVICE, def.config as unknown as NodeJS.ProcessEnv);
  await ensureDatabase(target);
  const ds = await createServiceDataSource({ target, entities: [], migrations: def.migrations }).initialize();
  try {
    return await runMigrations(ds);
  } finally {
    await ds.destroy();
  }
}

export function openApiDocument(app: INestApplication, def: Pick<ServiceDefinition, 'title' | 'description' | 'config'>): OpenAPIObject {
  const doc = new DocumentBuilder()
    .setTitle(def.title)
    .setDescription(def.description)
    .setVersion('1')
    .build();
  return SwaggerModule.createDocument(app, doc);
}

/** Builds a service's Nest app with the house's HTTP conventions, without listening. */
export async function createServiceApp(def: ServiceDefinition): Promise<INestApplication> {
  const app = await NestFactory.create(def.module, { bufferLogs: true });
  app.useLogger(app.get(Logger));
  app.use(callContextMiddleware);
  app.use(installServiceMetrics(def.config.SERVICE, app.get(DataSource)));
  app.setGlobalPrefix(apiPrefix(def.config.SERVICE), { exclude: ['health/live', 'health/ready', 'metrics'] });
  app.useGlobalPipes(problemValidationPipe());
  app.useGlobalFilters(new ProblemDetailsFilter());
  app.enableShutdownHooks();
  const doc = openApiDocument(app, def);
  SwaggerModule.setup(`${apiPrefix(def.config.SERVICE)}/docs`, app, doc, {
    jsonDocumentUrl: `${apiPrefix(def.config.SERVICE)}/openapi.json`,
  });
  if (def.consumes) {
    const config = def.config;
    const consumer = app.connectMicroservice(
      {
        strategy: new JetStreamServer({
          service: config.SERVICE,
          connect: () => connectNats(config.NATS_URL, `${config.NODE_ID}/${config.SERVICE}/consumer`),
          dataSource: app.get(DataSource),
          origin: config.NODE_ID,
          ns: namespaceFromEnv(config as unknown as NodeJS.ProcessEnv),
          registry: EVENT_REGISTRY,
        }),
      },
    );
    // HTTP's pipes and problem filter are not for events: the transport needs the handler's own error.
    consumer.useGlobalFilters(new EventHandlerErrorFilter());
  }
  return app;
}

/** Migrates, then serves HTTP and consumes events until SIGTERM/SIGINT, then shuts down cleanly. */
export async function runService(def: ServiceDefinition): Promise<INestApplication> {
  await migrateService(def);
  const app = await createServiceApp(def);
  if (def.consumes) await app.startAllMicroservices();
  await app.listen(def.config.PORT, def.config.HOST);
  return app;
}
