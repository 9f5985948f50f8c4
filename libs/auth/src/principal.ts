/** The roles of ARCHITECTURE §5. */
export const ROLES = ['network-admin', 'city-liaison', 'grant-officer', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

/**
 * One role a person holds, in one network, and for a city liaison in one member city. A person can
 * hold several. `networkId: '*'` is the node operator's admin grant, over every network.
 */
export interface Grant {
  role: Role;
  networkId: string;
  memberId?: string;
}

/** A verified identity: who the token says is calling, and what they may do. */
export interface Principal {
  subject: string;
  email?: string;
  name?: string;
  grants: Grant[];
}

/** The claim that carries a person's grants in an access token (a JSON array of Grant). */
export const GRANTS_CLAIM = 'intercity_grants';

export function parseGrants(claim: unknown): Grant[] {
  if (!Array.isArray(claim)) return [];
  return claim.flatMap((g): Grant[] => {
    if (!g || typeof g !== 'object') return [];
    const { role, networkId, memberId } = g as Record<string, unknown>;
    if (!ROLES.includes(role as Role) || typeof networkId !== 'string' || !networkId) return [];
    if (role === 'city-liaison' && (typeof memberId !== 'string' || !memberId)) return [];
    return [{ role: role as Role, networkId, ...(typeof memberId === 'string' && memberId ? { memberId } : {}) }];
  });
}
