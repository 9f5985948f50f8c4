// @ts-check
// JavaScript, not TypeScript: on Node 20 Jest can only load jest.config.ts through ts-node or
// esbuild-register, and neither is a dependency.
const fs = require('node:fs');
const path = require('node:path');

/** @type {import('@swc/core').Options} */
const swc = { ...require('./tools/swc-options'), swcrc: false, sourceMaps: 'inline' };

// '@intercity/contracts' -> '<rootDir>/libs/contracts/src/index.ts', from tsconfig.base.json so the
// two never drift (plain JSON: keep comments out of that file).
const { paths } = JSON.parse(fs.readFileSync(path.join(__dirname, 'tsconfig.base.json'), 'utf8')).compilerOptions;
const moduleNameMapper = Object.fromEntries(
  Object.entries(paths).map(([alias, [target]]) => [`^${alias.replace(/[/.]/g, '\\$&')}$`, `<rootDir>/${target}`]),
);

// Integration specs talk to real Postgres, NATS and Redis.
const testTimeout = 60_000;

/** @returns {import('jest').Config} */
function project(name, dir) {
  return {
    displayName: name,
    rootDir: __dirname,
    roots: [`<rootDir>/${dir}`],
    // unit specs beside the code; integration specs in test/
    testMatch: [`<rootDir>/${dir}/src/**/*.spec.ts`, `<rootDir>/${dir}/test/**/*.spec.ts`],
    testEnvironment: 'node',
    transform: { '^.+\\.ts$': ['@swc/jest', swc] },
    moduleFileExtensions: ['ts', 'js', 'json'],
    moduleNameMapper,
  };
}

// Every Nx project whose test target runs jest, so a new service is never silently left out.
function jestProjects() {
  return ['apps', 'libs'].flatMap((parent) => {
    const base = path.join(__dirname, parent);
    if (!fs.existsSync(base)) return [];
    return fs.readdirSync(base).flatMap((child) => {
      const file = path.join(base, child, 'project.json');
      if (!fs.existsSync(file)) return [];
      const { name, targets } = JSON.parse(fs.readFileSync(file, 'utf8'));
      const command = targets?.test?.command ?? targets?.test?.options?.command ?? '';
      return /\bjest\b/.test(command) ? [project(name, `${parent}/${child}`)] : [];
    });
  });
}

/** @type {import('jest').Config} */
module.exports = {
  // testTimeout is read from the global config only (Jest 30 ignores it inside `projects`).
  testTimeout,
  reporters: ['default', '<rootDir>/tools/jest-summary-reporter.js'],
  projects: jestProjects(),
};
