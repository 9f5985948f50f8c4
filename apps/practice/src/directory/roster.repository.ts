import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { MemberKind } from '@intercity/contracts';
import type { ProjectCopy } from '@intercity/directory';
import type { ProjectRoster } from '../community/domain/community';

/** Who takes part in a project, read from the directory's copies (`@intercity/directory`). */
@Injectable()
export class RosterRepository {
  constructor(private readonly db: DataSource) {}

  /** Every member that ever took part; active while a participation runs and it is still in the network. */
  async roster(project: ProjectCopy, m: EntityManager = this.db.manager): Promise<ProjectRoster> {
    const rows: { member_id: string; kind: MemberKind; active: boolean }[] = await m.query(
      `SELECT p.member_id, m.kind, bool_or(p.ended_on IS NULL AND m.left_on IS NULL) AS active
       FROM participations p JOIN members m ON m.id = p.member_id
       WHERE p.project_id = $1 AND m.kind IS NOT NULL
       GROUP BY p.member_id, m.kind`,
      [project.id],
    );
    return { projectId: project.id, networkId: project.networkId, members: rows.map((r) => ({ memberId: r.member_id, kind: r.kind, active: r.active })) };
  }
}
