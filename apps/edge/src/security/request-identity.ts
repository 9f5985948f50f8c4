import type { Request } from 'express';
import { JwtVerifier } from '@intercity/auth';

/**
 * Subjects of tokens already verified, until each token expires. The edge needs the subject only
 * to count requests per person (every service verifies the token again), so a verified token is
 * not verified again on each request: RS256 verification was the larger part of the edge's cost.
 */
export class VerifiedSubjects {
  private readonly bySignature = new Map<string, { subject: string; expiresAtMs: number }>();

  constructor(
    private readonly verifier: JwtVerifier,
    private readonly maxEntries = 10_000,
  ) {}

  async subjectOf(token: string, nowMs = Date.now()): Promise<string | undefined> {
    const known = this.bySignature.get(token);
    if (known && known.expiresAtMs > nowMs) return known.subject;
    if (known) this.bySignature.delete(token);
    const principal = await this.verifier.verify(token).catch(() => undefined);
    if (!principal) return undefined;
    const exp = expiryOf(token);
    if (exp !== undefined) {
      // Oldest first out: a Map iterates in insertion order.
      if (this.bySignature.size >= this.maxEntries) this.bySignature.delete(this.bySignature.keys().next().value!);
      this.bySignature.set(token, { subject: principal.subject, expiresAtMs: exp * 1000 });
    }
    return principal.subject;
  }
}

function expiryOf(token: string): number | undefined {
  try {
    const { exp } = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString()) as { exp?: unknown };
    return typeof exp === 'number' ? exp : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Whom to count a request against: the verified subject of its token, or its address when it has
 * no valid token (the service will refuse it anyway; counting it by address stops floods).
 */
export async function requestIdentity(req: Request, subjects: VerifiedSubjects): Promise<string> {
  const token = /^Bearer\s+(\S+)$/i.exec(req.header('authorization') ?? '')?.[1];
  const subject = token && (await subjects.subjectOf(token));
  return subject ? `sub:${subject}` : `ip:${req.socket.remoteAddress ?? 'unknown'}`;
}
