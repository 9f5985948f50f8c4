import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { ExperienceLevel, MemberKind, ProjectRole } from '@intercity/contracts';
import { applyIfNewer, StagedCopies } from '@intercity/messaging';

/** A member as a copy knows it; `left` once it left the network. */
export interface MemberCopy {
  id: string;
  networkId: string;
  kind: MemberKind;
  name: string;
  country: string;
  /** ISO 3166-2, where the member gave one: regional holidays follow it. */
  region: string | null;
  timeZone: string;
  languages: string[];
  left: boolean;
}

/** A person as a copy knows them; erased people are never returned. */
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

/** A member's running part in a project. */
export interface ParticipationCopy {
  projectId: string;
  memberId: string;
  role: ProjectRole;
  experienceLevel: ExperienceLevel | null;
}

type CopyTable = 'members' | 'people' | 'projects' | 'participations';

/**
 * A service's copies of membership's aggregates (tables from DirectoryCopyTables): the only place
 * they are read or written.
 */
@Injectable()
export class DirectoryCopies {
  constructor(private readonly db: DataSource) {}

  copy(m: EntityManager, table: CopyTable, id: string, version: number, values: Record<string, unknown>): Promise<boolean> {
    return applyIfNewer(m, { table, id, version, values });
  }

  /** The same copy, written with the consumer's other staged copies. */
  stage(copies: StagedCopies, table: CopyTable, id: string, version: number, values: Record<string, unknown>): void {
    copies.stage({ table, id, version, values });
  }

  async member(id: string, m: EntityManager = this.db.manager): Promise<MemberCopy | undefined> {
    const [row] = await m.query(
      `SELECT id, network_id, kind, name, country, region, time_zone, languages, left_on IS NOT NULL AS left
       FROM members WHERE id = $1 AND network_id IS NOT NULL AND kind IS NOT NULL`,
      [id],
    );
    return row
      ? {
          id: row.id,
          networkId: row.network_id,
          kind: row.kind,
          name: row.name,
          country: row.country,
          region: row.region ?? null,
          timeZone: row.time_zone,
          languages: row.languages ?? [],
          left: row.left,
        }
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

  /** The member's running participation in the project, if it takes part there now. */
  async participation(projectId: string, memberId: string, m: EntityManager = this.db.manager): Promise<ParticipationCopy | undefined> {
    const [row] = await m.query(
      `SELECT p.project_id, p.member_id, p.role, p.experience_level FROM participations p JOIN members mb ON mb.id = p.member_id
       WHERE p.project_id = $1 AND p.member_id = $2 AND p.ended_on IS NULL AND mb.left_on IS NULL
       ORDER BY p.from_date DESC NULLS LAST LIMIT 1`,
      [projectId, memberId],
    );
    return row ? { projectId: row.project_id, memberId: row.member_id, role: row.role, experienceLevel: row.experience_level ?? null } : undefined;
  }

  async participationKey(m: EntityManager, participationId: string): Promise<{ projectId: string; memberId: string } | undefined> {
    const [row] = await m.query(`SELECT project_id, member_id FROM participations WHERE id = $1`, [participationId]);
    return row ? { projectId: row.project_id, memberId: row.member_id } : undefined;
  }
}
