import http from 'node:http';
import path from 'node:path';
import { createDemoProvider } from './demo-provider';
import { loadDemoUsers } from './demo-users';
import { loadOrCreateSigningKeys } from './signing-keys';

/**
 * The demo's identity provider. Production nodes point AUTH_ISSUER at their own OpenID Connect
 * provider (deploy/keycloak) instead.
 */
async function main() {
  const port = Number(process.env.PORT ?? 8090);
  const issuer = process.env.AUTH_ISSUER ?? `http://localhost:${port}`;
  const stateDir = process.env.DEMO_ISSUER_DIR ?? path.resolve('tmp', 'demo-issuer');
  const usersFile = process.env.DEMO_USERS_FILE ?? path.join(stateDir, 'users.json');
  const { keys } = await loadOrCreateSigningKeys(path.join(stateDir, 'signing-keys.json'));
  const provider = await createDemoProvider({
    issuer,
    // Comma-separated when one issuer serves several nodes (npm run start:network).
    edgeUrls: (process.env.EDGE_URL ?? 'http://localhost:8080').split(',').map((u) => u.trim()).filter(Boolean),
    keys,
    // Read on each use: the start script writes the file once the demo network has ids.
    users: () => loadDemoUsers(usersFile),
    accessTokenTtlSeconds: Number(process.env.ACCESS_TOKEN_TTL_SECONDS ?? 8 * 3600),
  });
  const server = http.createServer(provider.callback());
  server.listen(port, process.env.HOST ?? '127.0.0.1');
  const stop = () => server.close(() => process.exit(0));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
