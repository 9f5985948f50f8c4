import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { exportJWK, generateKeyPair, JWK } from 'jose';

/**
 * The issuer's signing key, kept on disk so tokens stay valid across restarts of the demo. A new
 * key is made when the file is missing; a production issuer (Keycloak) rotates its own.
 */
export async function loadOrCreateSigningKeys(file: string): Promise<{ keys: JWK[] }> {
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as { keys: JWK[] };
  const { privateKey } = await generateKeyPair('RS256', { extractable: true, modulusLength: 2048 });
  const jwk = { ...(await exportJWK(privateKey)), alg: 'RS256', use: 'sig', kid: `demo-${Date.now().toString(36)}` };
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify({ keys: [jwk] }), { mode: 0o600 });
  return { keys: [jwk] };
}
