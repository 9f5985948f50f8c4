import { seedDemoNetwork } from './seed-demo-network';

/** `npm run seed`: seeds the demo network into a running node (e.g. one started by docker compose). */
const baseUrl = process.env.BASE_URL ?? `http://localhost:${process.env.PORT ?? 8080}`;
seedDemoNetwork(baseUrl, { nodeId: process.env.NODE_ID ?? 'hub', nodeUrl: baseUrl })
  .then((r) => console.log(`seeded: ${r.summary}`))
  .catch((e) => {
    console.error(`✗ ${(e as Error).message}`);
    process.exit(1);
  });
