/** The processes one node runs, and where each listens. The edge goes last: it fronts the others. */
export interface NodeProcess {
  name: string;
  entry: string;
  portVar: string;
  defaultPort: number;
}

/** The demo's identity provider; a node that names its own (AUTH_ISSUER) runs without it. */
export const DEMO_ISSUER: NodeProcess = { name: 'demo-issuer', entry: 'apps/demo-issuer/src/main.ts', portVar: 'ISSUER_PORT', defaultPort: 8090 };

/** The demo's mail catcher; a node that names its own SMTP relay (NOTIFICATIONS_SMTP_URL) runs without it. */
export const MAIL_CATCHER: NodeProcess = { name: 'mail-catcher', entry: 'tools/node/mail-catcher.ts', portVar: 'MAIL_CATCHER_HTTP_PORT', defaultPort: 8025 };

export const BACKEND_SERVICES: NodeProcess[] = [
  { name: 'membership', entry: 'apps/membership/src/main.ts', portVar: 'MEMBERSHIP_PORT', defaultPort: 3001 },
  { name: 'practice', entry: 'apps/practice/src/main.ts', portVar: 'PRACTICE_PORT', defaultPort: 3002 },
  { name: 'exchanges', entry: 'apps/exchanges/src/main.ts', portVar: 'EXCHANGES_PORT', defaultPort: 3003 },
  { name: 'grants', entry: 'apps/grants/src/main.ts', portVar: 'GRANTS_PORT', defaultPort: 3004 },
  { name: 'notifications', entry: 'apps/notifications/src/main.ts', portVar: 'NOTIFICATIONS_PORT', defaultPort: 3005 },
];

export const EDGE: NodeProcess = { name: 'edge', entry: 'apps/edge/src/main.ts', portVar: 'PORT', defaultPort: 8080 };

/** Every process of a node, in start order. */
export function nodeProcesses(env: NodeJS.ProcessEnv = process.env): NodeProcess[] {
  return [...(usesDemoIssuer(env) ? [DEMO_ISSUER] : []), ...(usesMailCatcher(env) ? [MAIL_CATCHER] : []), ...BACKEND_SERVICES, EDGE];
}

export function usesMailCatcher(env: NodeJS.ProcessEnv = process.env): boolean {
  return !env.NOTIFICATIONS_SMTP_URL;
}

export function usesDemoIssuer(env: NodeJS.ProcessEnv = process.env): boolean {
  return !env.AUTH_ISSUER;
}

/** How to run a process of the node: its compiled form, built by tools/build.js. */
export function commandFor(p: NodeProcess, ...args: string[]): string[] {
  // tools/ is not compiled (the mail catcher): it runs from its sources.
  if (!p.entry.startsWith('apps/')) return ['-r', './tools/register.js', p.entry, ...args];
  return ['-r', './tools/run-dist.js', `dist/${p.entry.replace(/\.ts$/, '.js')}`, ...args];
}

export function portOf(p: NodeProcess, env: NodeJS.ProcessEnv = process.env): number {
  return Number(env[p.portVar] ?? p.defaultPort);
}

export function issuerOf(env: NodeJS.ProcessEnv = process.env): string {
  return env.AUTH_ISSUER ?? `http://localhost:${portOf(DEMO_ISSUER, env)}`;
}

/** Environment for one process of the node: its port, the issuer it trusts, and for the edge where the others are. */
export function envFor(p: NodeProcess, env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const out: NodeJS.ProcessEnv = { ...env, PORT: String(portOf(p, env)), AUTH_ISSUER: issuerOf(env) };
  if (p === EDGE) {
    for (const s of BACKEND_SERVICES) out[`${s.name.toUpperCase()}_URL`] ??= `http://127.0.0.1:${portOf(s, env)}`;
  }
  if (p === DEMO_ISSUER) out.EDGE_URL ??= `http://localhost:${portOf(EDGE, env)}`;
  if (usesMailCatcher(env)) out.NOTIFICATIONS_SMTP_URL = `smtp://127.0.0.1:${env.MAIL_CATCHER_SMTP_PORT ?? 1025}`;
  return out;
}
