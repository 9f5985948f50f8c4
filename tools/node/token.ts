import { readFileSync } from 'node:fs';
import path from 'node:path';
import { NODE_OPERATOR } from '../../apps/demo-issuer/src/demo-users';
import { demoToken } from './demo-token';

/**
 * `npm run --silent token -- <email>` prints an access token for a demo person, for curl;
 * `npm run --silent token -- --list` prints the demo people with their roles and cities as JSON.
 */
async function main() {
  const arg = process.argv[2];
  const issuer = process.env.AUTH_ISSUER ?? `http://localhost:${process.env.ISSUER_PORT ?? 8090}`;
  if (!arg || arg === '--help') {
    console.error('usage: npm run --silent token -- <email> | --list');
    process.exit(2);
  }
  if (arg === '--list') {
    const file = path.resolve(__dirname, '..', '..', 'tmp', 'demo-issuer', 'users.json');
    let users: unknown[] = [];
    try {
      users = JSON.parse(readFileSync(file, 'utf8')) as unknown[];
    } catch {
      console.error('(the demo network is not seeded yet: start the node with npm start)');
    }
    console.log(JSON.stringify([NODE_OPERATOR, ...users], null, 2));
    return;
  }
  console.log(await demoToken(issuer, arg));
}

main().catch((e: Error) => {
  console.error(`✗ ${e.message}`);
  process.exit(1);
});
