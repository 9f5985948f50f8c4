import type { Request } from 'express';
import { JwtVerifier } from '@intercity/auth';

/**
 * Whom to count a request against: the verified subject of its token, or its address when it has
 * no valid token (the service will refuse it anyway; counting it by address stops floods).
 */
export async function requestIdentity(req: Request, verifier: JwtVerifier): Promise<string> {
  const token = /^Bearer\s+(\S+)$/i.exec(req.header('authorization') ?? '')?.[1];
  if (token) {
    const principal = await verifier.verify(token).catch(() => undefined);
    if (principal) return `sub:${principal.subject}`;
  }
  return `ip:${req.socket.remoteAddress ?? 'unknown'}`;
}
