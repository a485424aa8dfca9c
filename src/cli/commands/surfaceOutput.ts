// Shared text rendering for the surface commands (fit --law chinchilla, allocate): aligned tables
// of allocations and parameters with their intervals.
import type { Allocation } from '../../core/allocation';
import type { Interval } from '../../core/surfaceBootstrap';
import { maxBy } from '../../core/arrayStats';
import { fmtLoss, MISSING } from '../numberText';

/** Four significant digits; exponent notation for very large or very small magnitudes. */
export function fmt(v: number): string {
  if (!Number.isFinite(v)) return MISSING;
  const a = Math.abs(v);
  if (a !== 0 && (a >= 1e5 || a < 1e-3)) return v.toExponential(3).replace('e+', 'e');
  return Number(v.toPrecision(4)).toString();
}

export function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, c) => Math.max(h.length, maxBy(rows, (r) => r[c]?.length ?? 0)));
  const line = (cells: readonly string[]): string => cells.map((s, c) => (c === 0 ? s.padEnd(widths[c]) : s.padStart(widths[c]))).join('  ').trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

export function intervalText(i: Interval | undefined): string {
  return i === undefined ? '' : `[${fmt(i.lo)}, ${fmt(i.hi)}]`;
}

/** A loss's interval, each end written as the loss: "[2.308, 2.380]". */
export function lossIntervalText(i: Interval | undefined): string {
  return i === undefined ? '' : `[${fmtLoss(i.lo)}, ${fmtLoss(i.hi)}]`;
}

/** `marks`: a last column, one cell a row (which rows lie outside the sweep), when any is not empty. */
export function allocationTable(rows: readonly Allocation[], intervals?: readonly { N: Interval; D: Interval; loss: Interval }[], level = 0.95, marks?: readonly string[]): string {
  const header = ['budget (FLOPs)', 'N_opt (params)', 'D_opt (tokens)', 'tokens/param', 'L*'];
  const lv = `${Number((level * 100).toPrecision(3))}%`;
  if (intervals) header.push(`N ${lv} CI`, `D ${lv} CI`, `L* ${lv} CI`);
  const marked = marks?.some((m) => m !== '') === true;
  if (marked) header.push('vs the runs');
  return table(
    header,
    rows.map((a, k) => {
      const cells = [fmt(a.flops), fmt(a.N), fmt(a.D), fmt(a.tokensPerParam), fmtLoss(a.loss)];
      if (intervals) cells.push(intervalText(intervals[k]?.N), intervalText(intervals[k]?.D), lossIntervalText(intervals[k]?.loss));
      if (marked) cells.push(marks![k] ?? '');
      return cells;
    }),
  );
}

/** JSON.stringify(v, null, 2) with arrays of plain numbers kept on one line (bootstrap draws: one per line, not one number per line). */
export function compactJson(v: unknown): string {
  return JSON.stringify(v, null, 2).replace(/\[\n\s+(-?[\d.eE+-]+(?:,\n\s+-?[\d.eE+-]+)*)\n\s+\]/g, (_m, inner: string) => `[${inner.split(/,\n\s+/).join(', ')}]`);
}

/**
 * A saved bootstrap's resample count and level, as a fit's JSON states them: the count is at least
 * the draws kept (failed refits leave none), the level in (0, 1), else 0.95.
 */
export function bootstrapMeta(b: { resamples?: unknown; level?: unknown } | undefined, draws: number): { resamples: number; level: number } {
  const resamples = typeof b?.resamples === 'number' && b.resamples >= draws ? b.resamples : draws;
  const level = typeof b?.level === 'number' && b.level > 0 && b.level < 1 ? b.level : 0.95;
  return { resamples, level };
}
