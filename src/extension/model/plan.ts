// A compute plan as the panel shows it: the optimal allocation at the budget, the frontier over
// three decades either side, and a chart of N_opt and D_opt against compute. Pure.
import { COLOR_MUTED, COLOR_TARGET, type ChartSeries, type Marker, type PlanIntervals, type PlanRow, type PlanView, type PointPlanView } from '../../shared/protocol';
import type { Allocation, ChinchillaParams } from '../engine';
import { allocationExponents } from '../../core/allocation';
import { exponentText, formatAmount, formatAskedLoss } from '../../core/units';
import { ScalingLensError } from '../../core/types';
import { buildIsoflopView, isoflopFrontierSeries, type IsoflopPlanInputs } from './isoflopPlan';
import { buildConstrainedView, constrainedSeries, type ConstrainedPlanInputs } from './constrainedPlan';
import { inferenceSeries, inferenceView } from './inferencePlan';
import type { InferenceAwarePlan } from '../../core/inferenceAllocation';
import { betterLawPlan, lawComparisonText, type SurfaceLawComparison } from '../../core/surfaceLawComparison';
import { unreachedText, type ReachInterval } from '../../core/reachInterval';
import { lossMeaningText, yMetricOf } from '../../core/yMetric';

export interface PlanInputs {
  readonly surface: ChinchillaParams;
  /** 'chinchilla', 'epoch' or the sweep's path. */
  readonly surfaceId: string;
  readonly sourceLabel: string;
  /** The sweep's y when it is no loss in nats (PlanView.lossName). */
  readonly lossName?: string;
  readonly budget: number;
  /** The loss the budget was asked to reach (the budget is the least compute that reaches it). */
  readonly targetLoss?: number;
  /** From the surface's refits: each one's least compute to reach targetLoss, and its N and D. */
  readonly reach?: ReachInterval;
  readonly optimal: (s: ChinchillaParams, flops: number) => Allocation;
  readonly frontier: (s: ChinchillaParams, from: number, to: number, n: number) => Allocation[];
  /** Bootstrap intervals on N_opt, D_opt and L* at each budget, when the surface was bootstrapped. */
  readonly intervals?: (budgets: readonly number[]) => readonly PlanIntervals[];
  /** An IsoFLOP sweep's Approach 2, shown beside the surface. */
  readonly isoflop?: IsoflopPlanInputs;
  /** Only so many unique tokens: the budget's data-constrained split. */
  readonly constrained?: ConstrainedPlanInputs;
  /** The target loss's plan when the model will serve so many tokens. */
  readonly inference?: InferenceAwarePlan;
  /** What the surface's fit did with the sweep (runs left out). */
  readonly notes?: readonly string[];
  /** How far the fitted surface held on the sweep's own largest runs. */
  readonly trust?: string;
  /** Each surface law's back-test on the sweep's largest runs (core/surfaceLawComparison.ts). */
  readonly backTests?: SurfaceLawComparison;
  /** The model size and token count asked for (the budget is its 6·N·D): the loss there. */
  readonly point?: PointPlanView;
  /** The compute of the smallest and largest runs the surface was fitted on (6·N·D), drawn on the frontier so a budget's distance from them shows. */
  readonly runsRange?: readonly [number, number];
  /** Another law's surface planned from in place of Chinchilla's (`optimal` and `frontier` plan on it): its parameters are shown. */
  readonly lawParams?: Readonly<Record<string, number>>;
}

function row(a: Allocation, iv?: PlanIntervals): PlanRow {
  const ok = iv && [...(iv.flops ?? []), ...iv.N, ...iv.D, ...(iv.loss ?? [])].every(Number.isFinite);
  return { flops: a.flops, N: a.N, D: a.D, tokensPerParam: a.tokensPerParam, loss: a.loss, ...(ok ? { intervals: iv } : {}) };
}

/** The laws' back-tests as the plan shows them: their line, and the clearly better law's plan at the budget. */
function lawBackTestsView(c: SurfaceLawComparison, flops: number): PlanView['lawBackTests'] {
  const text = lawComparisonText(c);
  if (text === undefined) return undefined;
  // a law planned in place of Chinchilla's is the plan itself, not a row beside it
  const other = c.better?.chinchillaNoPlan === undefined ? betterLawPlan(c, flops) : undefined;
  return { text, ...(other && c.better ? { plan: { law: c.better.law, row: row(other) } } : {}) };
}

