import { Injectable } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import { Money } from '@intercity/domain';
import { TransactionRunner } from '@intercity/persistence';
import { checkIfMatch, Page, readableNetworks } from '@intercity/platform';
import { GrantsContext } from '../shared/grants-context';
import { StoredProgramme } from '../shared/persistence/grants.repository';
import { changeEnvelope, createProgramme, GrantProgramme, ProgrammeInput } from './domain/programme';

/** Grant programmes: a funder's envelope for a project, and the rules its sub-grants follow. */
@Injectable()
export class ProgrammeService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly grants: GrantsContext,
  ) {}

  create(input: ProgrammeInput): Promise<StoredProgramme> {
    return this.tx.run(async (uow) => {
      const networkId = await this.grants.networkOfProject(input.projectId, uow.manager);
      this.grants.officer(networkId);
      const outcome = createProgramme(uuidv7(), input, this.grants.clock.now());
      await this.grants.store.insertProgramme(uow.manager, networkId, outcome.state);
      await this.grants.emit(uow, outcome.facts, outcome.state, networkId);
      return { networkId, programme: outcome.state };
    });
  }

  get(id: string): Promise<StoredProgramme> {
    return this.grants.readProgramme(id);
  }

  async list(limit: number, offset: number): Promise<Page<StoredProgramme>> {
    return { ...(await this.grants.reads.programmes(readableNetworks(), limit, offset)), limit, offset };
  }

  /** A larger or smaller envelope; never below what is already awarded (the database holds it too). */
  changeEnvelope(id: string, envelope: Money, reason: string, ifMatch?: string): Promise<StoredProgramme> {
    return this.tx.run(async (uow) => {
      const { networkId, programme } = await this.grants.programme(id, uow.manager, true);
      this.grants.officer(networkId);
      checkIfMatch(ifMatch, programme.version);
      const subGrants = await this.grants.store.subGrantsOf(id, uow.manager);
      const outcome = changeEnvelope(programme, subGrants.map((s) => ({ id: s.id, memberId: s.memberId, awarded: s.awarded })), envelope, reason, this.grants.clock.now());
      if (outcome.facts.length) {
        await this.grants.store.updateProgramme(uow.manager, outcome.state);
        await this.grants.emit(uow, outcome.facts, outcome.state, networkId);
      }
      return { networkId, programme: outcome.state as GrantProgramme };
    });
  }
}
