import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { MemberKind } from '@intercity/contracts';
import { applyIfNewer } from '@intercity/messaging';
import type { ProjectRoster } from '../community/domain/community';

/** A member as practice's copy knows it. */
export interface MemberCopy {
  id: string;
  networkId: string;
  kind: MemberKind;
  name: string;
  country: string;
  timeZone: string;
  languages: string[];
  left: boolean;
}

/** A person as practice's copy knows them; erased people are not returned. */
export interface PersonCopy {
  id: string;
  memberId: string;
  givenName: string;
  familyName: string;
  email: string;
  preferredLanguage: string;
}

export interface ProjectCopy {
  id: string;
  networkId: string;
  code: string;
  name: string;
}

/**
 * Practice's copies of membership's members, people, projects and participations: the only
 * place they are read or written. Copies apply newest-wins (ARCHITECTURE §4.4), so a late or
 * redelivered event never overwrites newer state.
 */
@Injectable()
export class DirectoryRepository {
  constructor(private readonly db: DataSource) {}

  copyMember(m: EntityManager, id: string, version: number, values: Record<string, unknown>): Promise<boolean> {
    return applyIfNewer(m, { table: 'members', id, version, values });
  }

  copyPerson(m: EntityManager, id: string, version: number, values: Record<string, unknown>): Promise<boolean> {
    return applyIfNewer(m, { table: 'people', id, version, values });
  }

  copyProject(m: EntityManager, id: string, version: number, values: Record<string, unknown>): Promise<boolean> {
    return applyIfNewer(m, { table: 'projects', id, version, values });
  }

  copyParticipation(m: EntityManager, id: string, version: number, values: Record<string, unknown>): Promise<boolean> {
    return applyIfNewer(m, { table: 'participations', id, version, values });
  }

  async member(id: string, m: EntityManager = this.db.manager): Promise<MemberCopy | undefined> {
    const [row] = await m.query(
      `SELECT id, network_id, kind, name, country, time_zone, languages, left_on IS NOT NULL AS left
       FROM members WHERE id = $1 AND network_id IS NOT NULL`,
      [id],
    );
    return row
      ? { id: row.id, networkId: row.network_id, kind: row.kind, name: row.name, country: row.country, timeZone: row.time_zone, languages: row.languages ?? [], left: row.left }
      : undefined;
  }

  async person(id: string, m: EntityManager = this.db.manager): Promise<PersonCopy | undefined> {
    const [row] = await m.query(
      `SELECT id, member_id, given_name, family_name, email, preferred_language FROM people
       WHERE id = $1 AND NOT erased AND member_id IS NOT NULL AND given_name IS NOT NULL`,
      [id],
    );
    return row
      ? { id: row.id, memberId: row.member_id, givenName: row.given_name, familyName: row.family_name, email: row.email, preferredLanguage: row.preferred_language }
      : undefined;
  }

  async project(id: string, m: EntityManager = this.db.manager): Promise<ProjectCopy | undefined> {
    const [row] = await m.query(`SELECT id, network_id, code, name FROM projects WHERE id = $1 AND network_id IS NOT NULL`, [id]);
    return row ? { id: row.id, networkId: row.network_id, code: row.code, name: row.name } : undefined;
  }

  /** Who takes part in the project now: a running participation and still in the network. */
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

  /** Whether the member still takes part in the project through another participation. */
  async stillInProject(m: EntityManager, projectId: string, memberId: string): Promise<boolean> {
    const [row] = await m.query(
      `SELECT 1 FROM participations p JOIN members mb ON mb.id = p.member_id
       WHERE p.project_id = $1 AND p.member_id = $2 AND p.ended_on IS NULL AND mb.left_on IS NULL LIMIT 1`,
      [projectId, memberId],
    );
    return row !== undefined;
  }

  async participationProject(m: EntityManager, participationId: string): Promise<string | undefined> {
    const [row] = await m.query(`SELECT project_id FROM participations WHERE id = $1`, [participationId]);
    return row?.project_id ?? undefined;
  }
}
