import { v5 as uuidv5, validate as isUuid } from 'uuid';
import { grantCovers, Role } from '@intercity/auth';
import { CallContexts } from '@intercity/persistence';
import type { Registrar } from '../registration/domain/registration';

/** Names ids derived from identity-provider subjects that are not UUIDs themselves. */
const SUBJECT_NAMESPACE = '6f1c1c56-3b1e-5d0a-9a43-5d7f1f0e2a11';

/**
 * The id practice's events record for who acted (`registeredBy`, `recordedBy`): the subject of
 * the verified token when it is a UUID, otherwise a stable UUID derived from it, so the same
 * person always has the same id here. Work with no person behind it (events, sweeps) is the
 * service's own.
 */
export function actingPersonId(): string {
  const { principal, actor } = CallContexts.current();
  const subject = principal?.subject ?? `${actor.kind}:${actor.id}`;
  return isUuid(subject) ? subject : uuidv5(subject, SUBJECT_NAMESPACE);
}

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
