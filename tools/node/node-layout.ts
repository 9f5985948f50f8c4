/** The processes one node runs, and where each listens. The edge goes last: it fronts the others. */
export interface NodeProcess {
  name: string;
  entry: string;
  portVar: string;
  defaultPort: number;
}

export const NODE_PROCESSES: NodeProcess[] = [
  { name: 'membership', entry: 'apps/membership/src/main.ts', portVar: 'MEMBERSHIP_PORT', defaultPort: 3001 },
  { name: 'edge', entry: 'apps/edge/src/main.ts', portVar: 'PORT', defaultPort: 8080 },
];

export const BACKEND_SERVICES = NODE_PROCESSES.filter((p) => p.name !== 'edge');

export function portOf(p: NodeProcess, env: NodeJS.ProcessEnv = process.env): number {
  return Number(env[p.portVar] ?? p.defaultPort);
}

/** Environment for one process of the node: its port, and for the edge where the others are. */
export function envFor(p: NodeProcess, env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const out: NodeJS.ProcessEnv = { ...env, PORT: String(portOf(p, env)) };
  if (p.name === 'edge') {
    for (const s of BACKEND_SERVICES) out[`${s.name.toUpperCase()}_URL`] ??= `http://127.0.0.1:${portOf(s, env)}`;
  }
  return out;
}
