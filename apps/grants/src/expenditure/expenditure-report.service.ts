import { Injectable } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import { Money } from '@intercity/domain';
import { TransactionRunner, UnitOfWork } from '@intercity/persistence';
import { found } from '@intercity/platform';
import { GrantsContext } from '../shared/grants-context';
import { Outcome } from '../shared/domain/fact';
import { StoredProgramme } from '../shared/persistence/grants.repository';
import type { SubGrant } from '../sub-grant/domain/sub-grant';
import { approveReport, ExpenditureLineInput, ExpenditureReport, rejectReport, resubmitReport, returnReport, submitReport } from './domain/expenditure-report';

/**
 * Expenditure reports: the city's liaison reports per budget line for a deadline of the reporting
 * calendar; a grant officer approves (in full or in part), rejects or returns them for changes.
 */
@Injectable()
export class ExpenditureReportService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly grants: GrantsContext,
  ) {}

  submit(subGrantId: string, input: { deadlineKey: string; lines: ExpenditureLineInput[] }): Promise<ExpenditureReport> {
    return this.tx.run(async (uow) => {
      const { sg, programme } = await this.grants.subGrant(subGrantId, uow.manager, true);
      this.grants.cityOrOfficer(programme.networkId, sg.memberId);
      const reports = await this.grants.store.reportsOf([sg.id], uow.manager);
      const by = { personId: this.grants.personId(), memberId: sg.memberId };
      const outcome = submitReport(sg, reports, uuidv7(), input, by, await this.grants.todayAt(sg.memberId, uow.manager), this.grants.clock.now());
      return this.save(uow, outcome, programme);
    });
  }

  get(id: string): Promise<ExpenditureReport> {
    return this.grants.readReport(id);
  }

  async ofSubGrant(subGrantId: string): Promise<ExpenditureReport[]> {
    await this.grants.readSubGrant(subGrantId);
    return this.grants.reads.reportsOf([subGrantId]);
  }

  resubmit(id: string, lines: ExpenditureLineInput[]): Promise<ExpenditureReport> {
    return this.change(id, async (report, sg, p, uow) => {
      this.grants.cityOrOfficer(p.networkId, sg.memberId);
      const by = { personId: this.grants.personId(), memberId: sg.memberId };
      return resubmitReport(sg, report, lines, by, await this.grants.todayAt(sg.memberId, uow.manager), this.grants.clock.now());
    });
  }

  approve(id: string, input: { accepted?: Money[]; reasons?: string[] }): Promise<ExpenditureReport> {
    return this.change(id, async (report, sg, p, uow) => {
      this.grants.officer(p.networkId);
      return approveReport(report, { ...input, by: this.grants.personId(), on: await this.grants.todayAt(sg.memberId, uow.manager) }, this.grants.clock.now());
    });
  }

  reject(id: string, reasons: string[]): Promise<ExpenditureReport> {
    return this.change(id, async (report, sg, p, uow) => {
      this.grants.officer(p.networkId);
      return rejectReport(report, { by: this.grants.personId(), on: await this.grants.todayAt(sg.memberId, uow.manager), reasons }, this.grants.clock.now());
    });
  }

  returnForChanges(id: string, reasons: string[]): Promise<ExpenditureReport> {
    return this.change(id, async (report, sg, p, uow) => {
      this.grants.officer(p.networkId);
      return returnReport(report, { by: this.grants.personId(), on: await this.grants.todayAt(sg.memberId, uow.manager), reasons }, this.grants.clock.now());
    });
  }

  private change(
    id: string,
    rule: (report: ExpenditureReport, sg: SubGrant, p: StoredProgramme, uow: UnitOfWork) => Promise<Outcome<ExpenditureReport>>,
  ): Promise<ExpenditureReport> {
    return this.tx.run(async (uow) => {
      const stored = await this.grants.store.report(id, uow.manager);
      const report = found(stored, 'report', id);
      // The sub-grant's lock first, then the report's: the same order as every other change.
      const { sg, programme } = await this.grants.subGrant(report.subGrantId, uow.manager, true);
      const current = found(await this.grants.store.report(id, uow.manager, true), 'report', id);
      return this.save(uow, await rule(current, sg, programme, uow), programme);
    });
  }

  private async save(uow: UnitOfWork, outcome: Outcome<ExpenditureReport>, programme: StoredProgramme): Promise<ExpenditureReport> {
    if (outcome.facts.length) {
      await this.grants.store.saveReport(uow.manager, outcome.state);
      await this.grants.emit(uow, outcome.facts, outcome.state, programme.networkId);
    }
    return outcome.state;
  }
}
