import { ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, openSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { NatsServerProcess } from '@intercity/federation';
import { NODE_OPERATOR } from '../../apps/demo-issuer/src/demo-users';
import { demoIdentities } from '../node/demo-identities';
import { demoToken } from '../node/demo-token';
import { checkInfrastructure } from '../node/infrastructure-check';
import { BACKEND_SERVICES, commandFor, DEMO_ISSUER, EDGE, envFor, issuerOf, MAIL_CATCHER, NodeProcess, portOf, usesDemoIssuer, usesMailCatcher } from '../node/node-layout';
import { registerNodes, seedDemoNetwork } from '../node/seed-demo-network';
import { waitUntilReady } from '../node/wait-until-ready';
import { baseUrlOf, CITIES, HUB_ID, leafPasswords, natsConfigOf, NETWORK_NODES, NetworkNode, nodeEnv, portsOf } from './network-layout';
import { busyPorts, natsServerMissing } from './preflight';
import { federationHints } from './hints';

const root = path.resolve(__dirname, '..', '..');
const netDir = path.join(root, 'tmp', 'network');
const logRoot = path.join(root, 'tmp', 'logs');

const services: { name: string; child: ChildProcess }[] = [];
const natsServers: NatsServerProcess[] = [];
let stopping = false;

/**
 * `npm run start:network`: a hub and two city nodes (Ravenna, Offenbach) on this machine, each
 * with its own nats-server (generated leaf-node configurations under tmp/network/), databases,
 * services and base URL, sharing one demo issuer and one mail catcher. Seeds the demo network at
 * the hub, with Ravenna's and Kreis Offenbach's people at their own nodes. Ctrl-C stops it all.
 */
async function main() {
  const base: NodeJS.ProcessEnv = { LOG_LEVEL: 'info', ...process.env };
  const missing = await checkInfrastructure(base, { nats: false });
  for (const m of missing) {
    console.error(`✗ ${m.what} is not reachable at ${m.address}: ${m.problem}`);
    console.error(`  start it with \`docker compose up -d ${m.composeService}\`, or point ${m.variable} at yours.`);
  }
  const noNats = natsServerMissing();
  if (noNats) console.error(`✗ ${noNats}`);
  const shared = [...(usesDemoIssuer(base) ? [DEMO_ISSUER] : []), ...(usesMailCatcher(base) ? [MAIL_CATCHER] : [])];
  const wanted = [
    ...NETWORK_NODES.flatMap((n) => portsOf(n).map((port) => ({ port, what: `node ${n.id}` }))),
    ...shared.map((p) => ({ port: portOf(p, base), what: p.name })),
    ...(usesMailCatcher(base) ? [{ port: Number(base.MAIL_CATCHER_SMTP_PORT ?? 1025), what: 'mail catcher (SMTP)' }] : []),
  ];
  const busy = await busyPorts(wanted);
  for (const b of busy) console.error(`✗ port ${b.port} (${b.what}) is in use: is \`npm start\` or another \`npm run start:network\` running?`);
  if (missing.length || noNats || busy.length) process.exit(1);

  installShutdown();
  const passwords = leafPasswords(netDir);
  // The hub's first: the cities are its leaf nodes (they retry until it answers anyway).
  for (const n of NETWORK_NODES) {
    natsServers.push(await NatsServerProcess.start({ name: n.id, port: n.natsPort, dir: netDir, config: natsConfigOf(n, netDir, passwords), detached: true }));
  }

  // One demo issuer (its docs client may sign in from each node's API docs) and one mail catcher.
  const sharedEnv: NodeJS.ProcessEnv = { ...base, EDGE_URL: NETWORK_NODES.map(baseUrlOf).join(',') };
  for (const p of shared) start(p, 'network', envFor(p, sharedEnv));

  const hub = NETWORK_NODES.find((x) => x.id === HUB_ID)!;
  const issuer = issuerOf(base);
  const seedNode = { nodeId: hub.id, nodeUrl: baseUrlOf(hub), cities: CITIES.map((c) => ({ id: c.id, baseUrl: baseUrlOf(c), homeOf: c.homeOf })) };
  const operatorToken = async () => {
    await waitUntilReady(`${issuer}/.well-known/openid-configuration`, 30_000);
    return demoToken(issuer, NODE_OPERATOR.email);
  };

  // The hub first: a city's services read the streams and consumers the hub's create, and the hub
  // creates a city's consumers once the city is registered there.
  for (const n of [hub, ...CITIES]) {
    const env = nodeEnv(n, base);
    for (const p of [...BACKEND_SERVICES, EDGE]) start(p, n.id, envFor(p, env));
    await waitUntilReady(`${baseUrlOf(n)}/health/ready`, 180_000).catch((e: Error) => {
      throw new Error(`node ${n.id}: ${e.message} (logs in tmp/logs/${n.id}/)`);
    });
    console.log(`✓ node ${n.id} is ready at ${baseUrlOf(n)}`);
    if (n === hub && usesDemoIssuer(base)) await registerNodes(baseUrlOf(hub), await operatorToken(), seedNode);
  }

  if (!usesDemoIssuer(base)) {
    console.log(`\nIntercity network is running (${NETWORK_NODES.map((n) => `${n.id} ${baseUrlOf(n)}`).join(', ')}), trusting tokens of ${issuer}.`);
    console.log('Register the nodes at the hub (POST /api/membership/nodes, see README) with a token of yours. Ctrl-C stops it.');
    return;
  }
  const seeded = await seedDemoNetwork(baseUrlOf(hub), await operatorToken(), seedNode);
  const people = demoIdentities(seeded);
  // The issuer reads this file on each sign-in: the seeded ids become the people's grants.
  mkdirSync(path.join(root, 'tmp', 'demo-issuer'), { recursive: true });
  writeFileSync(path.join(root, 'tmp', 'demo-issuer', 'users.json'), JSON.stringify(people, null, 2));
  const listed = [NODE_OPERATOR, ...people];
  const width = Math.max(...listed.map((p) => p.email.length));
  const who = listed.map((p) => `  ${p.email.padEnd(width)}  ${p.description}`).join('\n');
  const row = (n: NetworkNode) =>
    `  ${n.id.padEnd(10)} ${baseUrlOf(n).padEnd(22)} ${`${baseUrlOf(n)}/api/docs`.padEnd(31)} nats://127.0.0.1:${n.natsPort} (monitoring :${n.monitorPort})   tmp/logs/${n.id}/`;
  const homes = CITIES.flatMap((c) => c.homeOf.map((slug) => `${slug} → ${c.id}`)).join(', ');
  const mail = usesMailCatcher(base) ? `\n  Mail       http://localhost:${portOf(MAIL_CATCHER, base)} (demo mail catcher, shared)` : '';

  console.log(`
Intercity network of ${NETWORK_NODES.length} nodes is running.

  node       base URL               API docs                        NATS                                       logs
${NETWORK_NODES.map(row).join('\n')}

  Identity   ${issuer} (demo OpenID Connect issuer, trusted by every node)${mail}
  NATS       configs tmp/network/<node>.conf, stores tmp/network/<node>/jetstream, logs tmp/network/<node>.log

Demo network: ${seeded.summary}
Home nodes: ${homes}; every other member, and everything network-wide, at the hub.

Demo people (sign in at any node's API docs with "Authorize": any password; or get a token for curl):
${who}

Try the federation:
${federationHints(seeded, hub, CITIES[0])}

Ctrl-C stops the network.`);
}

function start(p: NodeProcess, group: string, env: NodeJS.ProcessEnv): void {
  const dir = path.join(logRoot, group);
  mkdirSync(dir, { recursive: true });
  const name = `${group}/${p.name}`;
  const child = spawn(process.execPath, commandFor(p), { cwd: root, env, stdio: ['ignore', openSync(path.join(dir, `${p.name}.log`), 'a'), 'pipe'] });
  child.stderr?.on('data', (d: Buffer) => {
    // oidc-provider warns that its development login and in-memory store are for development:
    // that is what the demo issuer is.
    const lines = d.toString().split('\n').filter((l) => l && !l.startsWith('oidc-provider WARNING'));
    for (const line of lines) process.stderr.write(`[${name}] ${line}\n`);
  });
  child.on('exit', (code, signal) => {
    if (stopping) return;
    console.error(`✗ ${name} stopped (${signal ?? `exit code ${code}`}); see tmp/logs/${name}.log`);
    void stop(1);
  });
  services.push({ name, child });
}

/** Services first (they finish their in-flight work and flush their outboxes' acks), then the NATS servers. */
async function stop(code: number): Promise<void> {
  if (stopping) return;
  stopping = true;
  console.log('\nstopping the network…');
  const running = services.map((s) => s.child).filter((c) => c.exitCode === null && c.signalCode === null);
  const exits = running.map((c) => new Promise((r) => c.once('exit', r)));
  for (const c of running) c.kill('SIGTERM');
  // A process that does not finish its in-flight work in time is stopped hard.
  const hard = setTimeout(() => running.forEach((c) => c.kill('SIGKILL')), 15_000);
  await Promise.all(exits);
  clearTimeout(hard);
  for (const s of [...natsServers].reverse()) await s.stop();
  process.exit(code);
}

function installShutdown(): void {
  process.on('SIGINT', () => void stop(0));
  process.on('SIGTERM', () => void stop(0));
  // The NATS servers run in process groups of their own (a Ctrl-C reaches the services first):
  // should this process end any other way, they end with it.
  process.on('exit', () => natsServers.forEach((s) => void s.kill()));
}

main().catch((e) => {
  console.error(`✗ ${(e as Error).message}`);
  void stop(1);
});
