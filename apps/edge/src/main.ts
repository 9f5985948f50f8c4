import { ConfigError } from '@intercity/platform';
import { loadEdgeConfig } from './edge-config';
import { createEdgeApp } from './edge-app';

async function main() {
  const config = loadEdgeConfig();
  const app = await createEdgeApp(config);
  await app.listen(config.port, config.host);
}

main().catch((e) => {
  console.error(e instanceof ConfigError ? e.message : e);
  process.exit(1);
});
