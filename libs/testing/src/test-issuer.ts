import http from 'node:http';
import { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, JWK, KeyLike, SignJWT } from 'jose';

export interface TestGrant {
  role: 'network-admin' | 'city-liaison' | 'grant-officer' | 'viewer';
  networkId: string;
  memberId?: string;
}

export interface MintOptions {
  subject?: string;
  grants?: TestGrant[];
  audience?: string;
  issuer?: string;
  /** Seconds from now; negative for a token that has already expired. */
  expiresIn?: number;
  notBefore?: number;
  email?: string;
}

/**
 * A real OpenID Connect issuer, as far as a resource server can tell: discovery document and JWKS
 * over HTTP on loopback, RS256-signed access tokens. Tests mint tokens for any grants they need;
 * `rotate()` swaps the signing key as an identity provider's rotation would.
 */
export class TestIssuer {
  readonly audience = 'intercity-api';
  private server?: http.Server;
  private keys: { kid: string; privateKey: KeyLike; publicJwk: JWK }[] = [];
  issuer = '';

  static async start(): Promise<TestIssuer> {
    const issuer = new TestIssuer();
    await issuer.rotate();
    await issuer.listen();
    return issuer;
  }

  /** Environment that points a service or the edge at this issuer. */
  get env(): Record<string, string> {
    return { AUTH_ISSUER: this.issuer, AUTH_AUDIENCE: this.audience };
  }

  async rotate(): Promise<void> {
    const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
    const kid = `test-${this.keys.length + 1}-${Date.now().toString(36)}`;
    this.keys.unshift({ kid, privateKey, publicJwk: { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' } });
  }

  /** The public half of the current signing key, as a JWK (for forging tokens in attack tests). */
  get publicJwk(): JWK {
    return this.keys[0].publicJwk;
  }

  async mint(opts: MintOptions = {}): Promise<string> {
    const { kid, privateKey } = this.keys[0];
    const now = Math.floor(Date.now() / 1000);
    const jwt = new SignJWT({ intercity_grants: opts.grants ?? [], email: opts.email })
      .setProtectedHeader({ alg: 'RS256', kid, typ: 'at+jwt' })
      .setIssuer(opts.issuer ?? this.issuer)
      .setAudience(opts.audience ?? this.audience)
      .setSubject(opts.subject ?? 'test-person')
      .setIssuedAt(now)
      .setExpirationTime(now + (opts.expiresIn ?? 300));
    if (opts.notBefore !== undefined) jwt.setNotBefore(now + opts.notBefore);
    return jwt.sign(privateKey);
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private async listen(): Promise<void> {
    this.server = http.createServer((req, res) => {
      const send = (body: unknown) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify(body));
      };
      if (req.url === '/.well-known/openid-configuration') return send({ issuer: this.issuer, jwks_uri: `${this.issuer}/jwks` });
      if (req.url === '/jwks') return send({ keys: this.keys.map((k) => k.publicJwk) });
      res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.issuer = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }
}
