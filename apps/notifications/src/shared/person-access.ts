import { Injectable } from '@nestjs/common';
import { DirectoryCopies } from '@intercity/directory';
import { CallContexts } from '@intercity/persistence';
import { actingPersonId, found, requireAccess } from '@intercity/platform';

/**
 * A person's own notifications and settings: theirs (the signed-in subject is their person id),
 * their city's liaison's, and the network admins'. Anyone else is refused as requireAccess says.
 */
@Injectable()
export class PersonAccess {
  constructor(private readonly directory: DirectoryCopies) {}

  async require(personId: string): Promise<{ personId: string; memberId: string; networkId: string }> {
    const person = found(await this.directory.person(personId), 'person', personId);
    const member = found(await this.directory.member(person.memberId), 'member', person.memberId);
    const { principal } = CallContexts.current();
    if (!principal || actingPersonId() !== personId) requireAccess(['network-admin', 'city-liaison'], { networkId: member.networkId, memberId: member.id });
    return { personId, memberId: member.id, networkId: member.networkId };
  }
}
