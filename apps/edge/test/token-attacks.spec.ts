import { createPublicKey } from 'node:crypto';
import { importJWK, SignJWT, UnsecuredJWT } from 'jose';
import { TestIssuer } from '@intercity/testing';
import { expectProblem, RunningEdge, startEdge } from './support/edge';
import { BackendServices, DemoIssuer, OPERATOR_EMAIL } from './support/processes';

/**
 * Forged and misdirected tokens sent to the running node: the edge in front of the membership
 * service, both trusting the demo OpenID Connect issuer. Each is refused with 401 problem+json
 * saying what is wrong with it.
 */
describe('token attacks against the running edge', () => {
  let issuer: DemoIssuer;
  let services: BackendServices;
  let edge: RunningEdge;
  let other: TestIssuer;

  const ADMIN_OF_EVERYTHING = [{ role: 'network-admin', networkId: '*' }];
  const now = () => Math.floor(Date.now() / 1000);

  beforeAll(async () => {
    issuer = await DemoIssuer.start();
    services = await BackendServices.start(issuer.env, ['membership']);
    edge = await startEdge({ ...issuer.env, ...(await services.edgeEnv()), RATE_LIMIT_ANONYMOUS_PER_MINUTE: '100000' });
    other = await TestIssuer.start();
  });

  afterAll(async () => {
    await edge?.close();
    await other?.stop();
    await services?.stop();
    await issuer?.stop();
  });

  /** What the edge answers a read carrying this token. */
  const readWith = (token: string) => edge.http().get('/api/membership/members').set('Authorization', `Bearer ${token}`);

  function expectRefused(res: Awaited<ReturnType<typeof readWith>>, detail: string): void {
    expectProblem(res, 401, 'auth.token');
    expect(res.body.detail).toBe(detail);
  }

  it("accepts the demo issuer's own token, so the refusals below are the token's fault", async () => {
    const res = await readWith(await issuer.token(OPERATOR_EMAIL));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ items: [], total: 0 });
  });

  it('refuses an unsigned token (alg: none)', async () => {
    const token = new UnsecuredJWT({ intercity_grants: ADMIN_OF_EVERYTHING })
      .setIssuer(issuer.url)
      .setAudience(issuer.audience)
      .setSubject('mallory@example.org')
      .setExpirationTime(now() + 300)
      .encode();
    expect(JSON.parse(Buffer.from(token.split('.')[0], 'base64url').toString())).toEqual({ alg: 'none' });

    expectRefused(await readWith(token), 'the token is signed with an algorithm that is not accepted (only asymmetric signatures are)');
  });

  it("refuses an HMAC token whose secret is the issuer's public key", async () => {
    const [published] = await issuer.publicKeys();
    const pem = createPublicKey({ key: { ...published }, format: 'jwk' }).export({ type: 'spki', format: 'pem' });
    const token = await new SignJWT({ intercity_grants: ADMIN_OF_EVERYTHING })
      .setProtectedHeader({ alg: 'HS256', kid: published.kid })
      .setIssuer(issuer.url)
      .setAudience(issuer.audience)
      .setSubject('mallory@example.org')
      .setExpirationTime(now() + 300)
      .sign(new TextEncoder().encode(String(pem)));

    expectRefused(await readWith(token), 'the token is signed with an algorithm that is not accepted (only asymmetric signatures are)');
  });

  it('refuses a well-signed token from another issuer', async () => {
    const token = await other.mint({ subject: 'mallory@example.org', grants: [{ role: 'network-admin', networkId: '*' }] });

    expectRefused(await readWith(token), 'the token was issued by another issuer');
  });

  it("refuses an expired token signed with the issuer's real key", async () => {
    const jwk = await issuer.signingKey();
    const token = await new SignJWT({ intercity_grants: ADMIN_OF_EVERYTHING })
      .setProtectedHeader({ alg: 'RS256', kid: jwk.kid, typ: 'at+jwt' })
      .setIssuer(issuer.url)
      .setAudience(issuer.audience)
      .setSubject(OPERATOR_EMAIL)
      .setIssuedAt(now() - 3600)
      // Well past the verifier's 30 s of clock skew.
      .setExpirationTime(now() - 600)
      .sign(await importJWK(jwk, 'RS256'));

    expectRefused(await readWith(token), 'the token has expired');
  });

  it("refuses a token for another audience, signed with the issuer's real key", async () => {
    const jwk = await issuer.signingKey();
    const token = await new SignJWT({ intercity_grants: ADMIN_OF_EVERYTHING })
      .setProtectedHeader({ alg: 'RS256', kid: jwk.kid, typ: 'at+jwt' })
      .setIssuer(issuer.url)
      .setAudience('another-api')
      .setSubject(OPERATOR_EMAIL)
      .setExpirationTime(now() + 300)
      .sign(await importJWK(jwk, 'RS256'));

    expectRefused(await readWith(token), 'the token is not meant for this audience');
  });

  it('refuses a request without a token, and says how to send one', async () => {
    const res = await edge.http().get('/api/membership/members');
    expectProblem(res, 401, 'auth.bearer');
    expect(res.body.detail).toBe('an access token is required: Authorization: Bearer <token>');
  });
});
