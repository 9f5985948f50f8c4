import { Injectable } from '@nestjs/common';
import type { DirectoryFollower } from '@intercity/directory';
import type { UnitOfWork } from '@intercity/persistence';
import { InboxRepository } from '../inbox/inbox.repository';
import { PreferenceRepository } from '../preference/preference.repository';

/** A person erased at home is forgotten here: their notifications, deliveries and settings go. */
@Injectable()
export class NotificationsFollower implements DirectoryFollower {
  constructor(
    private readonly inbox: InboxRepository,
    private readonly preferences: PreferenceRepository,
  ) {}

  async personErased(uow: UnitOfWork, personId: string): Promise<void> {
    await this.inbox.forget(uow.manager, personId);
    await this.preferences.forget(uow.manager, personId);
  }
}
