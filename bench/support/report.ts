import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

/**
 * One figure of the run. `target` applies to `ratio` when there is a baseline, else to `value`;
 * `better` says which way is good. A figure without a target is shown for context only.
 */
export interface Figure {
  name: string;
  value: number;
  unit: string;
  baseline: number | null;
  ratio: number | null;
  target: number | null;
  better: 'high' | 'low';
}

export function figure(f: Omit<Figure, 'ratio'> & { ratio?: number | null }): Figure {
  const ratio = f.ratio ?? (f.baseline ? f.value / f.baseline : null);
  return { ...f, ratio };
}

/** Whether a figure meets its target; undefined when it has none. */
export function meets(f: Figure): boolean | undefined {
  if (f.target === null) return undefined;
  const measured = f.baseline !== null ? f.ratio : f.value;
  if (measured === null || !Number.isFinite(measured)) return false;
  return f.better === 'high' ? measured >= f.target : measured <= f.target;
}

function fmt(n: number | null, digits = 1): string {
  if (n === null || n === undefined) return '-';
  if (!Number.isFinite(n)) return String(n);
  if (Math.abs(n) >= 1000) return Math.round(n).toString();
  return n.toFixed(digits);
}

function targetText(f: Figure): string {
  if (f.target === null) return '-';
  const op = f.better === 'high' ? '>=' : '<=';
  return f.baseline !== null ? `ratio ${op} ${f.target}` : `${op} ${f.target}`;
}

export function table(figures: Figure[]): string {
  const rows = [
    ['name', 'value', 'unit', 'baseline', 'ratio', 'target', 'result'],
    ...figures.map((f) => {
      const ok = meets(f);
      return [
        f.name,
        fmt(f.value),
        f.unit,
        fmt(f.baseline),
        f.ratio === null ? '-' : f.ratio.toFixed(2),
        targetText(f),
        ok === undefined ? 'info' : ok ? 'pass' : 'FAIL',
      ];
    }),
  ];
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  const line = (r: string[]) => r.map((c, i) => (i === 0 || i === 2 || i === 5 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  return [line(rows[0]), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.slice(1).map(line)].join('\n');
}

/** Writes the figures as JSON to `BENCH_OUT` (default bench/results/latest.json); returns the path. */
export function writeFigures(figures: Figure[], env: NodeJS.ProcessEnv = process.env): string {
  const path = resolve(env.BENCH_OUT || resolve(__dirname, '..', 'results', 'latest.json'));
  mkdirSync(dirname(path), { recursive: true });
  const rounded = figures.map((f) => ({
    name: f.name,
    value: round(f.value),
    unit: f.unit,
    baseline: f.baseline === null ? null : round(f.baseline),
    ratio: f.ratio === null ? null : Math.round(f.ratio * 1000) / 1000,
    target: f.target,
    better: f.better,
  }));
  writeFileSync(path, `${JSON.stringify(rounded, null, 2)}\n`);
  return path;
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}