export function buildPlan(p: PlanInputs): PlanView {
  const at = p.optimal(p.surface, p.budget);
  const curve = p.frontier(p.surface, p.budget / 1e3, p.budget * 1e3, 61);
  const table = p.frontier(p.surface, p.budget / 1e3, p.budget * 1e3, 7);
  const base = { curve: 'frontier', estimator: 'chinchilla' };
  const series: ChartSeries[] = [
    { ...base, id: 'N', label: 'parameters N_opt', role: 'frontier', group: 'N', color: 1, points: curve.map((a) => ({ x: a.flops, y: a.N })) },
    { ...base, id: 'D', label: 'tokens D_opt', role: 'frontier', group: 'D', color: 2, points: curve.map((a) => ({ x: a.flops, y: a.D })) },
    { ...base, id: 'budget-N', label: 'budget: N', role: 'budget', group: 'N', color: 1, points: [{ x: at.flops, y: at.N }] },
    { ...base, id: 'budget-D', label: 'budget: D', role: 'budget', group: 'D', color: 2, points: [{ x: at.flops, y: at.D }] },
  ];
  const ivAt = p.intervals?.([at.flops]);
  const ivTable = p.intervals?.(table.map((a) => a.flops));
  const ivCurve = p.intervals?.(curve.map((a) => a.flops));
  if (ivCurve) {
    // the bootstrap range of N_opt and D_opt drawn as bands around the frontier lines
    for (const [k, color] of [['N', 1], ['D', 2]] as const) {
      const band = curve.map((a, i) => ({ x: a.flops, lo: ivCurve[i][k][0], hi: ivCurve[i][k][1] })).filter((b) => b.lo > 0 && Number.isFinite(b.hi));
      if (band.length > 1) series.push({ ...base, id: `${k}-band`, label: `${k}_opt interval`, role: 'band', group: k, color, points: band.map((b) => ({ x: b.x, y: Math.sqrt(b.lo * b.hi) })), band });
    }
  }
  if (p.isoflop) series.push(...isoflopFrontierSeries(p.isoflop.fit, curve));
  const constrained = p.constrained && buildConstrainedView(p.constrained, at.flops);
  if (constrained) series.push(...constrainedSeries(constrained, at.flops));
  const inference = p.inference && inferenceView(p.inference);
  if (inference) series.push(...inferenceSeries(inference));
  const lawBackTests = p.backTests && lawBackTestsView(p.backTests, at.flops);
  // a loss to reach: the interval is on the compute (the answer), not on the loss (the question)
  const reach = p.targetLoss !== undefined && p.intervals ? reachIntervals(p.reach) : undefined;
  const budgetIntervals = reach ? reach.intervals : ivAt?.[0];
  const notes = [...(p.notes ?? []), ...(reach?.note ? [reach.note] : [])];
  return {
    ...(inference ? { inference } : {}),
    ...(constrained ? { constrained } : {}),
    ...(p.isoflop ? { isoflop: buildIsoflopView(p.isoflop, allocationExponents(p.surface).a, at, ivAt?.[0]?.N) } : {}),
    ...(p.targetLoss !== undefined ? { targetLoss: p.targetLoss } : {}),
    ...(notes.length ? { notes } : {}),
    ...(p.trust ? { trust: p.trust } : {}),
    ...(p.lossName ? { lossName: p.lossName } : {}),
    ...(lawBackTests ? { lawBackTests } : {}),
    ...(p.point ? { point: p.point } : {}),
    source: p.sourceLabel,
    surface: p.surfaceId,
    params: Object.entries(p.lawParams ?? p.surface).map(([k, v]) => [k, v as number] as const),
    budget: row(at, budgetIntervals),
    rows: table.map((a, i) => row(a, ivTable?.[i])),
    chart: {
      id: 'plan',
      title: 'Compute-optimal frontier',
      xLabel: 'compute C (FLOPs)',
      yLabel: 'parameters N / tokens D',
      xLog: true,
      yLog: true,
      series,
      markers: [{ kind: 'target', label: 'budget', x: at.flops, color: COLOR_TARGET }, ...runsMarkers(p.runsRange)],
    },
  };
}

/**
 * Where the fitted runs' compute begins and ends on the frontier chart: everything outside the two
 * lines is the surface carried past what was measured (the chart spans the budget ×/÷ 1000, and
 * showed nothing of where the sweep lay). A line outside the chart is not drawn.
 */
