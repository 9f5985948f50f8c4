/**
 * Where the test servers are. Here PostgreSQL, NATS and Redis run on the machine (or CI starts
 * them, see .ci/run); where Docker runs, a Jest global setup could start them as containers
 * (testcontainers) and export these variables instead.
 */
export interface TestInfra {
  pgUrl: string;
  natsUrl: string;
  redisUrl: string;
}

export function testInfra(env: NodeJS.ProcessEnv = process.env): TestInfra {
  return {
    pgUrl: env.PG_URL ?? 'postgres://postgres@127.0.0.1:5432',
    natsUrl: env.NATS_URL ?? 'nats://127.0.0.1:4222',
    redisUrl: env.REDIS_URL ?? 'redis://127.0.0.1:6379',
  };
}
