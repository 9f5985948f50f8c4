import { spawn } from 'node:child_process';
import path from 'node:path';
import { commandFor, envFor, nodeProcesses } from './node-layout';

/** `npm run service -- <name>`: one process of the node in the foreground, logs to the terminal. */
const name = process.argv[2];
const p = nodeProcesses().find((x) => x.name === name);
if (!p) {
  console.error(`usage: npm run service -- <${nodeProcesses().map((x) => x.name).join('|')}>`);
  process.exit(2);
}
const child = spawn(process.execPath, commandFor(p, ...process.argv.slice(3)), {
  cwd: path.resolve(__dirname, '..', '..'),
  env: envFor(p),
  stdio: 'inherit',
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal));
child.on('exit', (code) => process.exit(code ?? 1));
