import { Inject, Injectable } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import type { EntityManager } from 'typeorm';
import { Money } from '@intercity/domain';
import { TransactionRunner } from '@intercity/persistence';
import { canReadNetwork, found, SERVICE_CONFIG, ServiceConfig } from '@intercity/platform';
import type { Copy } from '../hub-copies/domain/hub-copies';
import { HubCopiesRepository } from '../hub-copies/hub-copies.repository';
import { GrantsContext } from '../shared/grants-context';
import { Outcome } from '../shared/domain/fact';
import type { SubGrant } from '../sub-grant/domain/sub-grant';
import {
  approveReport,
  CityReport,
  CityReportFact,
  ExpenditureLineInput,
  ExpenditureReport,
  rejectReport,
  ReportReview,
  resubmitReport,
  returnReport,
  Reviewable,
  ReviewFact,
  submitReport,
  cityReportArrival,
} from './domain/expenditure-report';
import { ReportRows } from './expenditure-report.repository';
import { ReportHomes } from './report-homes';

/** A sub-grant as this node holds it, locked, with the network it belongs to. */
interface Held {
  sg: SubGrant;
  networkId: string;
}

/**
 * Expenditure reports: the city's liaison reports per budget line for a deadline of the reporting
 * calendar, on the city's home node; a grant officer approves (in full or in part), rejects or
 * returns each revision for changes, at the hub. A city node checks a report against its copy of
 * the hub's sub-grant and keeps its reports beside those copies; the hub and a standalone node
 * keep theirs beside their own sub-grants.
 */
@Injectable()
export class ExpenditureReportService {
  private readonly rows: ReportRows;

  constructor(
    private readonly tx: TransactionRunner,
    private readonly grants: GrantsContext,
    private readonly copies: HubCopiesRepository,
    private readonly homes: ReportHomes,
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
  ) {
    this.rows = this.city ? copies.reports : grants.store.reports;
  }

  private get city(): boolean {
    return this.config.FEDERATION_ROLE === 'city';
  }

  submit(subGrantId: string, input: { deadlineKey: string; lines: ExpenditureLineInput[] }): Promise<ExpenditureReport> {
    return this.tx.run(async (uow) => {
      const m = uow.manager;
      const { sg, networkId } = await this.subGrant(m, subGrantId);
      this.grants.cityOrOfficer(networkId, sg.memberId);
      await this.homes.assertHomedHere(sg.memberId, m);
      const reports = await this.rows.viewsOf(m, [sg.id]);
      const by = { personId: this.grants.personId(), memberId: sg.memberId };
      const outcome = submitReport(sg, reports, uuidv7(), input, by, await this.grants.todayAt(sg.memberId, m), this.grants.clock.now());
      return this.saveReport(m, uow, outcome, networkId);
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
    return this.change(id, async (held, { sg, networkId }, m) => {
      this.grants.cityOrOfficer(networkId, sg.memberId);
      await this.homes.assertHomedHere(sg.memberId, m);
      const by = { personId: this.grants.personId(), memberId: sg.memberId };
      const outcome = resubmitReport(sg, held.report, held.reviews, lines, by, await this.grants.todayAt(sg.memberId, m), this.grants.clock.now());
      return { report: outcome };
    });
  }

  approve(id: string, input: { accepted?: Money[]; reasons?: string[] }): Promise<ExpenditureReport> {
    return this.change(id, async (held, { sg, networkId }, m) => {
      this.grants.officer(networkId);
      const on = await this.grants.todayAt(sg.memberId, m);
      return { review: approveReport(held, uuidv7(), { ...input, by: this.grants.personId(), on }, this.grants.clock.now()) };
    });
  }

  reject(id: string, reasons: string[]): Promise<ExpenditureReport> {
    return this.change(id, async (held, { sg, networkId }, m) => {
      this.grants.officer(networkId);
      const on = await this.grants.todayAt(sg.memberId, m);
      return { review: rejectReport(held, uuidv7(), { by: this.grants.personId(), on, reasons }, this.grants.clock.now()) };
    });
  }

  returnForChanges(id: string, reasons: string[]): Promise<ExpenditureReport> {
    return this.change(id, async (held, { sg, networkId }, m) => {
      this.grants.officer(networkId);
      const on = await this.grants.todayAt(sg.memberId, m);
      return { review: returnReport(held, uuidv7(), { by: this.grants.personId(), on, reasons }, this.grants.clock.now()) };
    });
  }

  /**
   * A city's report from its home node, kept if newer and if it keeps to its sub-grant and its life
   * (`cityReportArrival`), on the hub and on every city node alike: the gate passes a city's events
   * on to the other cities before the hub's grants has judged them. Anything else fails, and in the
   * end is dead-lettered with the reason. The sub-grant is locked first, as for every other change.
   */
  async keepCityReport(m: EntityManager, copy: Copy<CityReport>): Promise<void> {
    const r = copy.state;
    const sg = this.city ? (await this.copies.subGrantForUpdate(m, r.subGrantId))?.sg : await this.grants.store.subGrant(r.subGrantId, m, true);
    const held = await this.rows.held(m, r.id, true);
    const arrival = cityReportArrival(held?.report, held?.reviews ?? (await this.rows.reviewsOf(m, [r.id])), r, sg);
    if (arrival.verdict === 'refuse') throw new Error(arrival.reason);
    if (arrival.verdict === 'keep') await this.rows.putReport(m, copy.networkId, r);
  }

  /** The sub-grant as this node holds it (a city node: its copy of the hub's), locked for a change. */
  private async subGrant(m: EntityManager, id: string): Promise<Held> {
    if (this.city) {
      const copy = await this.copies.subGrantForUpdate(m, id);
      return found(copy && canReadNetwork(copy.networkId) ? copy : undefined, 'sub-grant', id);
    }
    const { sg, programme } = await this.grants.subGrant(id, m, true);
    return { sg, networkId: programme.networkId };
  }

  private change(
    id: string,
    rule: (held: Reviewable, sg: Held, m: EntityManager) => Promise<{ report?: Outcome<CityReport, CityReportFact>; review?: Outcome<ReportReview | null, ReviewFact> }>,
  ): Promise<ExpenditureReport> {
    return this.tx.run(async (uow) => {
      const m = uow.manager;
      const stored = found(await this.rows.held(m, id), 'report', id);
      // The sub-grant's lock first, then the report's: the same order as every other change.
      const sg = await this.subGrant(m, stored.report.subGrantId);
      const held = found(await this.rows.held(m, id, true), 'report', id);
      const { report, review } = await rule(held, sg, m);
      if (report) return this.saveReport(m, uow, report, sg.networkId);
      if (review?.state && review.facts.length) {
        await this.rows.putReview(m, review.state);
        await this.grants.emit(uow, review.facts, review.state, sg.networkId);
      }
      return found(await this.rows.view(m, id), 'report', id);
    });
  }

  private async saveReport(m: EntityManager, uow: Parameters<GrantsContext['emit']>[0], outcome: Outcome<CityReport, CityReportFact>, networkId: string): Promise<ExpenditureReport> {
    await this.rows.putReport(m, networkId, outcome.state);
    await this.grants.emit(uow, outcome.facts, outcome.state, networkId);
    return found(await this.rows.view(m, outcome.state.id), 'report', outcome.state.id);
  }
}
