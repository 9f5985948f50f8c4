import { DynamicModule, Module } from '@nestjs/common';
import { BullModule } from '@nestjs/bullmq';
import type { ConnectionOptions } from 'bullmq';
import { namespaceFromEnv } from '@intercity/messaging';
import { ServiceConfig } from '../config';

/**
 * BullMQ's connection settings from a `redis://` or `rediss://` URL. BullMQ opens its own
 * connections (a worker needs a blocking one), so it gets options rather than our shared client.
 */
export function jobConnection(redisUrl: string): ConnectionOptions {
  const url = new URL(redisUrl);
  const db = url.pathname.replace(/^\//, '');
  return {
    host: url.hostname,
    port: Number(url.port || 6379),
    username: url.username ? decodeURIComponent(url.username) : undefined,
    password: url.password ? decodeURIComponent(url.password) : undefined,
    db: db ? Number(db) : undefined,
    tls: url.protocol === 'rediss:' ? {} : undefined,
    // Workers block on Redis; BullMQ requires ioredis not to give up on a command.
    maxRetriesPerRequest: null,
  };
}

/**
 * The Redis key prefix of a node's queues. It follows the messaging namespace, so test runs and
 * benchmark runs sharing one Redis never take each other's jobs, and a federated node's id, so
 * nodes of one network run on one machine (the local three-node network) keep theirs apart.
 */
export function jobPrefix(config: ServiceConfig): string {
  const { streamPrefix } = namespaceFromEnv(config as unknown as NodeJS.ProcessEnv);
  const parts = ['intercity', streamPrefix.replace(/[_:]+$/, ''), config.FEDERATION_ROLE === 'standalone' ? '' : config.NODE_ID];
  return parts.filter(Boolean).join('-');
}

/**
 * A service's BullMQ queues on the node's Redis. Redis holds only what can be rebuilt from the
 * service's database: jobs are created from events with the event id as job id, and a periodic
 * job re-derives anything a lost Redis forgot (ARCHITECTURE §7).
 */
@Module({})
export class JobsModule {
  static forService(config: ServiceConfig, queues: readonly string[]): DynamicModule {
    return {
      module: JobsModule,
      imports: [
        BullModule.forRoot({ connection: jobConnection(config.REDIS_URL), prefix: jobPrefix(config) }),
        BullModule.registerQueue(...queues.map((name) => ({ name }))),
      ],
      exports: [BullModule],
    };
  }
}
