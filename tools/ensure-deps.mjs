// Runs `npm ci` when node_modules is missing or was installed from other package files than the
// current ones. Silent when there is nothing to do.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const modules = join(root, 'node_modules');
const stamp = join(modules, '.intercity-lock-hash');
const lockFile = join(root, 'package-lock.json');
const lockText = readFileSync(lockFile);
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

// Only the fields of package.json that change what gets installed: editing a script must not
// cost a reinstall.
const installFields = ['dependencies', 'devDependencies', 'optionalDependencies', 'peerDependencies',
  'overrides', 'allowScripts', 'workspaces'];
const sorted = (o) => (o && typeof o === 'object' && !Array.isArray(o)
  ? Object.fromEntries(Object.keys(o).sort().map((k) => [k, sorted(o[k])])) : o);
const current = createHash('sha256')
  .update(lockText)
  .update(JSON.stringify(installFields.map((f) => sorted(pkg[f]))))
  .digest('hex');

// No stamp yet (installed before this script existed, or by hand): trust the install if npm's own
// record of it is newer than the lock file and the lock file matches package.json.
function installedFromCurrentLock() {
  const npmRecord = join(modules, '.package-lock.json');
  if (!existsSync(npmRecord) || statSync(npmRecord).mtimeMs < statSync(lockFile).mtimeMs) return false;
  const lockRoot = JSON.parse(lockText).packages?.[''] ?? {};
  return ['dependencies', 'devDependencies', 'optionalDependencies', 'peerDependencies'].every(
    (f) => JSON.stringify(sorted(pkg[f] ?? {})) === JSON.stringify(sorted(lockRoot[f] ?? {})),
  );
}

function staleBecause() {
  if (!existsSync(modules)) return 'node_modules is missing';
  if (existsSync(stamp)) return readFileSync(stamp, 'utf8').trim() === current ? null : 'package files changed';
  if (installedFromCurrentLock()) {
    writeFileSync(stamp, current + '\n');
    return null;
  }
  return 'no record of the last install';
}

const why = staleBecause();
if (why) {
  console.log(`ensure-deps: ${why}; running npm ci`);
  const result = spawnSync('npm', ['ci', '--no-audit', '--no-fund'], {
    cwd: root,
    stdio: 'inherit',
    shell: process.platform === 'win32',
  });
  if (result.status !== 0) {
    const how = result.error ? result.error.message : `exit code ${result.status ?? result.signal}`;
    console.error(`ensure-deps: npm ci failed (${how}); fix the error above and run it again`);
    process.exit(1);
  }
  writeFileSync(stamp, current + '\n');
  console.log('ensure-deps: dependencies installed');
}
