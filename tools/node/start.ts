import { ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, openSync } from 'node:fs';
import path from 'node:path';
import { checkInfrastructure } from './infrastructure-check';
import { envFor, NODE_PROCESSES, portOf } from './node-layout';
import { seedDemoNetwork } from './seed-demo-network';
import { waitUntilReady } from './wait-until-ready';

const root = path.resolve(__dirname, '..', '..');
const logDir = path.join(root, 'tmp', 'logs');

/**
 * `npm start`: checks the infrastructure, starts every process of the node (each migrates its
 * own database first), waits until the edge says all are ready, seeds the demo network through
 * the API, and says where to go. Ctrl-C stops them all.
 */
async function main() {
  const env: NodeJS.ProcessEnv = { NODE_ID: 'hub', LOG_LEVEL: 'info', ...process.env };
  const missing = await checkInfrastructure(env);
  if (missing.length) {
    for (const m of missing) {
      console.error(`✗ ${m.what} is not reachable at ${m.address}: ${m.problem}`);
      console.error(`  start it with \`docker compose up -d ${m.composeService}\`, or point ${m.variable} at yours.`);
    }
    process.exit(1);
  }

  mkdirSync(logDir, { recursive: true });
  const children = NODE_PROCESSES.map((p) => {
    const log = openSync(path.join(logDir, `${p.name}.log`), 'a');
    const child = spawn(process.execPath, ['-r', './tools/register.js', p.entry], {
      cwd: root,
      env: envFor(p, env),
      stdio: ['ignore', log, 'pipe'],
    });
    child.stderr?.on('data', (d: Buffer) => process.stderr.write(`[${p.name}] ${d}`));
    return { p, child };
  });
  const stop = installShutdown(children.map((c) => c.child));
  for (const { p, child } of children) {
    child.on('exit', (code, signal) => {
      if (stopping) return;
      console.error(`✗ ${p.name} stopped (${signal ?? `exit code ${code}`}); see tmp/logs/${p.name}.log`);
      void stop(1);
    });
  }

  const edge = NODE_PROCESSES.find((p) => p.name === 'edge')!;
  const baseUrl = `http://localhost:${portOf(edge, env)}`;
  await waitUntilReady(`${baseUrl}/health/ready`, 120_000);
  const seeded = await seedDemoNetwork(baseUrl, { nodeId: env.NODE_ID!, nodeUrl: baseUrl });

  console.log(`
Intercity node "${env.NODE_ID}" is running.

  API base URL   ${baseUrl}/api
  API docs       ${baseUrl}/api/docs   (OpenAPI: ${baseUrl}/api/openapi.json)
  Health         ${baseUrl}/health/ready
  Logs           tmp/logs/<service>.log

Demo network: ${seeded.summary}

Try first:
  curl -s '${baseUrl}/api/membership/members?networkId=${seeded.connectionNetworkId}&kind=city&sort=name&limit=5'
  curl -s '${baseUrl}/api/membership/participations?projectId=${seeded.connectionProjectId}&experienceLevel=implementing'

Ctrl-C stops the node.`);
}

let stopping = false;

function installShutdown(children: ChildProcess[]) {
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    console.log('\nstopping the node…');
    const exits = children.map((c) => (c.exitCode !== null || c.signalCode !== null ? Promise.resolve() : new Promise((r) => c.once('exit', r))));
    for (const c of children) c.kill('SIGTERM');
    // A process that does not finish its in-flight work in time is stopped hard.
    const hard = setTimeout(() => children.forEach((c) => c.kill('SIGKILL')), 15_000);
    await Promise.all(exits);
    clearTimeout(hard);
    process.exit(code);
  };
  process.on('SIGINT', () => void stop(0));
  process.on('SIGTERM', () => void stop(0));
  return stop;
}

main().catch((e) => {
  console.error(`✗ ${(e as Error).message}`);
  process.kill(process.pid, 'SIGTERM');
});
