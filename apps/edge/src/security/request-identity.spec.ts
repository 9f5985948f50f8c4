import { JwtVerifier, Principal } from '@intercity/auth';
import { VerifiedSubjects } from './request-identity';

const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
const tokenExpiringAt = (exp: number, sub = 'anne') => `${b64({ alg: 'RS256' })}.${b64({ sub, exp })}.sig`;

/** A verifier that accepts every token and counts how often it was asked. */
function countingVerifier(): JwtVerifier & { calls: number } {
  const v = {
    calls: 0,
    async verify(token: string): Promise<Principal> {
      v.calls++;
      const { sub } = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString()) as { sub: string };
      return { subject: sub, grants: [] };
    },
  };
  return v as unknown as JwtVerifier & { calls: number };
}

describe('VerifiedSubjects', () => {
  const now = 1_800_000_000_000;

  it('verifies a token once and knows its subject until it expires', async () => {
    const verifier = countingVerifier();
    const subjects = new VerifiedSubjects(verifier);
    const token = tokenExpiringAt(now / 1000 + 60);

    expect(await subjects.subjectOf(token, now)).toBe('anne');
    expect(await subjects.subjectOf(token, now + 59_000)).toBe('anne');
    expect(verifier.calls).toBe(1);

    await subjects.subjectOf(token, now + 61_000);
    expect(verifier.calls).toBe(2);
  });

  it('forgets the oldest token when full', async () => {
    const verifier = countingVerifier();
    const subjects = new VerifiedSubjects(verifier, 2);
    const [a, b, c] = ['a', 'b', 'c'].map((sub) => tokenExpiringAt(now / 1000 + 60, sub));
    for (const t of [a, b, c]) await subjects.subjectOf(t, now);
    await subjects.subjectOf(b, now);
    await subjects.subjectOf(a, now);
    expect(verifier.calls).toBe(4);
  });

  it('does not keep what the verifier refused', async () => {
    const refusing = { verify: () => Promise.reject(new Error('bad')) } as unknown as JwtVerifier;
    expect(await new VerifiedSubjects(refusing).subjectOf(tokenExpiringAt(now / 1000 + 60), now)).toBeUndefined();
  });
});
