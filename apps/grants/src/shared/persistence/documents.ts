import type { ExpenditureReport } from '../../expenditure/domain/expenditure-report';
import { fromJson, toJson } from '../events';

/** An aggregate's row as read: its document and its versioned fields. */
export interface DocRow {
  doc: unknown;
  version: number;
  created_at: Date;
  updated_at: Date;
}

/** The aggregate a row holds (the hub's own tables and a city's copies store it alike). */
export const restore = <T>(r: DocRow): T => ({ ...fromJson<T>(r.doc), version: r.version, createdAt: r.created_at, updatedAt: r.updated_at });

/** An aggregate's document: everything but its versioned fields, which are columns. */
export const documentOf = (value: object): string => {
  const { version: _v, createdAt: _c, updatedAt: _u, ...rest } = value as { version: number; createdAt: Date; updatedAt: Date };
  return JSON.stringify(toJson(rest));
};

/** What the watch reads of a report, as columns: its currency (the sub-grant's), reported and accepted totals. */
export function reportTotals(r: Pick<ExpenditureReport, 'lines' | 'accepted'>): { currency: string | null; reported_minor: string; accepted_minor: string | null } {
  return {
    currency: r.lines[0]?.amount.currency ?? null,
    reported_minor: r.lines.reduce((sum, l) => sum + l.amount.amountMinor, 0n).toString(),
    accepted_minor: r.accepted ? r.accepted.reduce((sum, a) => sum + a.amountMinor, 0n).toString() : null,
  };
}

