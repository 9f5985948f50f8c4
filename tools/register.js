// Runs the TypeScript sources directly (services, start script, benchmarks) with the same swc
// settings as the tests: decorator metadata for Nest's injection, and the workspace path aliases.
process.env.SWC_NODE_PROJECT = process.env.SWC_NODE_PROJECT || require('path').join(__dirname, '..', 'tsconfig.base.json');
require('@swc-node/register');
