import { Injectable } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import { LocalDate } from '@intercity/domain';
import { TransactionRunner, UnitOfWork } from '@intercity/persistence';
import { found } from '@intercity/platform';
import { GrantsContext } from '../shared/grants-context';
import { Outcome } from '../shared/domain/fact';
import { StoredProgramme } from '../shared/persistence/grants.repository';
import type { SubGrant } from '../sub-grant/domain/sub-grant';
import { addEvidence, cancelMilestone, forecastMilestone, markReached, Milestone, planMilestone, rescheduleMilestone } from './domain/milestone';

/**
 * Milestones of a city's action plan: planned by a grant officer with the city, evidenced and
 * forecast by the city's liaison, confirmed reached (a tranche may wait for it), rescheduled or
 * cancelled by the officer.
 */
@Injectable()
export class MilestoneService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly grants: GrantsContext,
  ) {}

  plan(subGrantId: string, input: { key: string; title: string; dueOn: LocalDate }): Promise<Milestone> {
    return this.tx.run(async (uow) => {
      const { sg, programme } = await this.grants.subGrant(subGrantId, uow.manager, true);
      this.grants.officer(programme.networkId);
      const outcome = planMilestone(sg, await this.grants.store.milestonesOf([sg.id], uow.manager), uuidv7(), input, this.grants.clock.now());
      return this.save(uow, outcome, programme);
    });
  }

  async ofSubGrant(subGrantId: string): Promise<Milestone[]> {
    await this.grants.readSubGrant(subGrantId);
    return this.grants.reads.milestonesOf([subGrantId]);
  }

  evidence(id: string, input: { documentRef: string; description: string }): Promise<Milestone> {
    return this.change(id, async (m, sg, p, uow) => {
      this.grants.cityOrOfficer(p.networkId, sg.memberId);
      return addEvidence(m, input, this.grants.personId(), await this.grants.todayAt(sg.memberId, uow.manager), this.grants.clock.now());
    });
  }

  forecast(id: string, forecastOn: LocalDate | null): Promise<Milestone> {
    return this.change(id, async (m, sg, p) => {
      this.grants.cityOrOfficer(p.networkId, sg.memberId);
      return forecastMilestone(m, forecastOn, this.grants.clock.now());
    });
  }

  reached(id: string, reachedOn: LocalDate): Promise<Milestone> {
    return this.change(id, async (m, _sg, p) => {
      this.grants.officer(p.networkId);
      return markReached(m, reachedOn, this.grants.clock.now());
    });
  }

  reschedule(id: string, dueOn: LocalDate, reason: string): Promise<Milestone> {
    return this.change(id, async (m, sg, p) => {
      this.grants.officer(p.networkId);
      return rescheduleMilestone(m, sg, dueOn, reason, this.grants.clock.now());
    });
  }

  cancel(id: string, reason: string): Promise<Milestone> {
    return this.change(id, async (m, _sg, p) => {
      this.grants.officer(p.networkId);
      return cancelMilestone(m, reason, this.grants.clock.now());
    });
  }

  private change(id: string, rule: (m: Milestone, sg: SubGrant, p: StoredProgramme, uow: UnitOfWork) => Promise<Outcome<Milestone>>): Promise<Milestone> {
    return this.tx.run(async (uow) => {
      const stored = found(await this.grants.store.milestone(id, uow.manager), 'milestone', id);
      const { sg, programme } = await this.grants.subGrant(stored.subGrantId, uow.manager, true);
      const current = found(await this.grants.store.milestone(id, uow.manager, true), 'milestone', id);
      return this.save(uow, await rule(current, sg, programme, uow), programme);
    });
  }

  private async save(uow: UnitOfWork, outcome: Outcome<Milestone>, programme: StoredProgramme): Promise<Milestone> {
    if (outcome.facts.length) {
      await this.grants.store.saveMilestone(uow.manager, outcome.state);
      await this.grants.emit(uow, outcome.facts, outcome.state, programme.networkId);
    }
    return outcome.state;
  }
}
