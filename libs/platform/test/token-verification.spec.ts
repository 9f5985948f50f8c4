import { createHmac, createPublicKey } from 'node:crypto';
import { TestIssuer } from '@intercity/testing';
import { JwtVerifier, TokenRejected } from '@intercity/auth';

const b64url = (v: object | Buffer) => (Buffer.isBuffer(v) ? v : Buffer.from(JSON.stringify(v))).toString('base64url');

let issuer: TestIssuer;
let verifier: JwtVerifier;

beforeAll(async () => {
  issuer = await TestIssuer.start();
  // No refetch cooldown, so the rotation below is picked up within the test.
  verifier = new JwtVerifier({ issuer: issuer.issuer, audience: issuer.audience, keyRefetchCooldownMs: 0 });
});

afterAll(() => issuer.stop());

async function reason(token: string): Promise<string> {
  try {
    await verifier.verify(token);
  } catch (e) {
    if (e instanceof TokenRejected) return e.message;
    throw e;
  }
  throw new Error('the token was accepted');
}

describe('JwtVerifier', () => {
  it("accepts the issuer's token and reads the person's grants from it", async () => {
    const token = await issuer.mint({ subject: 'francesca.ricci', grants: [{ role: 'city-liaison', networkId: 'n1', memberId: 'ravenna' }] });
    expect(await verifier.verify(token)).toEqual({
      subject: 'francesca.ricci',
      email: undefined,
      name: undefined,
      grants: [{ role: 'city-liaison', networkId: 'n1', memberId: 'ravenna' }],
    });
  });

  it('refuses an expired token, beyond the clock skew it allows', async () => {
    expect(await reason(await issuer.mint({ expiresIn: -120 }))).toBe('the token has expired');
    await expect(verifier.verify(await issuer.mint({ expiresIn: -5 }))).resolves.toMatchObject({ subject: 'test-person' });
  });

  it('refuses a token that is not valid yet', async () => {
    expect(await reason(await issuer.mint({ notBefore: 600 }))).toBe('the token is not valid yet');
  });

  it('refuses a token from another issuer, or for another audience', async () => {
    expect(await reason(await issuer.mint({ issuer: 'https://evil.example' }))).toBe('the token was issued by another issuer');
    expect(await reason(await issuer.mint({ audience: 'another-api' }))).toBe('the token is not meant for this audience');
  });

  it("refuses an unsigned token (alg: none)", async () => {
    const now = Math.floor(Date.now() / 1000);
    const token = `${b64url({ alg: 'none', typ: 'JWT' })}.${b64url({ iss: issuer.issuer, aud: issuer.audience, sub: 'x', exp: now + 60 })}.`;
    expect(await reason(token)).toMatch(/algorithm that is not accepted|malformed/);
  });

  it("refuses an HMAC token whose secret is the issuer's public key", async () => {
    const now = Math.floor(Date.now() / 1000);
    const pem = createPublicKey({ key: issuer.publicJwk as import("node:crypto").JsonWebKey, format: 'jwk' }).export({ type: 'spki', format: 'pem' });
    const head = b64url({ alg: 'HS256', typ: 'JWT', kid: issuer.publicJwk.kid });
    const body = b64url({ iss: issuer.issuer, aud: issuer.audience, sub: 'x', exp: now + 60, intercity_grants: [{ role: 'network-admin', networkId: '*' }] });
    const sig = createHmac('sha256', pem).update(`${head}.${body}`).digest('base64url');
    expect(await reason(`${head}.${body}.${sig}`)).toBe('the token is signed with an algorithm that is not accepted (only asymmetric signatures are)');
  });

  it('refuses a token whose signature was tampered with', async () => {
    const [h, p, s] = (await issuer.mint()).split('.');
    const forged = b64url({ ...JSON.parse(Buffer.from(p, 'base64url').toString()), intercity_grants: [{ role: 'network-admin', networkId: '*' }] });
    expect(await reason(`${h}.${forged}.${s}`)).toBe('the token signature does not verify');
  });

  it('picks up a rotated signing key without a restart', async () => {
    await verifier.verify(await issuer.mint());
    await issuer.rotate();
    await expect(verifier.verify(await issuer.mint({ subject: 'after-rotation' }))).resolves.toMatchObject({ subject: 'after-rotation' });
  });
});
