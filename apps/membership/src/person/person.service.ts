import { Injectable } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import { PersonErased, PersonRegistered, PersonUpdated } from '@intercity/contracts';
import { TransactionRunner, UnitOfWork } from '@intercity/persistence';
import { Page, canReadNetwork, checkIfMatch, found, readableNetworks, requireAccess } from '@intercity/platform';
import { MemberRepository } from '../member/member.repository';
import { RuleViolation } from '@intercity/domain';
import { changePerson, erasePerson, normaliseEmail, Person, personErased, PersonFields, personState, registerPerson } from './domain/person';
import { PersonFilter, PersonRepository } from './person.repository';
import { HomeNodes } from '../federation/home-node';

@Injectable()
export class PersonService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly people: PersonRepository,
    private readonly members: MemberRepository,
    private readonly homes: HomeNodes,
  ) {}

  register(memberId: string, input: PersonFields): Promise<Person> {
    return this.tx.run(async (uow) => {
      // FOR SHARE: the member cannot leave while someone is being registered with it.
      const member = await this.members.lock(uow.manager, memberId, 'share');
      if (!member) throw RuleViolation.unprocessable('person.member.exists', 'memberId', `member ${memberId} does not exist`);
      requireAccess(['network-admin', 'city-liaison'], { networkId: member.networkId, memberId: member.id });
      await this.homes.assertMemberHomedHere(member, uow.manager);
      const person = registerPerson(uuidv7(), member, input, new Date());
      await this.people.insert(uow.manager, person);
      await uow.emit(PersonRegistered, { aggregateId: person.id, aggregateVersion: person.version, data: personState(person), networkId: member.networkId });
      return person;
    });
  }

  update(id: string, changes: Partial<PersonFields>, ifMatch?: string): Promise<Person> {
    return this.tx.run(async (uow) => {
      const current = found(await this.people.lock(uow.manager, id), 'person', id);
      const networkId = await this.checkAccessTo(uow, current);
      checkIfMatch(ifMatch, current.version);
      const next = changePerson(current, changes, new Date());
      if (!next) return current;
      await this.people.update(uow.manager, next);
      await uow.emit(PersonUpdated, { aggregateId: next.id, aggregateVersion: next.version, data: personState(next), networkId });
      return next;
    });
  }

  /** GDPR erasure: the data goes here, and the event tells every copy elsewhere to forget the person. */
  erase(id: string, ifMatch?: string): Promise<Person> {
    return this.tx.run(async (uow) => {
      const current = found(await this.people.lock(uow.manager, id), 'person', id);
      const networkId = await this.checkAccessTo(uow, current);
      checkIfMatch(ifMatch, current.version);
      const erased = erasePerson(current, new Date());
      await this.people.update(uow.manager, erased);
      await this.people.forgetInReplies(uow.manager, erased);
      await uow.forgetOutboxEvents(PersonErased.aggregateType, erased.id);
      await uow.emit(PersonErased, { aggregateId: erased.id, aggregateVersion: erased.version, data: personErased(erased), networkId });
      return erased;
    });
  }

  /** A person's data is their city's: its liaison or the network's admin may change it. */
  private async checkAccessTo(uow: UnitOfWork, person: Person): Promise<string> {
    const member = found(await this.members.findById(person.memberId, uow.manager), 'member', person.memberId);
    requireAccess(['network-admin', 'city-liaison'], { networkId: member.networkId, memberId: member.id });
    await this.homes.assertMemberHomedHere(member, uow.manager);
    return member.networkId;
  }

  async get(id: string): Promise<Person> {
    const person = await this.people.findById(id);
    const member = person && (await this.members.findById(person.memberId));
    // Another network's data is not to be read here, and does not show that it exists.
    return found(member && canReadNetwork(member.networkId) ? person : undefined, 'person', id);
  }

  list(filter: PersonFilter): Promise<Page<Person>> {
    return this.people.list({
      ...filter,
      email: filter.email === undefined ? undefined : normaliseEmail(filter.email),
      networks: readableNetworks(),
    });
  }
}
