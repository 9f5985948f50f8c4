import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { ResourceKind } from '@intercity/contracts';
import { Page } from '@intercity/platform';
import type { Resource, ResourceVersion } from './domain/resource';

type StoredVersion = Omit<ResourceVersion, 'updatedAt'> & { updatedAt: string };

interface ResourceRow {
  id: string;
  network_id: string;
  community_id: string;
  kind: ResourceKind;
  original_language: string;
  fallback_language: string;
  edition: number;
  versions: StoredVersion[];
  version: number;
  created_at: Date;
  updated_at: Date;
}

const COLUMNS = `id, network_id, community_id, kind, original_language, fallback_language, edition, versions, version, created_at, updated_at`;

const toResource = (r: ResourceRow): Resource => ({
  id: r.id,
  networkId: r.network_id,
  communityId: r.community_id,
  kind: r.kind,
  originalLanguage: r.original_language,
  fallbackLanguage: r.fallback_language,
  edition: r.edition,
  versions: r.versions.map((v) => ({ ...v, updatedAt: new Date(v.updatedAt) })),
  version: r.version,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

const storedVersions = (r: Resource): string =>
  JSON.stringify(
    r.versions.map((v) => ({
      language: v.language,
      title: v.title,
      summary: v.summary,
      link: v.link,
      fileRef: v.fileRef,
      basedOnEdition: v.basedOnEdition,
      updatedAt: v.updatedAt.toISOString(),
    })),
  );

export interface ResourceFilter {
  communityId?: string;
  kind?: ResourceKind;
  /** Resources with a version in this (canonical) language. */
  language?: string;
  /** Networks the reader may see; all when absent. */
  networks?: string[];
  limit: number;
  offset: number;
}

@Injectable()
export class ResourceRepository {
  constructor(private readonly db: DataSource) {}

  async find(id: string, m: EntityManager = this.db.manager, lock = false): Promise<Resource | undefined> {
    const [row] = await m.query(`SELECT ${COLUMNS} FROM resources WHERE id = $1 ${lock ? 'FOR UPDATE' : ''}`, [id]);
    return row ? toResource(row) : undefined;
  }

  async insert(m: EntityManager, r: Resource): Promise<void> {
    await m.query(
      `INSERT INTO resources (id, network_id, community_id, kind, original_language, fallback_language, edition, versions, version, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb, $9, $10, $11)`,
      [r.id, r.networkId, r.communityId, r.kind, r.originalLanguage, r.fallbackLanguage, r.edition, storedVersions(r), r.version, r.createdAt, r.updatedAt],
    );
  }

  async update(m: EntityManager, r: Resource): Promise<void> {
    await m.query(
      `UPDATE resources SET fallback_language = $2, edition = $3, versions = $4::jsonb, version = $5, updated_at = $6 WHERE id = $1`,
      [r.id, r.fallbackLanguage, r.edition, storedVersions(r), r.version, r.updatedAt],
    );
  }

  async list(f: ResourceFilter): Promise<Page<Resource>> {
    const where = `($1::uuid IS NULL OR community_id = $1) AND ($2::text IS NULL OR kind = $2)
      AND ($3::text IS NULL OR versions @> jsonb_build_array(jsonb_build_object('language', $3::text)))
      AND ($4::uuid[] IS NULL OR network_id = ANY ($4))`;
    const params = [f.communityId ?? null, f.kind ?? null, f.language ?? null, f.networks ?? null];
    const rows: ResourceRow[] = await this.db.query(`SELECT ${COLUMNS} FROM resources WHERE ${where} ORDER BY created_at DESC, id LIMIT $5 OFFSET $6`, [
      ...params,
      f.limit,
      f.offset,
    ]);
    const [{ n }] = await this.db.query(`SELECT count(*)::int AS n FROM resources WHERE ${where}`, params);
    return { items: rows.map(toResource), total: n, limit: f.limit, offset: f.offset };
  }
}
