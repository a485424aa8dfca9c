// Chinchilla's Approach 2 beside the fitted surface: `fit --law chinchilla` adds it for an IsoFLOP
// sweep (JSON `isoflop`), and `allocate --from` reads it back to answer at any budget.
import { isoflopAllocation, type IsoflopAllocation } from '../../core/isoflop';
import { type IsoflopData } from '../../core/isoflopBudgets';
import { isoflopIntervals, profilesWithIntervals, type IsoflopAllocationInterval, type IsoflopDraw } from '../../core/isoflopBootstrap';
import type { Interval } from '../../core/surfaceBootstrap';
import { ScalingLensError } from '../../core/types';
import { bootstrapMeta, fmt, intervalText, table } from './surfaceOutput';
import { fmtLoss } from '../numberText';

export interface IsoflopJson {
  /** N_opt = kN·C^a, D_opt = C/(6·N_opt) ∝ C^(1−a). */
  a: number;
  kN: number;
  /** Budgets that placed an N_opt. */
  used: number;
  budgets: { flops: number; sizes: number; N?: number; D?: number; loss?: number; excluded?: string; outliers?: { N: number; loss: number }[] }[];
  frontier: IsoflopAllocation[];
  warnings: string[];
  bootstrap?: {
    resamples: number;
    failed: number;
    level: number;
    a: Interval;
    allocations: IsoflopAllocationInterval[];
    /** Every refit as [a, kN, gap] (gap: its valleys' own shape gap, ln N): what `allocate --from` turns into intervals at any budget. */
    draws: number[][];
    /** The move in ln N the intervals are joined with (the parabolas' shape error; 0 when absent). */
    shapeShift: number;
  };
  /** Why the bootstrap gave no interval. */
  intervalNote?: string;
}

export const APPROACH_2 = "IsoFLOP profiles (Chinchilla's Approach 2: a parabola in log N through each budget's losses, N_opt ∝ C^a through their lowest points)";

/** Approach 2 on a sweep, or undefined when the sweep is no IsoFLOP design (or no budget brackets a lowest loss: said in `note`). */
export function isoflopJson(data: IsoflopData, budgets: readonly number[], resamples: number | undefined, seed: number): { json?: IsoflopJson; note?: string } {
  let profiles;
  try {
    profiles = profilesWithIntervals(data, resamples, seed);
  } catch (err) {
    if (err instanceof ScalingLensError) return { note: `no IsoFLOP profiles: ${err.message}` };
    throw err;
  }
  if (!profiles) return {};
  const { fit, boot, intervalNote } = profiles;
  const json: IsoflopJson = {
    a: fit.a,
    kN: fit.kN,
    used: fit.used,
    budgets: fit.budgets.map((b) => ({
      flops: b.flops,
      sizes: b.sizes,
      ...(b.N !== undefined ? { N: b.N, D: b.D, loss: b.loss } : { excluded: b.excluded }),
      ...(b.outliers ? { outliers: b.outliers.map((i) => ({ N: data.N[i]!, loss: data.loss[i]! })) } : {}),
    })),
    frontier: budgets.map((c) => isoflopAllocation(fit, c)),
    warnings: [...fit.warnings],
  };
  if (intervalNote) json.intervalNote = intervalNote;
  if (boot) {
    json.bootstrap = {
      resamples: boot.resamples,
      failed: boot.failed,
      level: boot.level,
      a: boot.a,
      allocations: isoflopIntervals(boot.draws, fit, budgets, boot.level, boot.shapeShift),
      draws: boot.draws.map((d) => (d.gap === undefined ? [d.a, d.kN] : [d.a, d.kN, d.gap])),
      shapeShift: boot.shapeShift,
    };
  }
  return { json };
}

export function isoflopAllocationTable(rows: readonly IsoflopAllocation[], intervals?: readonly IsoflopAllocationInterval[], level = 0.95): string {
  const lv = `${Number((level * 100).toPrecision(3))}%`;
  const header = ['budget (FLOPs)', 'N_opt (params)', 'D_opt (tokens)', 'tokens/param', ...(intervals ? [`N ${lv} CI`, `D ${lv} CI`] : [])];
  return table(
    header,
    rows.map((a, k) => [fmt(a.flops), fmt(a.N), fmt(a.D), fmt(a.tokensPerParam), ...(intervals ? [intervalText(intervals[k]?.N), intervalText(intervals[k]?.D)] : [])]),
  );
}

/** The profiles as text: each budget's valley, the exponent (with the surface's for comparison), the frontier (its warnings are the caller's to print). */
export function isoflopText(j: IsoflopJson, surfaceA?: number): string {
  const lines = [`${APPROACH_2}:`];
  lines.push(
    table(
      ['budget (FLOPs)', 'sizes', 'N_opt', 'D_opt', 'loss there'],
      j.budgets.map((b) => (b.N !== undefined ? [fmt(b.flops), String(b.sizes), fmt(b.N), fmt(b.D!), fmtLoss(b.loss!)] : [fmt(b.flops), String(b.sizes), `left out: ${b.excluded}`, '', ''])),
    ),
  );
  const ci = j.bootstrap ? ` ${intervalText(j.bootstrap.a)} (${Math.round(j.bootstrap.level * 100)}%, ${j.bootstrap.resamples} residual resamples)` : '';
  const vs = surfaceA !== undefined ? `; the fitted surface's a = β/(α+β) = ${fmt(surfaceA)}` : '';
  lines.push(`N_opt ∝ C^${fmt(j.a)}${ci}, D_opt ∝ C^${fmt(1 - j.a)} from ${j.used} budgets${vs}`);
  if (j.frontier.length) lines.push(isoflopAllocationTable(j.frontier, j.bootstrap?.allocations, j.bootstrap?.level));
  if (j.intervalNote) lines.push(j.intervalNote);
  return lines.join('\n');
}

/** The `isoflop` part of a parsed fit, as `allocate --from` reads it; undefined when absent or malformed. */
export function isoflopOf(parsed: unknown): { a: number; kN: number; draws: IsoflopDraw[]; shapeShift: number; level: number; resamples: number } | undefined {
  const j = (parsed as { isoflop?: Partial<IsoflopJson> } | null)?.isoflop;
  const positive = (v: unknown): v is number => typeof v === 'number' && v > 0 && Number.isFinite(v);
  if (!j || typeof j.a !== 'number' || !Number.isFinite(j.a) || !positive(j.kN)) return undefined;
  const b = j.bootstrap;
  const draws = Array.isArray(b?.draws)
    ? b.draws
        .filter((d): d is number[] => Array.isArray(d) && (d.length === 2 || (d.length === 3 && Number.isFinite(d[2]))) && Number.isFinite(d[0]) && positive(d[1]))
        .map(([a, kN, gap]) => (gap === undefined ? { a: a!, kN: kN! } : { a: a!, kN: kN!, gap }))
    : [];
  // a fit written before the shape error was counted has none: its intervals are read as written
  const shapeShift = typeof b?.shapeShift === 'number' && Number.isFinite(b.shapeShift) ? b.shapeShift : 0;
  return { a: j.a, kN: j.kN, draws, shapeShift, ...bootstrapMeta(b, draws.length) };
}
