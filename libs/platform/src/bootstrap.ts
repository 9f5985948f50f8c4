import { DynamicModule, INestApplication, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DocumentBuilder, SwaggerModule, OpenAPIObject } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import { DataSource } from 'typeorm';
import { EVENT_REGISTRY } from '@intercity/contracts';
import { EventHandlerErrorFilter, JetStreamServer, markForRepublish, namespaceFromEnv } from '@intercity/messaging';
import { ensureDatabase, databaseTargetFor, createServiceDataSource, runMigrations } from '@intercity/persistence';
import { ConfigError, federationOf, retentionOf, ServiceConfig } from './config';
import { connectServiceNats, UnreachableError } from './infrastructure';
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
  try {
    await ensureDatabase(target);
  } catch (e) {
    // The first contact with PostgreSQL: a server that is down is named, not a stack trace.
    const code = (e as { code?: string }).code;
    if (code && ['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EHOSTUNREACH'].includes(code)) {
      throw new UnreachableError(`PostgreSQL is not reachable at ${target.serverUrl} (${code}); set PG_URL or start it`);
    }
    throw e;
  }
  const ds = await createServiceDataSource({ target, entities: [], migrations: def.migrations }).initialize();
  try {
    return await runMigrations(ds);
  } finally {
    await ds.destroy();
  }
}

/**
 * Has the service's running relay publish its events since `since` again, or all its outbox holds
 * (ARCHITECTURE §4.1: sent rows stay so a stream can be replayed from PostgreSQL). This is how a
 * read model elsewhere is resynchronised after an outage longer than the streams' retention, or
 * on a node that joined late: the events reach every copy again, and consumers skip the ones they
 * already hold by event id.
 */
export async function republish(def: Pick<ServiceDefinition, 'config'>, since?: Date): Promise<number> {
  const target = databaseTargetFor(def.config.SERVICE, def.config as unknown as NodeJS.ProcessEnv);
  const ds = await createServiceDataSource({ target, entities: [], migrations: [] }).initialize();
  try {
    return await markForRepublish(ds, since);
  } finally {
    await ds.destroy();
  }
}

export function openApiDocument(app: INestApplication, def: Pick<ServiceDefinition, 'title' | 'description' | 'config'>): OpenAPIObject {
  const doc = new DocumentBuilder()
    .setTitle(def.title)
    .setDescription(def.description)
    .setVersion('1')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' }, 'bearer')
    .addSecurityRequirements('bearer')
    .build();
  return SwaggerModule.createDocument(app, doc);
}

/** Builds a service's Nest app with the house's HTTP conventions, without listening. */
export async function createServiceApp(def: ServiceDefinition): Promise<INestApplication> {
  const app = await NestFactory.create(def.module, { bufferLogs: true });
  app.useLogger(app.get(Logger));
  (app.getHttpAdapter().getInstance() as { disable(setting: string): void }).disable('x-powered-by');
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
          connect: () => connectServiceNats(config, 'consumer'),
          dataSource: app.get(DataSource),
          origin: config.NODE_ID,
          ns: namespaceFromEnv(config as unknown as NodeJS.ProcessEnv),
          registry: EVENT_REGISTRY,
          maxAttempts: config.EVENT_MAX_ATTEMPTS,
          backoffMs: config.EVENT_RETRY_BACKOFF_MS,
          federation: federationOf(config),
          retention: retentionOf(config),
        }),
      },
      // Not the HTTP app's guards, pipes and interceptors: none of them has anything to do with an
      // event, and each interceptor alone cost about 30 µs an event (Nest binds an async resource
      // around every call), a fifth of what a consumer spent on one in a city's catch-up. Handlers
      // are set up when it starts, so that they get the filter below.
      { inheritAppConfig: false, deferInitialization: true },
    );
    // Errors reach the transport as the handler threw them, which retries and dead-letters them so.
    consumer.useGlobalFilters(new EventHandlerErrorFilter());
    // The app runs the modules' lifecycle hooks; the consumer starting must not run them again.
    (consumer as unknown as { setIsInitHookCalled(called: boolean): void }).setIsInitHookCalled(true);
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

/**
 * A service's `main`: `--migrate` only migrates; otherwise it runs. A bad setting or an unreachable
 * server ends the process with one clear line instead of a stack trace.
 */
export function serviceMain(define: () => ServiceDefinition, argv: string[] = process.argv): void {
  const run = async () => {
    const def = define();
    const sinceArg = argv.find((a) => a.startsWith('--republish-since='));
    if (sinceArg) {
      const since = new Date(sinceArg.slice('--republish-since='.length));
      if (Number.isNaN(since.getTime())) throw new ConfigError(`--republish-since: "${sinceArg}" is not an ISO date or instant`);
      const n = await republish(def, since);
      console.log(`${def.config.SERVICE}: ${n} events since ${since.toISOString()} will be published again by the running service`);
      return;
    }
    if (argv.includes('--republish-all')) {
      const n = await republish(def);
      console.log(`${def.config.SERVICE}: ${n} events, the newest of each aggregate and all within the retention, will be published again by the running service`);
      return;
    }
    if (argv.includes('--migrate')) {
      const applied = await migrateService(def);
      console.log(`${def.config.SERVICE}: ${applied.length ? `applied ${applied.join(', ')}` : 'database is up to date'}`);
      return;
    }
    await runService(def);
  };
  run().catch((e: unknown) => {
    console.error(e instanceof ConfigError || e instanceof UnreachableError ? e.message : e);
    process.exit(1);
  });
}
