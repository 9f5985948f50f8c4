import type { Grant, Principal, Role } from './principal';

/** What a change is about: the network it belongs to and, for a city's own data, the city. */
export interface AccessTarget {
  networkId: string;
  memberId?: string;
}

export class AccessDenied extends Error {
  constructor(
    readonly rule: string,
    message: string,
  ) {
    super(message);
  }
}

function inNetwork(g: Grant, networkId: string): boolean {
  return g.networkId === networkId || g.networkId === '*';
}

/**
 * Whether one grant lets its holder act on the target (ARCHITECTURE §5): a network admin in the
 * whole network, a city liaison only on its own city's data, a grant officer and a viewer in the
 * network (which of their actions a route allows is the route's own declaration).
 */
export function grantCovers(g: Grant, target: AccessTarget): boolean {
  if (!inNetwork(g, target.networkId)) return false;
  if (g.role === 'city-liaison') return target.memberId !== undefined && g.memberId === target.memberId;
  return true;
}

/**
 * Refuses unless one of the principal's grants, of one of the allowed roles, covers the target.
 * The refusal names the rule: `access.own-city` when a liaison acts for another city,
 * `access.network` when no grant reaches the target's network, `access.role` otherwise.
 */
export function authorize(principal: Principal, allowed: readonly Role[], target: AccessTarget): void {
  const relevant = principal.grants.filter((g) => allowed.includes(g.role));
  if (relevant.some((g) => grantCovers(g, target))) return;
  if (relevant.length === 0) {
    throw new AccessDenied('access.role', `this needs one of the roles ${allowed.join(', ')}`);
  }
  const liaison = relevant.find((g) => g.role === 'city-liaison' && inNetwork(g, target.networkId));
  if (liaison) {
    throw new AccessDenied('access.own-city', `a city liaison may only change the data of their own city (${liaison.memberId})`);
  }
  throw new AccessDenied('access.network', `no role of yours reaches network ${target.networkId}`);
}

/** Whether the principal may read within a network at all (any role there). */
export function canRead(principal: Principal, networkId: string): boolean {
  return principal.grants.some((g) => inNetwork(g, networkId));
}
