import { ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, openSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { checkInfrastructure } from './infrastructure-check';
import { NODE_OPERATOR } from '../../apps/demo-issuer/src/demo-users';
import { demoIdentities } from './demo-identities';
import { demoToken } from './demo-token';
import { commandFor, EDGE, envFor, issuerOf, MAIL_CATCHER, nodeProcesses, portOf, usesDemoIssuer, usesMailCatcher } from './node-layout';
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
  const children = nodeProcesses(env).map((p) => {
    const log = openSync(path.join(logDir, `${p.name}.log`), 'a');
    const child = spawn(process.execPath, commandFor(p), {
      cwd: root,
      env: envFor(p, env),
      stdio: ['ignore', log, 'pipe'],
    });
    child.stderr?.on('data', (d: Buffer) => {
      // oidc-provider warns that its development login and in-memory store are for development:
      // that is what the demo issuer is.
      const lines = d.toString().split('\n').filter((l) => l && !l.startsWith('oidc-provider WARNING'));
      for (const line of lines) process.stderr.write(`[${p.name}] ${line}\n`);
    });
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

  const baseUrl = `http://localhost:${portOf(EDGE, env)}`;
  const mail = usesMailCatcher(env) ? `\n  Mail           http://localhost:${portOf(MAIL_CATCHER, env)} (demo mail catcher: the e-mails the node sends)` : '';
  await waitUntilReady(`${baseUrl}/health/ready`, 120_000);
  if (!usesDemoIssuer(env)) {
    console.log(`\nIntercity node "${env.NODE_ID}" is running at ${baseUrl}/api, trusting tokens of ${issuerOf(env)}. Ctrl-C stops it.${mail}`);
    return;
  }
  const issuer = issuerOf(env);
  await waitUntilReady(`${issuer}/.well-known/openid-configuration`, 30_000);
  const seeded = await seedDemoNetwork(baseUrl, await demoToken(issuer, 'operator@intercity.example'), { nodeId: env.NODE_ID!, nodeUrl: baseUrl });
  const people = demoIdentities(seeded);
  const listed = [NODE_OPERATOR, ...people];
  // The issuer reads this file on each sign-in: the seeded ids become the people's grants.
  writeFileSync(path.join(root, 'tmp', 'demo-issuer', 'users.json'), JSON.stringify(people, null, 2));
  const width = Math.max(...listed.map((p) => p.email.length));
  const who = listed.map((p) => `  ${p.email.padEnd(width)}  ${p.description}`).join('\n');

  console.log(`
Intercity node "${env.NODE_ID}" is running.

  API base URL   ${baseUrl}/api
  API docs       ${baseUrl}/api/docs   (OpenAPI: ${baseUrl}/api/openapi.json)
  Health         ${baseUrl}/health/ready
  Identity       ${issuer} (demo OpenID Connect issuer)${mail}
  Logs           tmp/logs/<service>.log

Demo network: ${seeded.summary}

Demo people (sign in at the API docs with "Authorize": any password; or get a token for curl):
${who}

Try first:
  TOKEN=$(npm run --silent token -- anne.dupont@eurocities.example.org)
  curl -s -H "Authorization: Bearer $TOKEN" '${baseUrl}/api/membership/members?networkId=${seeded.connectionNetworkId}&kind=city&sort=name&limit=5'
  curl -s -H "Authorization: Bearer $TOKEN" '${baseUrl}/api/membership/participations?projectId=${seeded.connectionProjectId}&experienceLevel=implementing'

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
