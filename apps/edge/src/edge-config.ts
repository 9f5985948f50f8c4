import { z } from 'zod';
import { parseConfig } from '@intercity/platform';

/** The services behind this node's edge, and where each listens. */
export const SERVICES = ['membership', 'practice', 'exchanges', 'grants', 'notifications'] as const;
export type ServiceName = (typeof SERVICES)[number];

const DEFAULT_PORTS: Record<ServiceName, number> = { membership: 3001, practice: 3002, exchanges: 3003, grants: 3004, notifications: 3005 };

export interface EdgeConfig {
  port: number;
  host: string;
  upstreams: Record<ServiceName, string>;
  auth: { issuer: string; audience: string; jwksUri?: string };
  /** How the API docs page logs in: its client at the identity provider, and the scopes it asks for. */
  docsLogin: { clientId: string; scopes: string[] };
  /** Origins a browser may call the API from; empty allows none. */
  corsOrigins: string[];
  maxBodyBytes: number;
  rateLimit: { perMinute: number; anonymousPerMinute: number };
  redisUrl: string;
}

const schema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  HOST: z.string().default('127.0.0.1'),
  AUTH_ISSUER: z.url().default('http://localhost:8090'),
  AUTH_AUDIENCE: z.string().min(1).default('intercity-api'),
  AUTH_JWKS_URL: z.url().optional(),
  AUTH_DOCS_CLIENT_ID: z.string().min(1).default('intercity-api-docs'),
  // Keycloak refuses scopes that are not the client's; it adds its defaults unasked.
  AUTH_DOCS_SCOPES: z.string().default('openid email profile api'),
  CORS_ORIGINS: z
    .string()
    .default('http://localhost:8080')
    .transform((s) => s.split(',').map((o) => o.trim()).filter(Boolean)),
  MAX_BODY_BYTES: z.coerce.number().int().positive().default(1024 * 1024),
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().positive().default(600),
  RATE_LIMIT_ANONYMOUS_PER_MINUTE: z.coerce.number().int().positive().default(120),
  REDIS_URL: z.url({ protocol: /^rediss?$/ }).default('redis://127.0.0.1:6379'),
  ...Object.fromEntries(
    SERVICES.map((s) => [`${s.toUpperCase()}_URL`, z.url({ protocol: /^https?$/ }).default(`http://127.0.0.1:${DEFAULT_PORTS[s]}`)]),
  ),
});

export function loadEdgeConfig(env: NodeJS.ProcessEnv = process.env): EdgeConfig {
  const d = parseConfig(schema, env) as z.infer<typeof schema> & Record<string, unknown>;
  return {
    port: d.PORT,
    host: d.HOST,
    upstreams: Object.fromEntries(SERVICES.map((s) => [s, String(d[`${s.toUpperCase()}_URL`]).replace(/\/$/, '')])) as Record<ServiceName, string>,
    auth: { issuer: d.AUTH_ISSUER.replace(/\/$/, ''), audience: d.AUTH_AUDIENCE, jwksUri: d.AUTH_JWKS_URL },
    docsLogin: { clientId: d.AUTH_DOCS_CLIENT_ID, scopes: d.AUTH_DOCS_SCOPES.split(/\s+/).filter(Boolean) },
    corsOrigins: d.CORS_ORIGINS,
    maxBodyBytes: d.MAX_BODY_BYTES,
    rateLimit: { perMinute: d.RATE_LIMIT_PER_MINUTE, anonymousPerMinute: d.RATE_LIMIT_ANONYMOUS_PER_MINUTE },
    redisUrl: d.REDIS_URL,
  };
}
