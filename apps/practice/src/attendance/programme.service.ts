import { Inject, Injectable } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import { TransactionRunner } from '@intercity/persistence';
import { canReadNetwork, found } from '@intercity/platform';
import { ActivityRepository } from '../activity/activity.repository';
import type { CertificateRule } from '../activity/domain/activity';
import { emitAll } from '../shared/emit';
import { PRACTICE_READS, PracticeReads } from '../shared/persistence/practice-reads';
import { requireProgrammeOrganiser } from './certificate.service';
import { defineProgramme, Programme } from './domain/programme';
import { ProgrammeRepository } from './programme.repository';

export interface ProgrammeInput {
  title: string;
  activityIds: string[];
  certificate: { minHours?: number | null; minSessions?: number | null };
}

/** Training programmes: defined once by their organisers, then the subject of certificates. */
@Injectable()
export class ProgrammeService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly programmes: ProgrammeRepository,
    private readonly activities: ActivityRepository,
    /** What GET routes read: practice's own tables, or on a city node its copies of the hub's. */
    @Inject(PRACTICE_READS) private readonly reads: PracticeReads,
  ) {}

  define({ title, activityIds, certificate }: ProgrammeInput): Promise<Programme> {
    return this.tx.run(async (uow) => {
      // Another network's activities are not there to name.
      const known = (await this.activities.findMany(activityIds, uow.manager)).filter((a) => canReadNetwork(a.networkId));
      const rule: CertificateRule = { minHours: certificate.minHours ?? null, minSessions: certificate.minSessions ?? null };
      const outcome = defineProgramme(uuidv7(), { title, activityIds, certificate: rule }, known, new Date());
      requireProgrammeOrganiser(outcome.state.networkId, known);
      await this.programmes.insert(uow.manager, outcome.state);
      await emitAll(uow, outcome.events);
      return outcome.state;
    });
  }

  async get(id: string): Promise<Programme> {
    const programme = await this.reads.programme(id);
    return found(programme && canReadNetwork(programme.networkId) ? programme : undefined, 'programme', id);
  }
}
