// Compiles apps/ and libs/ to dist/ with the same swc settings as tools/register.js, so the node's
// processes run plain JavaScript: no compiler in memory in every service (about 55 MB each).
// `npm start` runs it first; it takes a second or two.
const fs = require('node:fs');
const path = require('node:path');
const { transformFileSync } = require('@swc/core');

const root = path.resolve(__dirname, '..');
const out = path.join(root, 'dist');
const options = require('./swc-options');

function compile(dir) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const from = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'test' && entry.name !== 'node_modules') compile(from);
    } else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts')) {
      const to = path.join(out, path.relative(root, from)).replace(/\.ts$/, '.js');
      fs.mkdirSync(path.dirname(to), { recursive: true });
      fs.writeFileSync(to, transformFileSync(from, options).code);
    }
  }
}

fs.rmSync(out, { recursive: true, force: true });
for (const top of ['apps', 'libs']) compile(path.join(root, top));
