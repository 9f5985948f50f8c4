import type { ExpenditureReport, ReportFigures } from '../../expenditure/domain/expenditure-report';
import type { Milestone, MilestoneFigures } from '../../milestone/domain/milestone';
import type { SubGrant } from '../../sub-grant/domain/sub-grant';
import { GrantsRepository, StoredProgramme } from './grants.repository';

/**
 * What grants' GET routes read. On the hub (and a standalone node) that is grants' own tables; on
 * a city node, which writes none of them (HubWritesGuard), it is the copies of the hub's data
 * kept from the network stream (hub-copies), so the city's people read their grants while the
 * node is cut off from the hub. Writes, and the scheduled check, always use grants' own tables.
 */
export interface GrantsReads {
  programme(id: string): Promise<StoredProgramme | undefined>;
  programmes(networks: string[] | undefined, limit: number, offset: number): Promise<{ items: StoredProgramme[]; total: number }>;
  /** A sub-grant and the network its programme belongs to (who may read it). */
  subGrant(id: string): Promise<{ sg: SubGrant; networkId: string } | undefined>;
  subGrantsOf(programmeId: string): Promise<SubGrant[]>;
  report(id: string): Promise<ExpenditureReport | undefined>;
  reportsOf(subGrantIds: readonly string[]): Promise<ExpenditureReport[]>;
  milestonesOf(subGrantIds: readonly string[]): Promise<Milestone[]>;
  reportFiguresOf(subGrantIds: readonly string[]): Promise<ReportFigures[]>;
  milestoneFiguresOf(subGrantIds: readonly string[]): Promise<MilestoneFigures[]>;
}

export const GRANTS_READS = Symbol('GRANTS_READS');

/** Reads of grants' own tables: the node is the home of what it serves. */
export class OwnGrantsReads implements GrantsReads {
  constructor(private readonly store: GrantsRepository) {}

  programme(id: string) {
    return this.store.programme(id);
  }

  programmes(networks: string[] | undefined, limit: number, offset: number) {
    return this.store.programmes(networks, limit, offset);
  }

  async subGrant(id: string) {
    const sg = await this.store.subGrant(id);
    const programme = sg && (await this.store.programme(sg.programmeId));
    return sg && programme ? { sg, networkId: programme.networkId } : undefined;
  }

  subGrantsOf(programmeId: string) {
    return this.store.subGrantsOf(programmeId);
  }

  report(id: string) {
    return this.store.report(id);
  }

  reportsOf(subGrantIds: readonly string[]) {
    return this.store.reportsOf(subGrantIds);
  }

  milestonesOf(subGrantIds: readonly string[]) {
    return this.store.milestonesOf(subGrantIds);
  }

  reportFiguresOf(subGrantIds: readonly string[]) {
    return this.store.reportFiguresOf(subGrantIds);
  }

  milestoneFiguresOf(subGrantIds: readonly string[]) {
    return this.store.milestoneFiguresOf(subGrantIds);
  }
}
