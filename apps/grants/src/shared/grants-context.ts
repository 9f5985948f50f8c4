import { Inject, Injectable } from '@nestjs/common';
import { Role } from '@intercity/auth';
import type { EntityManager } from 'typeorm';
import { LocalDate, localDateOf, RuleViolation } from '@intercity/domain';
import { DirectoryCopies } from '@intercity/directory';
import { UnitOfWork } from '@intercity/persistence';
import { actingPersonId, canReadNetwork, found, requireAccess } from '@intercity/platform';
import type { SubGrant } from '../sub-grant/domain/sub-grant';
import { Fact } from './domain/fact';
import { emissionsOf, GrantsAggregate } from './events';
import { Clock } from '@intercity/platform';
import type { ExpenditureReport } from '../expenditure/domain/expenditure-report';
import { GRANTS_READS, GrantsReads } from './persistence/grants-reads';
import { GrantsRepository, StoredProgramme } from './persistence/grants.repository';

/** Who runs the money: grant officers, and the network's admins. */
export const OFFICERS: readonly Role[] = ['network-admin', 'grant-officer'];

/**
 * What every grants feature needs around a rule: the programme and network a sub-grant belongs to,
 * who may act, the city's local date, and the events of the rule's facts.
 */
@Injectable()
export class GrantsContext {
  constructor(
    readonly store: GrantsRepository,
    /** What GET routes read: grants' own tables, or on a city node its copies of the hub's. */
    @Inject(GRANTS_READS) readonly reads: GrantsReads,
    private readonly directory: DirectoryCopies,
    readonly clock: Clock,
  ) {}

  // reads: what a network the caller may read holds; the rest is answered as if it did not exist

  async readProgramme(id: string): Promise<StoredProgramme> {
    const p = await this.reads.programme(id);
    return found(p && canReadNetwork(p.networkId) ? p : undefined, 'programme', id);
  }

  async readSubGrant(id: string): Promise<SubGrant> {
    const s = await this.reads.subGrant(id);
    return found(s && canReadNetwork(s.networkId) ? s.sg : undefined, 'sub-grant', id);
  }

  async readReport(id: string): Promise<ExpenditureReport> {
    const report = await this.reads.report(id);
    if (report) await this.readSubGrant(report.subGrantId);
    return found(report, 'report', id);
  }

  // writes: grants' own tables, locked for a change

  async programme(id: string, m?: EntityManager, lock = false): Promise<StoredProgramme> {
    const p = await this.store.programme(id, m, lock);
    return found(p && canReadNetwork(p.networkId) ? p : undefined, 'programme', id);
  }

  /** The sub-grant, locked for a change, with its programme (and so its network). */
  async subGrant(id: string, m?: EntityManager, lock = false): Promise<{ sg: SubGrant; programme: StoredProgramme }> {
    const sg = await this.store.subGrant(id, m, lock);
    const programme = sg ? await this.store.programme(sg.programmeId, m) : undefined;
    const readable = sg && programme && canReadNetwork(programme.networkId) ? { sg, programme } : undefined;
    return found(readable, 'sub-grant', id);
  }

  officer(networkId: string): void {
    requireAccess(OFFICERS, { networkId });
  }

  /** The city's liaison, or an officer: the people who speak for a sub-grant's city. */
  cityOrOfficer(networkId: string, memberId: string): void {
    requireAccess([...OFFICERS, 'city-liaison'], { networkId, memberId });
  }

  personId(): string {
    return actingPersonId();
  }

  /** Today in the city's calendar: when reports and milestones fall due there. */
  async todayAt(memberId: string, m?: EntityManager): Promise<LocalDate> {
    const member = await this.directory.member(memberId, m);
    return localDateOf(this.clock.now(), member?.timeZone ?? 'UTC');
  }

  async networkOfProject(projectId: string, m?: EntityManager): Promise<string> {
    const project = await this.directory.project(projectId, m);
    if (!project) throw RuleViolation.unprocessable('programme.project-known', 'projectId', `project ${projectId} is not known here`);
    return project.networkId;
  }

  async city(memberId: string, networkId: string, field: string, m?: EntityManager): Promise<void> {
    const member = await this.directory.member(memberId, m);
    if (!member || member.networkId !== networkId || member.left) {
      throw RuleViolation.unprocessable('sub-grant.city-known', field, `member ${memberId} is not a member of the programme's network`);
    }
    if (member.kind === 'partner-organisation') throw RuleViolation.unprocessable('sub-grant.city', field, `member ${memberId} is a partner organisation, not a city`);
  }

  emit(uow: UnitOfWork, facts: readonly Fact[], state: GrantsAggregate, networkId: string): Promise<void> {
    return uow.emitAll(emissionsOf(facts, state, networkId));
  }
}
