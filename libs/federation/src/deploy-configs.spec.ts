import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_NAMESPACE } from '@intercity/messaging';
import { cityLeafPermissions, eventSubjects } from './nats-config';

// deploy/nats holds hand-kept production configs; the code renders the same rules for tests and
// `npm run start:network`. These checks keep the two from drifting apart.
const DEPLOY = join(__dirname, '..', '..', '..', 'deploy', 'nats');
const read = (file: string) => readFileSync(join(DEPLOY, file), 'utf8');
const quoted = (text: string) => [...text.matchAll(/"([^"]+)"/g)].map((m) => m[1]);

/** The quoted subjects of `<kind>: { allow: [ … ] }` in one city user's block of accounts.conf. */
function allowed(accounts: string, city: string, kind: 'publish' | 'subscribe'): string[] {
  const block = accounts.slice(accounts.indexOf(`user: "${city}"`));
  const start = block.indexOf(`${kind}: { allow: [`);
  return quoted(block.slice(start, block.indexOf('] }', start)).replace(/#.*$/gm, ''));
}

describe('the production NATS configs in deploy/', () => {
  it.each(['ravenna', 'offenbach'])("give %s's leaf user exactly the rights the code gives a city", (city) => {
    const accounts = read('hub/accounts.conf');
    const rights = cityLeafPermissions({ id: city, domain: city, password: 'unused' }, 'hub', DEFAULT_NAMESPACE);
    expect(allowed(accounts, city, 'publish').sort()).toEqual([...rights.publish.allow].sort());
    expect(allowed(accounts, city, 'subscribe').sort()).toEqual([...rights.subscribe.allow].sort());
  });

  it("keep every event subject off a city's leaf connection", () => {
    const city = read('city/city.conf');
    for (const list of ['deny_exports', 'deny_imports']) {
      const line = city.split('\n').find((l) => l.trim().startsWith(`${list}: [`))!;
      expect(quoted(line).sort()).toEqual(eventSubjects(DEFAULT_NAMESPACE).sort());
    }
  });
});
