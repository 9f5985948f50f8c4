import { SetMetadata } from '@nestjs/common';
import type { Role } from './principal';

export const ACCESS_METADATA = 'intercity:access';

export type AccessDeclaration =
  | { kind: 'public'; why: string }
  | { kind: 'authenticated' }
  | { kind: 'roles'; roles: readonly Role[] };

/**
 * Every route says who may call it; one without a declaration stops the service at start, so
 * nothing is open by accident. `Access.roles` is checked against the token here; which network
 * and city the change touches is checked by the feature with `authorize`.
 */
export const Access = {
  roles: (...roles: Role[]) => SetMetadata(ACCESS_METADATA, { kind: 'roles', roles } satisfies AccessDeclaration),
  authenticated: () => SetMetadata(ACCESS_METADATA, { kind: 'authenticated' } satisfies AccessDeclaration),
  public: (why: string) => SetMetadata(ACCESS_METADATA, { kind: 'public', why } satisfies AccessDeclaration),
};
