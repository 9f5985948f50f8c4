/** Where a service's database lives: one database per service on the node's PostgreSQL server. */
export interface DatabaseTarget {
  /** Server URL without a database, e.g. postgres://postgres@127.0.0.1:5432 */
  serverUrl: string;
  database: string;
}

export function databaseUrl({ serverUrl, database }: DatabaseTarget): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

export function databaseTargetFor(service: string, env: NodeJS.ProcessEnv = process.env): DatabaseTarget {
  return {
    serverUrl: env.PG_URL ?? 'postgres://postgres@127.0.0.1:5432',
    database: `${env.PG_DATABASE_PREFIX ?? 'intercity_'}${service}`,
  };
}
