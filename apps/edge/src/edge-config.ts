import { z } from 'zod';
import { ConfigError } from '@intercity/platform';

/** The services behind this node's edge, and where each listens. */
export const SERVICES = ['membership'] as const;
export type ServiceName = (typeof SERVICES)[number];

const DEFAULT_PORTS: Record<ServiceName, number> = { membership: 3001 };

export interface EdgeConfig {
  port: number;
  host: string;
  upstreams: Record<ServiceName, string>;
}

export function loadEdgeConfig(env: NodeJS.ProcessEnv = process.env): EdgeConfig {
  const schema = z.object({
    PORT: z.coerce.number().int().min(0).max(65535).default(8080),
    HOST: z.string().default('127.0.0.1'),
    ...Object.fromEntries(
      SERVICES.map((s) => [`${s.toUpperCase()}_URL`, z.url({ protocol: /^https?$/ }).default(`http://127.0.0.1:${DEFAULT_PORTS[s]}`)]),
    ),
  });
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(`config: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  }
  const data = parsed.data as Record<string, unknown>;
  return {
    port: data.PORT as number,
    host: data.HOST as string,
    upstreams: Object.fromEntries(SERVICES.map((s) => [s, String(data[`${s.toUpperCase()}_URL`]).replace(/\/$/, '')])) as Record<ServiceName, string>,
  };
}
