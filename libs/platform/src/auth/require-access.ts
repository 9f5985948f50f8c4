import { AccessDenied, AccessTarget, authorize, Role } from '@intercity/auth';
import { CallContexts } from '@intercity/persistence';

/**
 * Checks, once a feature knows which network and city a change touches, that the person asking may
 * make it (403 problem+json naming the rule otherwise). Work started by an event or by the system
 * carries no person and is the service's own.
 */
export function requireAccess(roles: readonly Role[], target: AccessTarget): void {
  const { principal, actor } = CallContexts.current();
  if (principal) return authorize(principal, roles, target);
  if (actor.kind === 'person') throw new AccessDenied('access.identity', 'this change needs a verified identity');
}

/**
 * As requireAccess, for a change either of several cities may make (a pairing's two cities):
 * allowed when the caller may act for any of them; otherwise refused as for the first.
 */
export function requireAccessToAnyOf(roles: readonly Role[], networkId: string, memberIds: readonly string[]): void {
  let refusal: unknown;
  for (const memberId of memberIds) {
    try {
      return requireAccess(roles, { networkId, memberId });
    } catch (e) {
      refusal ??= e;
    }
  }
  throw refusal;
}
