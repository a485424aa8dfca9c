// The Plan view's IsoFLOP part: an IsoFLOP sweep's valleys (loss against N at each budget, the
// parabola through them and its lowest point) and Approach 2's N_opt and D_opt at the budget,
// beside the fitted surface's. Pure.
import { type ChartSeries, type ChartView, type IsoflopBudgetRow, type IsoflopView } from '../../shared/protocol';
import { isoflopAllocation, type IsoflopFit } from '../../core/isoflop';
import { parabolaAt } from '../../core/isoflopParabola';
import { type IsoflopData } from '../../core/isoflopBudgets';
import { isoflopIntervals, profilesWithIntervals, type IsoflopAllocationInterval } from '../../core/isoflopBootstrap';
import type { Allocation } from '../engine';
import { exponentText } from '../../core/units';

export interface IsoflopPlanInputs {
  readonly data: IsoflopData;
  readonly fit: IsoflopFit;
  /** The exponent's bootstrap interval, when the profiles were bootstrapped. */
  readonly exponentInterval?: readonly [number, number];
  /** The intervals' level (0.95). */
  readonly level?: number;
  readonly intervals?: (budgets: readonly number[]) => readonly IsoflopAllocationInterval[];
  /** The bootstrap's reason for giving no interval. */
  readonly intervalNote?: string;
}

/**
 * Approach 2 on a sweep with its residual-bootstrap intervals; undefined when the sweep is no
 * IsoFLOP design. Throws a ScalingLensError when no two budgets bracket a lowest loss.
 */
export function isoflopPlanInputs(data: IsoflopData, resamples: number, seed: number): IsoflopPlanInputs | undefined {
  const profiles = profilesWithIntervals(data, resamples, seed);
  if (!profiles) return undefined;
  const { fit, boot, intervalNote } = profiles;
  if (!boot) return { data, fit, ...(intervalNote ? { intervalNote } : {}) };
  return { data, fit, exponentInterval: [boot.a.lo, boot.a.hi], level: boot.level, intervals: (budgets) => isoflopIntervals(boot.draws, fit, budgets, boot.level, boot.shapeShift) };
}

/** Palette slots for the budgets' valleys (1 and 2 draw the frontier's N and D). */
const FIRST_SLOT = 3;
const CURVE_POINTS = 40;

function valleysChart(data: IsoflopData, fit: IsoflopFit): ChartView {
  const series: ChartSeries[] = [];
  fit.budgets.forEach((b, k) => {
    const label = `C = ${exponentText(b.flops)}`;
    const base = { curve: label, group: `budget-${k}`, color: FIRST_SLOT + k };
    const out = new Set(b.outliers);
    const at = (rows: readonly number[]) => rows.map((i) => ({ x: data.N[i]!, y: data.loss[i]! })).sort((p, q) => p.x - q.x);
    const points = at(b.rows.filter((i) => !out.has(i)));
    series.push({ ...base, id: `points-${k}`, label, role: 'fit', points });
    if (out.size) series.push({ ...base, id: `outliers-${k}`, label: `${label}: left out`, role: 'outlier', points: at([...out]) });
    if (b.parabola && b.N !== undefined) {
      const lo = Math.log(points[0]!.x);
      const hi = Math.log(points[points.length - 1]!.x);
      const curve = Array.from({ length: CURVE_POINTS }, (_, j) => Math.exp(lo + ((hi - lo) * j) / (CURVE_POINTS - 1))).map((N) => ({ x: N, y: parabolaAt(b.parabola!, N) }));
      series.push({ ...base, id: `parabola-${k}`, label: `${label}: parabola`, role: 'curve', points: curve });
      series.push({ ...base, id: `lowest-${k}`, label: `${label}: lowest point`, role: 'budget', points: [{ x: b.N, y: b.loss! }] });
    }
  });
  return { id: 'isoflop', title: 'IsoFLOP profiles', xLabel: 'parameters N', yLabel: 'loss', xLog: true, yLog: false, series, markers: [] };
}

/**
 * Palette slots of Approach 2's N and D lines: colours of their own (yellow, green), not the
 * surface's blue and orange (1, 2) nor the constrained split's purple (4), since the two answers
 * often lie within a line's width of each other and a dash alone did not tell them apart.
 */
export const ISOFLOP_SLOTS = { N: 5, D: 3 } as const;

/** Approach 2's lines on the frontier chart: dashed, each in a colour of its own. */
export function isoflopFrontierSeries(fit: IsoflopFit, curve: readonly Allocation[]): ChartSeries[] {
  const base = { curve: 'frontier', estimator: 'isoflop', role: 'extrapolation' as const };
  return (['N', 'D'] as const).map((k) => ({
    ...base,
    id: `iso-${k}`,
    label: `${k}_opt by IsoFLOP profiles`,
    group: `iso-${k}`,
    color: ISOFLOP_SLOTS[k],
    points: curve.map((a) => ({ x: a.flops, y: isoflopAllocation(fit, a.flops)[k] })),
  }));
}

function ratioText(r: number): string {
  return r >= 1 ? `${r.toFixed(2)}×` : `1/${(1 / r).toFixed(2)}`;
}

/** How the two answers for N_opt relate, by their intervals: what a reader of both needs first. */
function agreement(flops: number, iso: number, surface: number, isoRange?: readonly [number, number], surfaceRange?: readonly [number, number]): string {
  // the budget as the plan's table and its notes write it: "At 1e21 FLOPs", not "At 1.00e21"
  const head = `At ${exponentText(flops)} FLOPs the profiles give ${ratioText(iso / surface)} the surface's N_opt`;
  if (!isoRange || !surfaceRange) return `${head}.`;
  const holds = (r: readonly [number, number], v: number): boolean => v >= r[0] && v <= r[1];
  if (holds(isoRange, surface) && holds(surfaceRange, iso)) return `${head}; each one's interval holds the other's value.`;
  if (isoRange[0] <= surfaceRange[1] && surfaceRange[0] <= isoRange[1]) return `${head}; their intervals overlap.`;
  return `${head}; their intervals do not overlap: the split depends on the method, by more than the sweep's noise explains.`;
}

/** Each budget's valley as the panel lists it: its lowest point, or why it has none. */
export function isoflopBudgetRows(fit: IsoflopFit): IsoflopBudgetRow[] {
  return fit.budgets.map((b) => ({ flops: b.flops, sizes: b.sizes, ...(b.N !== undefined ? { N: b.N, D: b.D!, loss: b.loss! } : { excluded: b.excluded! }) }));
}

export function buildIsoflopView(p: IsoflopPlanInputs, surfaceExponent: number, at: Allocation, surfaceN?: readonly [number, number]): IsoflopView {
  const iso = isoflopAllocation(p.fit, at.flops);
  const iv = p.intervals?.([at.flops])[0];
  const notes = [agreement(at.flops, iso.N, at.N, iv && [iv.N.lo, iv.N.hi], surfaceN), ...p.fit.warnings];
  if (p.intervalNote) notes.push(p.intervalNote);
  return {
    exponent: p.fit.a,
    ...(p.exponentInterval ? { exponentInterval: p.exponentInterval } : {}),
    surfaceExponent,
    budget: { N: iso.N, D: iso.D, tokensPerParam: iso.tokensPerParam, ...(iv ? { intervals: { N: [iv.N.lo, iv.N.hi] as const, D: [iv.D.lo, iv.D.hi] as const } } : {}) },
    rows: isoflopBudgetRows(p.fit),
    notes,
    chart: valleysChart(p.data, p.fit),
  };
}
