// Runs the TypeScript sources directly (services, start script, benchmarks) with the same swc
// settings as the tests: decorator metadata for Nest's injection, and the workspace path aliases.
// A small hook of our own rather than @swc-node/register, which loads the TypeScript compiler
// (tens of MB in every service process) only to read tsconfig.
const fs = require('node:fs');
const path = require('node:path');
const Module = require('node:module');
const { transformSync } = require('@swc/core');

const root = path.resolve(__dirname, '..');
const { paths } = JSON.parse(fs.readFileSync(path.join(root, 'tsconfig.base.json'), 'utf8')).compilerOptions;
const aliases = new Map(Object.entries(paths).map(([alias, [target]]) => [alias, path.join(root, target)]));

const resolveFilename = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  return resolveFilename.call(this, aliases.get(request) ?? request, ...rest);
};

const options = { ...require('./swc-options'), sourceMaps: 'inline' };

Module._extensions['.ts'] = function compileTypeScript(module, filename) {
  const { code } = transformSync(fs.readFileSync(filename, 'utf8'), { ...options, filename });
  module._compile(code, filename);
};

// Stack traces point into the .ts sources.
process.setSourceMapsEnabled(true);