function runsMarkers(range: readonly [number, number] | undefined): Marker[] {
  if (!range || !range.every((c) => c > 0 && Number.isFinite(c))) return [];
  const [smallest, largest] = range;
  const largestLine: Marker = { kind: 'end', label: `largest run fitted (${exponentText(largest)})`, x: largest, color: COLOR_MUTED };
  return smallest < largest ? [{ kind: 'end', label: `smallest run fitted (${exponentText(smallest)})`, x: smallest, color: COLOR_MUTED }, largestLine] : [largestLine];
}

/** The budget row's intervals for a loss to reach, or why its compute has no upper bound; none without refits. */
function reachIntervals(r: ReachInterval | undefined): { intervals?: PlanIntervals; note?: string } {
  if (!r) return {};
  const note = unreachedText(r, formatAskedLoss(r.targetLoss));
  if (note) return { note };
  return { intervals: { flops: [r.flops.lo, r.flops.hi], N: [r.N.lo, r.N.hi], D: [r.D.lo, r.D.hi] } };
}

/**
 * What to add to a plan's error: how to give a surface, when the surface could not be had (a sweep
 * with no N and D). A request the surface cannot meet (a loss at or below its E) says why itself,
 * and "use a preset" after a preset's answer misleads.
 */
export function planErrorHint(err: unknown): string | undefined {
  return err instanceof ScalingLensError && err.code === 'bad-argument' ? undefined : 'Use a preset, or a sweep with N, D and loss columns.';
}

/** The plan in one notification line: the budget's split, then each answer beside it. */
export function planSummary(plan: PlanView): string {
  const b = plan.budget;
  // FLOPs as the plan's table writes them ("5e15", not "5P")
  // a loss to reach: the compute is the answer, so its interval goes with it, as in the table
  const range = b.intervals?.flops ? ` [${exponentText(b.intervals.flops[0])}, ${exponentText(b.intervals.flops[1])}]` : '';
  const head = plan.targetLoss !== undefined ? `to reach loss ${formatAskedLoss(plan.targetLoss)} takes ${exponentText(b.flops)} FLOPs${range}: ` : `at ${exponentText(b.flops)} FLOPs `;
  const pt = plan.point;
  // an L* of a sweep in bits or a perplexity named so, with the loss in nats it means ("val_bpb ≈ 3.354 (a loss of 3.354 × ln 2 = 2.325 nats)")
  const meaning = (v: number): string => (plan.lossName ? lossMeaningText(yMetricOf(plan.lossName), v) : '');
  const lossText = (v: number): string => (meaning(v) ? `${plan.lossName} ≈ ${v.toPrecision(4)} (${meaning(v)})` : `loss ≈ ${v.toPrecision(4)}`);
  // a size and token count asked for: the loss there first, then the optimal split of its 6·N·D
  const ptRange = pt?.lossInterval ? ` [${pt.lossInterval[0].toPrecision(4)}, ${pt.lossInterval[1].toPrecision(4)}]` : '';
  const asked = pt ? `N ≈ ${formatAmount(pt.N)} parameters on D ≈ ${formatAmount(pt.D)} tokens: ${lossText(pt.loss)}${ptRange}. Optimal split of the same ` : '';
  const parts = [`Scaling Lens: ${asked}${pt ? `${exponentText(b.flops)} FLOPs: ` : head}train N ≈ ${formatAmount(b.N)} parameters on D ≈ ${formatAmount(b.D)} tokens (${b.tokensPerParam.toFixed(1)} tokens/param), ${lossText(b.loss)}.`];
  const c = plan.constrained;
  if (c) parts.push(`With ${formatAmount(c.uniqueTokens)} unique tokens: N ≈ ${formatAmount(c.N)}, ${c.epochs.toFixed(1)} passes over them, ${lossText(c.loss)}.`);
  const i = plan.inference;
  if (i) parts.push(`Serving ${formatAmount(i.inferenceTokens)} tokens after: N ≈ ${formatAmount(i.N)} on D ≈ ${formatAmount(i.D)}, ${(100 * i.saving).toFixed(0)}% less compute in all.`);
  if (plan.isoflop) parts.push(`The sweep's IsoFLOP profiles say N ≈ ${formatAmount(plan.isoflop.budget.N)}, D ≈ ${formatAmount(plan.isoflop.budget.D)}.`);
  return parts.join(' ');
}
