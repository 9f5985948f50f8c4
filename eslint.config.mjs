import js from '@eslint/js';
import nx from '@nx/eslint-plugin';
import { createProjectGraphAsync } from '@nx/devkit';
import jsoncParser from 'jsonc-eslint-parser';
import tseslint from 'typescript-eslint';

// @nx/enforce-module-boundaries only reads Nx's cached project graph and silently skips itself
// when there is none (fresh checkout, `npm run lint` without nx). Build it first, unless an nx
// task is running us and has just built it.
if (!process.env.NX_TASK_TARGET_PROJECT) {
  await createProjectGraphAsync({ exitOnError: true });
}

// Every service gets the same rule: itself plus the shared libs, never another service.
const services = ['membership', 'practice', 'exchanges', 'grants', 'notifications', 'edge', 'demo-issuer', 'federation-e2e'];

const depConstraints = [
  { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:contracts', 'type:domain', 'type:platform', 'type:testing'] },
  { sourceTag: 'type:platform', onlyDependOnLibsWithTags: ['type:contracts', 'type:domain', 'type:platform'] },
  // The shared kernel of domain rules: plain code that every service's domain may use.
  { sourceTag: 'type:domain', onlyDependOnLibsWithTags: [] },
  { sourceTag: 'type:testing', onlyDependOnLibsWithTags: ['type:contracts', 'type:domain', 'type:platform', 'type:testing'] },
  { sourceTag: 'type:contracts', onlyDependOnLibsWithTags: [] },
  ...services.map((s) => ({ sourceTag: `scope:${s}`, onlyDependOnLibsWithTags: [`scope:${s}`, 'scope:shared'] })),
  { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
  // Contracts are types and schemas only: every service must be able to load them.
  {
    sourceTag: 'type:contracts',
    bannedExternalImports: ['@nestjs/*', 'typeorm', 'pg', 'ioredis', 'bullmq', '@nats-io/*'],
  },
  { sourceTag: 'type:domain', bannedExternalImports: ['@nestjs/*', 'typeorm', 'pg', 'ioredis', 'bullmq', '@nats-io/*'] },
];

// For the plain JS tools (no TypeScript to know Node's globals).
const nodeGlobals = Object.fromEntries(
  ['process', 'console', '__dirname', '__filename', 'Buffer', 'URL', 'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'].map(
    (g) => [g, 'readonly'],
  ),
);

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', '**/coverage/**', '**/.nx/**', 'tmp/**'] },
  { files: ['**/*.{ts,js,cjs,mjs}'], ...js.configs.recommended },
  // project.json files: syntax checked, and a folder holding only them still counts as lintable.
  { files: ['**/*.json'], languageOptions: { parser: jsoncParser } },
  {
    files: ['**/*.js', '**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: nodeGlobals },
  },
  {
    files: ['**/*.mjs'],
    languageOptions: { sourceType: 'module', globals: nodeGlobals },
  },
  {
    files: ['**/*.ts'],
    extends: [tseslint.configs.recommended],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_' },
      ],
    },
  },
  {
    files: ['**/*.ts', '**/*.js', '**/*.mjs', '**/*.cjs'],
    plugins: { '@nx': nx },
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        { enforceBuildableLibDependency: false, allow: [], depConstraints },
      ],
    },
  },
  {
    // A platform library's own tests may stand on the testing library; its code may not.
    files: ['libs/*/test/**/*.ts', 'libs/*/src/**/*.spec.ts'],
    plugins: { '@nx': nx },
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          allow: [],
          depConstraints: depConstraints.map((c) =>
            c.sourceTag === 'type:platform' ? { ...c, onlyDependOnLibsWithTags: [...c.onlyDependOnLibsWithTags, 'type:testing'] } : c,
          ),
        },
      ],
    },
  },
  {
    // The domain is plain code (HOUSE_STYLE.md): no framework, no ORM.
    files: ['apps/*/src/**/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['@nestjs/*', 'typeorm', 'pg', 'ioredis', 'bullmq', '@nats-io/*'], message: 'domain code stays free of frameworks and I/O' }] },
      ],
    },
  },
);
