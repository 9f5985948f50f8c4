import { Injectable } from '@nestjs/common';
import type { DirectoryFollower } from '@intercity/directory';
import type { UnitOfWork } from '@intercity/persistence';
import { PairingService } from '../pairing/pairing.service';

/** What exchanges does when membership says a person or city is gone. */
@Injectable()
export class ExchangesFollower implements DirectoryFollower {
  constructor(private readonly pairings: PairingService) {}

  personErased(uow: UnitOfWork, personId: string): Promise<void> {
    return this.pairings.forgetVisitor(uow, personId);
  }

  memberLeft(uow: UnitOfWork, memberId: string): Promise<void> {
    return this.pairings.cancelForCity(uow, memberId, 'the city left the network');
  }

  participationEnded(uow: UnitOfWork, projectId: string, memberId: string): Promise<void> {
    return this.pairings.cancelForCity(uow, memberId, 'the city left the project', undefined, projectId);
  }
}
