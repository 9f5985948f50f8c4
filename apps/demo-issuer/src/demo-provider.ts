import type { default as Provider, Configuration, KoaContextWithOIDC, ResourceServer } from 'oidc-provider' with { 'resolution-mode': 'import' };
import type { JWK } from 'jose';
import { GRANTS_CLAIM } from '@intercity/auth';
import type { DemoUser } from './demo-users';

/** The API's resource indicator, and the audience its access tokens carry. */
export const API_RESOURCE = 'urn:intercity:api';
export const API_AUDIENCE = 'intercity-api';

/** Lets the command line ask for a demo person's token by e-mail (`npm run token -- <email>`). */
export const DEMO_USER_GRANT = 'urn:intercity:params:oauth:grant-type:demo-user';
export const CLI_CLIENT = { id: 'intercity-cli', secret: 'intercity-demo-cli-secret' };
export const DOCS_CLIENT_ID = 'intercity-api-docs';

export interface DemoProviderOptions {
  issuer: string;
  /** The base URLs whose API docs page signs in here (the nodes of a local network: several). */
  edgeUrls: string[];
  keys: JWK[];
  users: () => DemoUser[];
  accessTokenTtlSeconds: number;
}

/**
 * A standards-following OpenID Connect issuer for the demo, built on oidc-provider: discovery,
 * JWKS, authorization code with PKCE (the API docs page logs in with it; any password is accepted
 * at its development login page), and JWT access tokens for the API carrying each person's grants.
 */
export async function createDemoProvider(opts: DemoProviderOptions): Promise<Provider> {
  // oidc-provider is an ES module; Node 20 loads it from CommonJS through import().
  const { default: OidcProvider } = await import('oidc-provider');
  const userBy = (email: string) => opts.users().find((u) => u.email.toLowerCase() === email.toLowerCase());
  const resourceServer: ResourceServer = {
    audience: API_AUDIENCE,
    scope: 'api',
    accessTokenFormat: 'jwt',
    accessTokenTTL: opts.accessTokenTtlSeconds,
    jwt: { sign: { alg: 'RS256' } },
  };

  const configuration: Configuration = {
    jwks: { keys: opts.keys as Configuration['jwks'] extends { keys: infer K } | undefined ? K : never },
    clients: [
      {
        client_id: DOCS_CLIENT_ID,
        token_endpoint_auth_method: 'none',
        grant_types: ['authorization_code'],
        response_types: ['code'],
        redirect_uris: opts.edgeUrls.map((u) => `${u.replace(/\/$/, '')}/api/docs/oauth2-redirect.html`),
      },
      {
        client_id: CLI_CLIENT.id,
        client_secret: CLI_CLIENT.secret,
        grant_types: [DEMO_USER_GRANT],
        response_types: [],
        redirect_uris: [],
      },
    ],
    claims: { openid: ['sub'], email: ['email'], profile: ['name'] },
    scopes: ['openid', 'email', 'profile', 'api'],
    async findAccount(_ctx, id) {
      const user = userBy(id);
      if (!user) return undefined;
      return { accountId: user.email, claims: async () => ({ sub: user.email, email: user.email, name: user.name }) };
    },
    async extraTokenClaims(_ctx, token) {
      const user = 'accountId' in token && token.accountId ? userBy(String(token.accountId)) : undefined;
      return user ? { email: user.email, name: user.name, [GRANTS_CLAIM]: user.grants } : undefined;
    },
    features: {
      devInteractions: { enabled: true },
      resourceIndicators: {
        enabled: true,
        defaultResource: () => API_RESOURCE,
        useGrantedResource: () => true,
        getResourceServerInfo: (_ctx, resource) => {
          if (resource !== API_RESOURCE) throw new Error(`unknown resource ${resource}`);
          return resourceServer;
        },
      },
    },
    // The demo's first-party clients need no consent screen.
    async loadExistingGrant(ctx: KoaContextWithOIDC) {
      const accountId = ctx.oidc.session?.accountId;
      if (!accountId || !ctx.oidc.client) return undefined;
      const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client.clientId, accountId });
      grant.addOIDCScope('openid email profile');
      grant.addResourceScope(API_RESOURCE, 'api');
      await grant.save();
      return grant;
    },
    clientBasedCORS: () => true,
    pkce: { required: () => true },
    cookies: { keys: ['intercity-demo-issuer-cookie-key'] },
    ttl: { AccessToken: opts.accessTokenTtlSeconds, Session: 8 * 3600, Grant: 8 * 3600 },
  };

  const provider = new OidcProvider(opts.issuer, configuration);
  provider.registerGrantType(
    DEMO_USER_GRANT,
    async (ctx: KoaContextWithOIDC) => {
      const email = String(ctx.oidc.params?.email ?? '');
      const user = userBy(email);
      if (!user) {
        ctx.status = 400;
        ctx.body = { error: 'invalid_grant', error_description: `no demo user ${email}` };
        return;
      }
      const client = ctx.oidc.client!;
      const grant = new ctx.oidc.provider.Grant({ clientId: client.clientId, accountId: user.email });
      grant.addResourceScope(API_RESOURCE, 'api');
      const token = new ctx.oidc.provider.AccessToken({
        accountId: user.email,
        client,
        grantId: await grant.save(),
        gty: DEMO_USER_GRANT,
        scope: 'api',
      });
      token.resourceServer = new ctx.oidc.provider.ResourceServer(API_RESOURCE, resourceServer);
      const value = await token.save();
      ctx.body = { access_token: value, token_type: 'Bearer', expires_in: token.expiration, scope: 'api' };
    },
    ['email'],
  );
  return provider;
}
