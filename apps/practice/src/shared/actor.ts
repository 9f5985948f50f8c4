import { grantCovers, Role } from '@intercity/auth';
import { CallContexts } from '@intercity/persistence';
import { actingPersonId } from '@intercity/platform';
import type { Registrar } from '../registration/domain/registration';

export { actingPersonId };

function holds(role: Role, networkId: string, memberId?: string): boolean {
  const { principal } = CallContexts.current();
  if (!principal) return role === 'network-admin';
  return principal.grants.some((g) => g.role === role && grantCovers(g, { networkId, memberId }));
}

/**
 * Who registers, in the domain's terms, once `requireAccess` has let them through: a network
 * admin of the network, or else the liaison of the person's city.
 */
export function registrarFor(networkId: string, memberId: string): Registrar {
  const personId = actingPersonId();
  if (holds('network-admin', networkId)) return { role: 'network-admin', personId };
  if (holds('city-liaison', networkId, memberId)) return { role: 'city-liaison', personId, memberId };
  // requireAccess let nobody else through; a registrar with no rights is a programming error.
  throw new Error('registrarFor called for a caller requireAccess would refuse');
}
