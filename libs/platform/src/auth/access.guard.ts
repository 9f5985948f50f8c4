import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { ACCESS_METADATA, AccessDeclaration, JwtVerifier, Principal, TokenRejected } from '@intercity/auth';
import { CallContexts } from '@intercity/persistence';
import { ProblemException } from '../http/problem';

export const JWT_VERIFIER = Symbol('JWT_VERIFIER');

export type AuthenticatedRequest = Request & { principal?: Principal };

/**
 * Verifies the bearer token of every request to a route that is not public, makes the person the
 * actor of whatever the request changes, and checks the route's declared roles. Which network and
 * city a change touches is the feature's to check (`authorize`), once it knows.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(JWT_VERIFIER) private readonly verifier: JwtVerifier,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const declaration = this.reflector.getAllAndOverride<AccessDeclaration | undefined>(ACCESS_METADATA, [
      context.getHandler(),
      context.getClass(),
    ]);
    // Unreachable once the routes were checked at start; refusing is the safe answer anyway.
    if (!declaration) throw new ProblemException(403, { rule: 'access.undeclared', detail: 'this route declares no access policy' });
    if (declaration.kind === 'public') return true;

    const req = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const principal = await this.authenticate(req);
    req.principal = principal;
    CallContexts.setPrincipal(principal);

    // A verified person with no role on this node (signed in, but never granted anything) sees nothing.
    if (principal.grants.length === 0) {
      throw new ProblemException(403, { rule: 'access.no-role', detail: 'you hold no role in any network of this node' });
    }
    if (declaration.kind === 'roles' && !principal.grants.some((g) => declaration.roles.includes(g.role))) {
      throw new ProblemException(403, { rule: 'access.role', detail: `this needs one of the roles ${declaration.roles.join(', ')}` });
    }
    return true;
  }

  private async authenticate(req: Request): Promise<Principal> {
    const header = req.header('authorization');
    const token = /^Bearer\s+(\S+)$/i.exec(header ?? '')?.[1];
    if (!token) {
      throw new ProblemException(401, { rule: 'auth.bearer', detail: 'an access token is required: Authorization: Bearer <token>' });
    }
    try {
      return await this.verifier.verify(token);
    } catch (e) {
      if (e instanceof TokenRejected) throw new ProblemException(401, { rule: 'auth.token', detail: e.message });
      throw e;
    }
  }
}
