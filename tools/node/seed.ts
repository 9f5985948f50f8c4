import { demoToken } from './demo-token';
import { issuerOf } from './node-layout';
import { seedDemoNetwork } from './seed-demo-network';

/** `npm run seed`: seeds the demo network into a running node (e.g. one started by docker compose). */
const baseUrl = process.env.BASE_URL ?? `http://localhost:${process.env.PORT ?? 8080}`;
// The operator's token: from SEED_TOKEN when the node trusts another issuer, else the demo issuer's.
const token = process.env.SEED_TOKEN ? Promise.resolve(process.env.SEED_TOKEN) : demoToken(issuerOf(), 'operator@intercity.example');
token
  .then((t) => seedDemoNetwork(baseUrl, t, { nodeId: process.env.NODE_ID ?? 'hub', nodeUrl: baseUrl }))
  .then((r) => console.log(`seeded: ${r.summary}`))
  .catch((e) => {
    console.error(`✗ ${(e as Error).message}`);
    process.exit(1);
  });
