import { DynamicModule, Global, Inject, Logger, Module, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { APP_GUARD, DiscoveryModule } from '@nestjs/core';
import { JwtVerifier } from '@intercity/auth';
import { DataSource, EntitySchema, MixedList } from 'typeorm';
import type { NatsConnection } from '@nats-io/transport-node';
import { jetstreamManager } from '@nats-io/jetstream';
import type Redis from 'ioredis';
import { LoggerModule } from 'nestjs-pino';
import { createServiceDataSource, databaseTargetFor, databaseUrl, TransactionRunner } from '@intercity/persistence';
import { ensureServiceStreams, namespaceFromEnv, OutboxRelay } from '@intercity/messaging';
import { retentionOf, ServiceConfig } from './config';
import { HubWritesGuard } from './federation/hub-writes.guard';
import { NATS_CONNECTION, OUTBOX_RELAY, REDIS_CLIENT, SERVICE_CONFIG } from './tokens';
import { connectServiceNats, createRedis } from './infrastructure';
import { HealthController } from './health/health.controller';
import { MetricsController } from './observability/metrics.controller';
import { loggerOptions } from './observability/logging';
import { IdempotencyInterceptor } from './http/idempotency.interceptor';
import { sweepPlatformTables } from './housekeeping';
import { AccessGuard, JWT_VERIFIER } from './auth/access.guard';
import { RoutePolicyCheck } from './auth/route-policies';
import { AuditController } from './audit/audit.controller';

export interface PlatformOptions {
  config: ServiceConfig;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- TypeORM's own entity list type
  entities: MixedList<Function | string | EntitySchema>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- TypeORM's own migration list type
  migrations: Function[];
  /** Whether this service publishes events (has an outbox to relay). */
  publishes?: boolean;
}

/** Starts the relay once the app is up and stops it, then the connections, when it shuts down. */
class PlatformLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(
    @Inject(OUTBOX_RELAY) private readonly relay: OutboxRelay | null,
    @Inject(NATS_CONNECTION) private readonly nats: NatsConnection,
    @Inject(REDIS_CLIENT) private readonly redis: Redis,
    private readonly dataSource: DataSource,
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
  ) {}

  private sweeper?: NodeJS.Timeout;

  onApplicationBootstrap(): void {
    this.relay?.start();
    const sweep = () =>
      sweepPlatformTables(this.dataSource, {
        idempotencyKeyHours: this.config.IDEMPOTENCY_KEY_HOURS,
        inboxDays: this.config.STREAM_MAX_AGE_DAYS * 2,
      }).catch(() => undefined);
    this.sweeper = setInterval(sweep, 60 * 60 * 1000).unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.sweeper);
    await this.relay?.stop();
    await this.nats.drain().catch(() => undefined);
    this.redis.disconnect();
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
  }
}

/**
 * What every service stands on: its checked configuration, its own database, the NATS connection
 * and its event stream, Redis, the outbox relay, health, metrics and logs.
 */
@Global()
@Module({})
export class PlatformModule {
  static forService(opts: PlatformOptions): DynamicModule {
    const { config } = opts;
    const target = databaseTargetFor(config.SERVICE, config as unknown as NodeJS.ProcessEnv);
    return {
      module: PlatformModule,
      imports: [LoggerModule.forRoot(loggerOptions(config)), DiscoveryModule],
      controllers: [HealthController, MetricsController, AuditController],
      providers: [
        { provide: SERVICE_CONFIG, useValue: config },
        {
          provide: DataSource,
          useFactory: async () => {
            const ds = createServiceDataSource({
              target,
              entities: opts.entities,
              migrations: opts.migrations,
              applicationName: config.SERVICE,
            });
            return ds.initialize();
          },
        },
        {
          provide: TransactionRunner,
          inject: [DataSource],
          useFactory: (ds: DataSource) => new TransactionRunner(ds, config.NODE_ID),
        },
        {
          provide: NATS_CONNECTION,
          useFactory: async () => {
            const nc = await connectServiceNats(config);
            if (opts.publishes !== false) {
              await ensureServiceStreams(await jetstreamManager(nc), config.SERVICE, namespaceFromEnv(config as unknown as NodeJS.ProcessEnv), retentionOf(config));
            }
            return nc;
          },
        },
        {
          provide: REDIS_CLIENT,
          useFactory: () => createRedis(config.REDIS_URL),
        },
        {
          provide: OUTBOX_RELAY,
          inject: [NATS_CONNECTION],
          useFactory: (nc: NatsConnection) => {
            if (opts.publishes === false) return null;
            const logger = new Logger('OutboxRelay');
            return new OutboxRelay({
              service: config.SERVICE,
              connectionString: databaseUrl(target),
              nc,
              ns: namespaceFromEnv(config as unknown as NodeJS.ProcessEnv),
              // Kept twice as long as the streams keep events, and the newest event of each aggregate
              // and type beyond that (`OutboxRelay.compact`): a node cut off for longer than the
              // streams keep events, or joining late, is resynchronised from here (`republish`).
              retentionHours: config.STREAM_MAX_AGE_DAYS * 2 * 24,
              logger: { log: (m) => logger.log(m), warn: (m) => logger.warn(m), error: (m) => logger.error(m) },
            });
          },
        },
        {
          provide: JWT_VERIFIER,
          useValue: new JwtVerifier({ issuer: config.AUTH_ISSUER.replace(/\/$/, ''), audience: config.AUTH_AUDIENCE, jwksUri: config.AUTH_JWKS_URL }),
        },
        // Every route of every service: a verified identity unless the route says it is public.
        { provide: APP_GUARD, useClass: AccessGuard },
        // Then, on a city node, writes homed at the hub are sent there.
        { provide: APP_GUARD, useClass: HubWritesGuard },
        RoutePolicyCheck,
        IdempotencyInterceptor,
        PlatformLifecycle,
      ],
      exports: [SERVICE_CONFIG, DataSource, TransactionRunner, NATS_CONNECTION, REDIS_CLIENT, OUTBOX_RELAY, IdempotencyInterceptor, JWT_VERIFIER],
    };
  }
}
