import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Gap } from './domain/source-progress';
import type { SourceProgress } from './ingest-gate';

export interface NodeLink {
  nodeId: string;
  sources: { source: string; lastSequence: number; updatedAt: Date }[];
  gaps: { source: string; fromSequence: number; toSequence: number; detectedAt: Date }[];
}

/** The gate's position in each city's streams, and the gaps it found, in membership's database. */
@Injectable()
export class NodeLinkRepository implements SourceProgress {
  constructor(private readonly db: DataSource) {}

  async load(nodeId: string): Promise<Map<string, number>> {
    const rows: { source: string; last_seq: string }[] = await this.db.query('SELECT source, last_seq FROM node_link_sources WHERE node_id = $1', [nodeId]);
    return new Map(rows.map((r) => [r.source, Number(r.last_seq)]));
  }

  async record(nodeId: string, last: ReadonlyMap<string, number>, gaps: readonly Gap[]): Promise<void> {
    await this.db.transaction(async (m) => {
      await m.query(
        `INSERT INTO node_link_sources (node_id, source, last_seq, updated_at)
         SELECT $1, * , now() FROM unnest($2::text[], $3::bigint[])
         ON CONFLICT (node_id, source) DO UPDATE SET last_seq = GREATEST(node_link_sources.last_seq, EXCLUDED.last_seq), updated_at = now()`,
        [nodeId, [...last.keys()], [...last.values()]],
      );
      for (const g of gaps) {
        await m.query(
          `INSERT INTO node_link_gaps (node_id, source, from_seq, to_seq, detected_at) VALUES ($1, $2, $3, $4, now())
           ON CONFLICT (node_id, source, from_seq) DO NOTHING`,
          [nodeId, g.source, g.from, g.to],
        );
      }
    });
  }

  async find(nodeId: string): Promise<NodeLink> {
    const sources: { source: string; last_seq: string; updated_at: Date }[] = await this.db.query(
      'SELECT source, last_seq, updated_at FROM node_link_sources WHERE node_id = $1 ORDER BY source',
      [nodeId],
    );
    const gaps: { source: string; from_seq: string; to_seq: string; detected_at: Date }[] = await this.db.query(
      'SELECT source, from_seq, to_seq, detected_at FROM node_link_gaps WHERE node_id = $1 ORDER BY id',
      [nodeId],
    );
    return {
      nodeId,
      sources: sources.map((s) => ({ source: s.source, lastSequence: Number(s.last_seq), updatedAt: s.updated_at })),
      gaps: gaps.map((g) => ({ source: g.source, fromSequence: Number(g.from_seq), toSequence: Number(g.to_seq), detectedAt: g.detected_at })),
    };
  }
}
