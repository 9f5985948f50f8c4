import { Injectable } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import { LocalDate } from '@intercity/domain';
import { TransactionRunner, UnitOfWork } from '@intercity/persistence';
import { GrantsContext } from '../shared/grants-context';
import { StoredProgramme } from '../shared/persistence/grants.repository';
import { Outcome } from '../shared/domain/fact';
import { recordRecoveryReceived, releaseTranche, settleFinal } from '../tranche/domain/tranche';
import {
  Agreement,
  AmendAwardInput,
  amendAward,
  AwardInput,
  awardSubGrant,
  closeSubGrant,
  resumeSubGrant,
  signAgreement,
  SubGrant,
  suspendSubGrant,
  TerminateInput,
  terminateSubGrant,
} from './domain/sub-grant';

const shares = (subGrants: readonly SubGrant[]) => subGrants.map((s) => ({ id: s.id, memberId: s.memberId, awarded: s.awarded }));

/**
 * Sub-grants for cities' action plans: awarded within the envelope and the per-recipient maximum
 * (the database holds both, so concurrent awards can never overspend), signed, paid tranche by
 * tranche when their conditions hold, settled on the final report, closed or terminated.
 */
@Injectable()
export class SubGrantService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly grants: GrantsContext,
  ) {}

  award(programmeId: string, input: AwardInput): Promise<SubGrant> {
    return this.tx.run(async (uow) => {
      const { networkId, programme } = await this.grants.programme(programmeId, uow.manager);
      this.grants.officer(networkId);
      await this.grants.city(input.memberId, networkId, 'memberId', uow.manager);
      // No lock on the programme: the rule reads the awards so far for a clear refusal, and the
      // database's envelope and maximum checks refuse what a concurrent award made too much.
      const existing = shares(await this.grants.store.subGrantsOf(programmeId, uow.manager));
      const outcome = awardSubGrant(programme, existing, uuidv7(), input, this.grants.clock.now());
      await this.grants.store.insertSubGrant(uow.manager, outcome.state);
      await this.grants.emit(uow, outcome.facts, outcome.state, networkId);
      return outcome.state;
    });
  }

  get(id: string): Promise<SubGrant> {
    return this.grants.readSubGrant(id);
  }

  async ofProgramme(programmeId: string): Promise<SubGrant[]> {
    await this.grants.readProgramme(programmeId);
    return this.grants.reads.subGrantsOf(programmeId);
  }

  amend(id: string, input: AmendAwardInput): Promise<SubGrant> {
    return this.change(id, async (sg, p, uow) => {
      this.grants.officer(p.networkId);
      const existing = shares(await this.grants.store.subGrantsOf(p.programme.id, uow.manager));
      return amendAward(p.programme, existing, sg, input, this.grants.clock.now());
    });
  }

  sign(id: string, agreement: Agreement): Promise<SubGrant> {
    return this.change(id, (sg, p) => {
      this.grants.officer(p.networkId);
      return signAgreement(sg, agreement, this.grants.clock.now());
    });
  }

  suspend(id: string, reason: string): Promise<SubGrant> {
    return this.change(id, (sg, p) => {
      this.grants.officer(p.networkId);
      return suspendSubGrant(sg, reason, this.grants.clock.now());
    });
  }

  resume(id: string): Promise<SubGrant> {
    return this.change(id, (sg, p) => {
      this.grants.officer(p.networkId);
      return resumeSubGrant(sg, this.grants.clock.now());
    });
  }

  terminate(id: string, input: TerminateInput): Promise<SubGrant> {
    return this.change(id, (sg, p) => {
      this.grants.officer(p.networkId);
      return terminateSubGrant(sg, input, this.grants.clock.now());
    });
  }

  close(id: string): Promise<SubGrant> {
    return this.change(id, (sg, p) => {
      this.grants.officer(p.networkId);
      return closeSubGrant(sg, this.grants.clock.now());
    });
  }

  /** Pays a tranche when its conditions hold; otherwise 409 naming each one unmet. */
  release(id: string, trancheIndex: number, input: { paidOn: LocalDate; paymentReference: string; disbursementId?: string }): Promise<SubGrant> {
    return this.change(id, async (sg, p, uow) => {
      this.grants.officer(p.networkId);
      const ctx = { reports: await this.grants.store.reportsOf([sg.id], uow.manager), milestones: await this.grants.store.milestonesOf([sg.id], uow.manager) };
      return releaseTranche(sg, ctx, { trancheIndex, disbursementId: input.disbursementId ?? uuidv7(), paidOn: input.paidOn, paymentReference: input.paymentReference }, this.grants.clock.now());
    });
  }

  /** The final report approved: the final tranche shrinks to what was spent, or money is asked back. */
  settle(id: string, on: LocalDate): Promise<SubGrant> {
    return this.change(id, async (sg, p, uow) => {
      this.grants.officer(p.networkId);
      return settleFinal(sg, await this.grants.store.reportsOf([sg.id], uow.manager), on, this.grants.clock.now());
    });
  }

  recoveryReceived(id: string, seq: number, input: { receivedOn: LocalDate; reference: string }): Promise<SubGrant> {
    return this.change(id, (sg, p) => {
      this.grants.officer(p.networkId);
      return recordRecoveryReceived(sg, { seq, ...input }, this.grants.clock.now());
    });
  }

  private change(id: string, rule: (sg: SubGrant, p: StoredProgramme, uow: UnitOfWork) => Outcome<SubGrant> | Promise<Outcome<SubGrant>>): Promise<SubGrant> {
    return this.tx.run(async (uow) => {
      const { sg, programme } = await this.grants.subGrant(id, uow.manager, true);
      const outcome = await rule(sg, programme, uow);
      if (outcome.facts.length) {
        await this.grants.store.updateSubGrant(uow.manager, outcome.state);
        await this.grants.emit(uow, outcome.facts, outcome.state, programme.networkId);
      }
      return outcome.state;
    });
  }
}
