import type { UnitOfWork } from '@intercity/persistence';

/**
 * What a service does with its own data when something changes upstream, in the consumer's
 * transaction (so a redelivered event has no second effect). Every hook is optional.
 */
export interface DirectoryFollower {
  /** The member left the network. */
  memberLeft?(uow: UnitOfWork, memberId: string): Promise<void>;
  /** The person was erased at home: forget them and end what they held. */
  personErased?(uow: UnitOfWork, personId: string, memberId: string): Promise<void>;
  /** The member's participation in the project ended. */
  participationEnded?(uow: UnitOfWork, projectId: string, memberId: string): Promise<void>;
}

export const DIRECTORY_FOLLOWER = Symbol('DIRECTORY_FOLLOWER');
