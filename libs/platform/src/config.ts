import { z } from 'zod';
import type { Federation, StreamRetention } from '@intercity/messaging';

/** What every service process reads from its environment. */
export const serviceConfigSchema = z.object({
  NODE_ID: z.string().regex(/^[a-z0-9-]+$/, 'lower-case letters, digits and dashes').default('local'),
  PG_URL: z.url({ protocol: /^postgres(ql)?$/ }).default('postgres://postgres@127.0.0.1:5432'),
  PG_DATABASE_PREFIX: z.string().regex(/^[a-z_][a-z0-9_]*$/).default('intercity_'),
  NATS_URL: z.string().min(1).default('nats://127.0.0.1:4222'),
  NATS_SUBJECT_PREFIX: z.string().default(''),
  NATS_STREAM_PREFIX: z.string().default(''),
  REDIS_URL: z.url({ protocol: /^rediss?$/ }).default('redis://127.0.0.1:6379'),
  /**
   * How long events stay in the streams: the longest outage a city node can have and still catch
   * up from the streams alone (ARCHITECTURE §6). A longer one is reported, and read models are
   * resynchronised from the owners' outboxes.
   */
  STREAM_MAX_AGE_DAYS: z.coerce.number().positive().default(30),
  /** Copies of each stream: 3 on a hub's 3-server JetStream cluster (deploy/), 1 on one server. */
  STREAM_REPLICAS: z.coerce.number().int().min(1).max(5).default(1),
  /** Credentials the services connect to NATS with, where its accounts require them (deploy/). */
  NATS_USER: z.string().min(1).optional(),
  NATS_PASSWORD: z.string().min(1).optional(),
  /** `standalone` (one node), `hub` (city nodes are its leaf nodes) or `city` (a leaf of the hub). */
  FEDERATION_ROLE: z.enum(['standalone', 'hub', 'city']).default('standalone'),
  /** The hub's JetStream domain: where a city node pulls the network's events from. */
  HUB_JETSTREAM_DOMAIN: z.string().regex(/^[A-Za-z0-9_-]+$/).default('hub'),
  /** The hub's node id, named by a city node when it refuses a write homed at the hub. */
  HUB_NODE_ID: z.string().regex(/^[a-z0-9-]+$/).default('hub'),
  /** The hub's base URL, named by a city node when it refuses a write homed at the hub. */
  HUB_BASE_URL: z.url().optional(),
  /** How long a reply is kept for Idempotency-Key retries. */
  IDEMPOTENCY_KEY_HOURS: z.coerce.number().int().positive().default(24),
  /** The OpenID Connect issuer whose access tokens this node accepts (the demo issuer by default). */
  AUTH_ISSUER: z.url().default('http://localhost:8090'),
  AUTH_AUDIENCE: z.string().min(1).default('intercity-api'),
  /** Where the issuer's keys are, when not found through its discovery document. */
  AUTH_JWKS_URL: z.url().optional(),
  /** Address to listen on: loopback on a developer's machine, 0.0.0.0 in a container. */
  HOST: z.string().default('127.0.0.1'),
  /** Deliveries of an event before it goes to the dead-letter stream. */
  EVENT_MAX_ATTEMPTS: z.coerce.number().int().min(1).default(5),
  /** Waits before the 1st, 2nd, … redelivery of a failed event (ms, comma-separated; the last repeats). */
  EVENT_RETRY_BACKOFF_MS: z
    .string()
    .regex(/^\d+(,\d+)*$/, 'comma-separated milliseconds, e.g. 1000,5000,15000')
    .default('1000,5000,15000,60000')
    .transform((s) => s.split(',').map(Number)),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type ServiceConfig = z.infer<typeof serviceConfigSchema> & { PORT: number; SERVICE: string };

export class ConfigError extends Error {}

/**
 * Reads and checks the environment. A bad or missing variable is one clear line, e.g.
 * `config: PG_URL: Invalid URL`, instead of a failure somewhere later.
 */
export function parseConfig<S extends z.ZodType>(schema: S, env: NodeJS.ProcessEnv = process.env): z.infer<S> {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new ConfigError(`config: ${issues}`);
  }
  return parsed.data;
}

export function loadServiceConfig(service: string, defaultPort: number, env: NodeJS.ProcessEnv = process.env): ServiceConfig {
  const schema = serviceConfigSchema.extend({ PORT: z.coerce.number().int().min(0).max(65535).default(defaultPort) });
  return { ...parseConfig(schema, env), SERVICE: service };
}

export function retentionOf(config: ServiceConfig): StreamRetention {
  return { maxAgeMs: config.STREAM_MAX_AGE_DAYS * 24 * 3600 * 1000, duplicateWindowMs: 2 * 60 * 1000, replicas: config.STREAM_REPLICAS };
}

export function federationOf(config: ServiceConfig): Federation {
  return { role: config.FEDERATION_ROLE, nodeId: config.NODE_ID, hubDomain: config.HUB_JETSTREAM_DOMAIN };
}
