import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { Principal } from '@intercity/auth';
import { ProblemException } from '../http/problem';
import type { AuthenticatedRequest } from './access.guard';

/** The verified identity of the request, as the access guard left it. */
export const CurrentPrincipal = createParamDecorator((_: unknown, ctx: ExecutionContext): Principal => {
  const principal = ctx.switchToHttp().getRequest<AuthenticatedRequest>().principal;
  if (!principal) throw new ProblemException(401, { rule: 'auth.bearer', detail: 'this route needs a verified identity' });
  return principal;
});
