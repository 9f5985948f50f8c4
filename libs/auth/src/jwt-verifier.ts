import { createRemoteJWKSet, decodeJwt, errors, JWTPayload, jwtVerify } from 'jose';
import { GRANTS_CLAIM, parseGrants, Principal } from './principal';

export interface JwtVerifierOptions {
  /** The OpenID Connect issuer; its discovery document names the JWKS. */
  issuer: string;
  audience: string;
  /** Where the keys are, when not found through discovery. */
  jwksUri?: string;
  clockToleranceSeconds?: number;
  /**
   * A token with an unknown key id refetches the key set at most this often, so a flood of forged
   * key ids cannot hammer the issuer; a real rotation is picked up after at most this long.
   */
  keyRefetchCooldownMs?: number;
}

/** Why a token was refused, in words a client developer can act on. */
export class TokenRejected extends Error {}

/** Asymmetric algorithms only: `none` and HMAC (a token "signed" with the public key) never pass. */
const ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'EdDSA'];

/**
 * Verifies access tokens against the issuer's JWKS: signature, `iss`, `aud`, `exp` and `nbf` with
 * a small clock skew. Keys are cached; a token signed with a key id not in the cache refetches the
 * set (rate-limited), which is how a rotation at the issuer is picked up.
 */
export class JwtVerifier {
  private jwks?: ReturnType<typeof createRemoteJWKSet>;

  constructor(private readonly opts: JwtVerifierOptions) {}

  async verify(token: string): Promise<Principal> {
    // Another issuer's token would otherwise be refused for its unknown key id or its signature,
    // which does not say what is wrong. Read unverified, this check can only refuse, never accept.
    const claimed = claimedIssuer(token);
    if (claimed !== undefined && claimed !== this.opts.issuer) throw new TokenRejected('the token was issued by another issuer');
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, await this.keys(), {
        issuer: this.opts.issuer,
        audience: this.opts.audience,
        algorithms: ALGORITHMS,
        clockTolerance: this.opts.clockToleranceSeconds ?? 30,
        requiredClaims: ['exp', 'sub'],
      }));
    } catch (e) {
      throw new TokenRejected(reasonFor(e));
    }
    return {
      subject: payload.sub!,
      email: typeof payload.email === 'string' ? payload.email : undefined,
      name: typeof payload.name === 'string' ? payload.name : undefined,
      grants: parseGrants(payload[GRANTS_CLAIM]),
    };
  }

  private async keys() {
    if (this.jwks) return this.jwks;
    const uri = this.opts.jwksUri ?? (await this.discoverJwksUri());
    this.jwks = createRemoteJWKSet(new URL(uri), { cooldownDuration: this.opts.keyRefetchCooldownMs ?? 30_000, cacheMaxAge: 10 * 60_000 });
    return this.jwks;
  }

  private async discoverJwksUri(): Promise<string> {
    const url = `${this.opts.issuer.replace(/\/$/, '')}/.well-known/openid-configuration`;
    const res = await fetch(url, { signal: AbortSignal.timeout(5_000) }).catch((e: Error) => {
      throw new TokenRejected(`the identity provider is not reachable at ${url} (${e.message})`);
    });
    if (!res.ok) throw new TokenRejected(`the identity provider's discovery document answered ${res.status}`);
    const doc = (await res.json()) as { jwks_uri?: string };
    if (!doc.jwks_uri) throw new TokenRejected('the identity provider names no jwks_uri');
    return doc.jwks_uri;
  }
}

function claimedIssuer(token: string): string | undefined {
  try {
    const { iss } = decodeJwt(token);
    return typeof iss === 'string' ? iss : undefined;
  } catch {
    return undefined;
  }
}

function reasonFor(e: unknown): string {
  if (e instanceof TokenRejected) return e.message;
  if (e instanceof errors.JWTExpired) return 'the token has expired';
  if (e instanceof errors.JWTClaimValidationFailed) {
    if (e.claim === 'nbf') return 'the token is not valid yet';
    if (e.claim === 'iss') return 'the token was issued by another issuer';
    if (e.claim === 'aud') return 'the token is not meant for this audience';
    return `the token's "${e.claim}" claim is invalid: ${e.reason}`;
  }
  if (e instanceof errors.JOSEAlgNotAllowed) return 'the token is signed with an algorithm that is not accepted (only asymmetric signatures are)';
  if (e instanceof errors.JWSSignatureVerificationFailed) return 'the token signature does not verify';
  if (e instanceof errors.JWKSNoMatchingKey) return "no key of the issuer matches the token's key id";
  if (e instanceof errors.JWSInvalid || e instanceof errors.JWTInvalid) return 'the token is malformed';
  if (e instanceof errors.JWKSTimeout) return "the issuer's keys could not be fetched in time";
  return `the token could not be verified (${(e as Error).message})`;
}
