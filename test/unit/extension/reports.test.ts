import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { CurveAnalysis } from '../../../src/core/analysis';
import type { FitResult, Law } from '../../../src/core/types';
import { pngBytes, toCsv, toJson } from '../../../src/extension/export/serialize';
import { summarizeBenchmark } from '../../../src/extension/model/benchmark';
import { buildPlan, planErrorHint, planSummary } from '../../../src/extension/model/plan';
import { sweepPlanSurface } from '../../../src/extension/model/sweepPlan';
import { isoflopPlanInputs } from '../../../src/extension/model/isoflopPlan';
import { computeForLoss, frontier, optimalAllocation } from '../../../src/core/allocation';
import { inferenceAwarePlan } from '../../../src/core/inferenceAllocation';
import { chinchillaLoss } from '../../../src/core/laws/chinchilla';
import { panelStateOf } from '../../../src/shared/protocol';
import { validateToWebview } from '../../../src/shared/validate';
import { constrainedPlanInputs } from '../../../src/extension/model/constrainedPlan';

function fit(law: string, params: Record<string, number>): FitResult {
  return { law, params, residuals: new Float64Array(2), objective: 0, iterations: 1, converged: true, reason: 't', warnings: [] };
}

function analysis(scores: Record<string, number | undefined>, auto: string): CurveAnalysis {
  return {
    fitPoints: [{ x: 1, y: 2 }],
    heldOutPoints: [{ x: 2, y: 1 }],
    estimators: Object.entries(scores).map(([law, r]) =>
      r === undefined ? { law, fit: null, error: 'failed', predictions: [] } : { law, fit: fit(law, { k: 1 }), heldOut: { n: 1, rmsle: r }, predictions: [] },
    ),
    auto: { law: auto, reason: '' },
    warnings: [],
  };
}

test('benchmark summary: mean, median and wins per estimator, failures not counted, auto scored', () => {
  const v = summarizeBenchmark(
    'b.csv',
    [analysis({ m1: 0.3, m2: 0.1 }, 'm2'), analysis({ m1: 0.1, m2: 0.2 }, 'm2'), analysis({ m1: 0.2, m2: undefined }, 'm1')].map((a) => ({ analysis: a })),
    (l) => l.toUpperCase(),
    1.5,
    false,
  );
  assert.equal(v.curves, 3);
  const m1 = v.rows.find((r) => r.law === 'm1')!;
  const m2 = v.rows.find((r) => r.law === 'm2')!;
  assert.equal(m1.curves, 3);
  assert.ok(Math.abs(m1.meanRmsle - 0.2) < 1e-12);
  assert.equal(m1.medianRmsle, 0.2);
  assert.equal(m1.wins, 2);
  assert.equal(m2.curves, 2);
  assert.ok(Math.abs(m2.medianRmsle - 0.15) < 1e-12);
  assert.equal(m2.wins, 1);
  assert.deepEqual(v.rows.map((r) => r.law), ['m2', 'm1'], 'sorted by mean RMSLE');
  assert.equal(v.auto!.curves, 3);
  assert.ok(Math.abs(v.auto!.meanRmsle - (0.1 + 0.2 + 0.2) / 3) < 1e-12);
  assert.deepEqual(v.groups, [], 'no domains named: no per-domain tables');
});

test('benchmark summary per domain when the curves name more than one', () => {
  const scored = [
    { analysis: analysis({ m1: 0.3, m2: 0.1 }, 'm2'), group: 'NMT' },
    { analysis: analysis({ m1: 0.1, m2: 0.2 }, 'm2'), group: 'BB' },
    { analysis: analysis({ m1: 0.2, m2: 0.4 }, 'm1'), group: 'BB' },
  ];
  const v = summarizeBenchmark('b.csv', scored, (l) => l, 1, false);
  assert.deepEqual(v.groups.map((g) => [g.name, g.curves]), [['NMT', 1], ['BB', 2]]);
  const bb = v.groups[1];
  assert.deepEqual(bb.rows.map((r) => [r.law, Number(r.meanRmsle.toFixed(12)), r.wins]), [['m1', 0.15, 2], ['m2', 0.3, 0]]);
  assert.ok(Math.abs(bb.auto!.meanRmsle - (0.2 + 0.2) / 2) < 1e-12);
  // the pooled table is unchanged by grouping
  assert.equal(v.rows.find((r) => r.law === 'm2')!.curves, 3);
  // one domain, or a curve without one: no split
  assert.deepEqual(summarizeBenchmark('b.csv', scored.slice(1), (l) => l, 1, false).groups, []);
  assert.deepEqual(summarizeBenchmark('b.csv', [...scored, { analysis: scored[0].analysis }], (l) => l, 1, false).groups, []);
});

const line: Law = {
  id: 'm1',
  name: 'M1',
  formula: 'y = k/x',
  inputs: ['x'],
  params: [{ name: 'k', constraint: 'positive', description: '' }],
  minPoints: 2,
  predict: (p, x) => p['k']! / x,
  fit: () => fit('m1', {}),
};

const curveLaw: Law = { ...line, id: 'm2', name: 'M2', predict: (p, x) => p['k']! / x + 1 / 3 };

test('CSV export: one row per x, a column per estimator (fitted at the data, predicted at the target), its band as _lo/_hi; quoting where needed', () => {
  const a: CurveAnalysis = {
    fitPoints: [{ x: 1, y: 2 }, { x: 2, y: 1 }],
    heldOutPoints: [{ x: 4, y: 0.5 }],
    estimators: [
      { law: 'm1', fit: fit('m1', { k: 2 }), predictions: [{ x: 10, y: 0.2, lo: 0.1, hi: 0.3 }] },
      { law: 'm2', fit: fit('m2', { k: 2 }), predictions: [{ x: 10, y: 0.5333333333333333 }] },
    ],
    auto: { law: 'm1', reason: '' },
    warnings: [],
  };
  const lawOf = (id: string) => (id === 'm1' ? line : curveLaw);
  const csv = toCsv({ source: 's', xColumn: 'tokens', yColumn: 'loss', curves: [{ id: 'c', label: 'run "a", b', analysis: a }], lawOf });
  const lines = csv.trim().split('\n');
  // only m1 has a band: no empty m2_lo, m2_hi columns
  assert.equal(lines[0], 'curve,kind,tokens,loss,m1,m2,m1_lo,m1_hi');
  // the data as read; each law's fitted value to six significant digits (1/3 + 2: 2.33333)
  assert.equal(lines[1], '"run ""a"", b",fit,1,2,2,2.33333,,');
  assert.equal(lines[3], '"run ""a"", b",heldout,4,0.5,0.5,0.833333,,');
  // both laws' predictions at the target in one row, with m1's band
  assert.equal(lines[4], '"run ""a"", b",prediction,10,,0.2,0.533333,0.1,0.3');
  assert.equal(lines.length, 5, 'one row per x: 3 data points and 1 target');
});

test('CSV export of a long log: one row per point, not one per point and estimator; the data exactly as read', () => {
  const n = 5000;
  const points = Array.from({ length: n }, (_, i) => ({ x: (i + 1) * 4, y: 2 + 1 / Math.sqrt(i + 1) + 1e-3 * Math.sin(i) }));
  const laws = ['m1', 'm2', 'm3', 'm4', 'bnsl-0', 'bnsl-1', 'bnsl-2', 'mix', 'flat', 'loglin'];
  const a: CurveAnalysis = {
    fitPoints: points,
    heldOutPoints: [],
    estimators: laws.map((law) => ({ law, fit: fit(law, { k: 2 }), predictions: [{ x: 1e5, y: 2.01, lo: 1.9, hi: 2.1 }] })),
    auto: { law: 'm2', reason: '' },
    warnings: [],
  };
  const csv = toCsv({ source: 's', xColumn: 'step', yColumn: 'loss', curves: [{ id: 'c', label: 'run', analysis: a }], lawOf: () => curveLaw });
  const rows = csv.trim().split('\n').map((l) => l.split(','));
  assert.equal(rows.length, 1 + n + 1);
  assert.ok(rows.every((r) => r.length === rows[0]!.length), 'a rectangle');
  assert.deepEqual(rows.slice(1, -1).map((r) => Number(r[3])), points.map((p) => p.y));
  // a law's value carries six significant digits, not seventeen
  assert.ok(rows.slice(1).every((r) => r.slice(4, 4 + laws.length).every((v) => v.replace(/^0\.0*|\.|e.*$/g, '').length <= 6)), rows[1]!.join());
  // what that comes to: under 200 bytes a point with ten laws (the long form took 600 and more)
  assert.ok(csv.length / n < 200, `${(csv.length / n).toFixed(0)} bytes a point`);
});

test('JSON export carries parameters and turns non-finite numbers into null', () => {
  const a: CurveAnalysis = {
    fitPoints: [{ x: 1, y: 2 }],
    heldOutPoints: [],
    estimators: [{ law: 'm1', fit: fit('m1', { k: Infinity }), predictions: [] }],
    auto: null,
    warnings: [],
  };
  const doc = JSON.parse(toJson({ source: 's', xColumn: 'x', yColumn: 'y', curves: [{ id: 'c', label: 'l', analysis: a, config: { n_layer: 6, lr: 3e-4 } }], lawOf: () => line }));
  assert.deepEqual(doc.curves[0].config, { n_layer: 6, lr: 3e-4 }, "the run's config travels with its fit");
  assert.equal(doc.curves[0].estimators[0].params.k, null);
  assert.equal(doc.curves[0].estimators[0].formula, 'y = k/x');
});

test('PNG data URLs decode to bytes; anything else is refused', () => {
  assert.deepEqual([...pngBytes('data:image/png;base64,iVBORw0KGgo=')], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  assert.throws(() => pngBytes('data:text/html;base64,AAAA'), /PNG/);
});

test('plan view: the budget row, a frontier either side, N and D series and a budget marker', () => {
  const surface = { E: 1.7, A: 400, B: 400, alpha: 0.34, beta: 0.28 };
  const allocation = (s: typeof surface, flops: number) => {
    const N = Math.sqrt(flops / 6);
    return { flops, N, D: flops / 6 / N, tokensPerParam: 1, loss: s.E, warnings: [] };
  };
  const plan = buildPlan({
    surface,
    surfaceId: 'chinchilla',
    sourceLabel: 'preset',
    budget: 6e20,
    optimal: allocation,
    frontier: (s, from, to, n) => Array.from({ length: n }, (_, i) => allocation(s, from * Math.pow(to / from, i / (n - 1)))),
  });
  assert.equal(plan.budget.flops, 6e20);
  assert.equal(plan.budget.N, 1e10);
  assert.equal(plan.rows.length, 7);
  assert.equal(plan.rows[0]!.flops, 6e17);
  assert.ok(Math.abs(plan.rows[6]!.flops / 6e23 - 1) < 1e-12);
  assert.deepEqual(plan.chart.series.map((s) => s.role), ['frontier', 'frontier', 'budget', 'budget']);
  assert.equal(plan.chart.markers[0]!.x, 6e20);
  assert.deepEqual(plan.params, [['E', 1.7], ['A', 400], ['B', 400], ['alpha', 0.34], ['beta', 0.28]]);
});

const SURFACE = { E: 1.69, A: 406.4, B: 410.7, alpha: 0.34, beta: 0.28 };

/** An IsoFLOP sweep on SURFACE: 3 budgets, `sizes` sizes `step` apart in ln N around each optimum, 0.3% wiggle; run `bad` 50% too high. */
function isoflopSweep(sizes: number, step: number, bad?: number): { N: number[]; D: number[]; loss: number[] } {
  const N: number[] = [];
  const D: number[] = [];
  const loss: number[] = [];
  for (const C of [6e18, 6e19, 6e20]) {
    const centre = optimalAllocation(SURFACE, C).N;
    for (let j = 0; j < sizes; j++) {
      const n = centre * Math.exp((j - (sizes - 1) / 2) * step);
      N.push(n);
      D.push(C / (6 * n));
      loss.push(chinchillaLoss(SURFACE, n, C / (6 * n)) * (1 + 0.003 * Math.sin(7 * N.length)) * (N.length - 1 === bad ? 1.5 : 1));
    }
  }
  return { N, D, loss };
}

test('plan view of an IsoFLOP sweep: the profiles beside the surface (dashed lines, valleys chart, budget table, agreement note) and it passes the protocol', () => {
  const surface = SURFACE;
  const { N, D, loss } = isoflopSweep(5, 1);
  // a budget of 2 sizes: listed, left out
  N.push(1e9, 2e9);
  D.push(1e22 / 6e9, 1e22 / 1.2e10);
  loss.push(2.4, 2.35);
  const isoflop = isoflopPlanInputs({ N, D, loss }, 100, 1)!;
  assert.ok(isoflop && isoflop.intervals, 'an IsoFLOP design gets profiles with intervals');
  const plan = buildPlan({ surface, surfaceId: '/s.csv', sourceLabel: 'fitted', budget: 1e22, optimal: optimalAllocation, frontier, isoflop });
  const iso = plan.isoflop!;
  assert.equal(iso.rows.length, 4);
  assert.match(iso.rows[3]!.excluded ?? '', /2 sizes tried/);
  const range = iso.budget.intervals?.N;
  assert.ok(range && range[0] <= iso.budget.N && iso.budget.N <= range[1]);
  // the budget as the plan's table writes it ("1e22"), not "1.00e22"
  assert.match(iso.notes[0]!, /^At 1e22 FLOPs the profiles give [\d./]+×? the surface's N_opt/);
  assert.ok(iso.notes.some((n) => /1 of 4 budgets place no N_opt/.test(n)));
  assert.deepEqual(plan.chart.series.filter((s) => s.estimator === 'isoflop').map((s) => [s.id, s.role]), [['iso-N', 'extrapolation'], ['iso-D', 'extrapolation']]);
  // Approach 2's lines lie within a line's width of the surface's: a colour of their own, not only a dash
  const surfaceColors = new Set(plan.chart.series.filter((s) => s.estimator !== 'isoflop').map((s) => s.color));
  for (const s of plan.chart.series.filter((q) => q.estimator === 'isoflop')) assert.ok(!surfaceColors.has(s.color), `${s.id} in slot ${s.color}, as a surface series`);
  // per budget: its points; with a valley, the parabola and its lowest point too
  assert.equal(iso.chart.series[0]!.curve, 'C = 6e18');
  assert.deepEqual(iso.chart.series.map((s) => s.role), ['fit', 'curve', 'budget', 'fit', 'curve', 'budget', 'fit', 'curve', 'budget', 'fit']);
  const msg = validateToWebview(JSON.parse(JSON.stringify({ type: 'data', data: { title: 'Compute plan', source: '', curves: [], selected: [], tables: [], targetText: '', warnings: [], plan } })));
  assert.ok(msg.type === 'data' && msg.data.plan?.isoflop?.rows.length === 4);
  const bad = JSON.parse(JSON.stringify({ type: 'data', data: { title: 't', source: '', curves: [], selected: [], tables: [], targetText: '', warnings: [], plan } }));
  bad.data.plan.isoflop.exponentInterval = [0.4];
  assert.throws(() => validateToWebview(bad), /isoflop\.exponentInterval/);
  // the JSON export carries the profiles' numbers, not their chart
  const exported = JSON.parse(toJson({ source: '/s.csv', xColumn: '', yColumn: '', curves: [], lawOf: () => undefined, plan })).plan.isoflop;
  assert.equal(exported.exponent, iso.exponent);
  assert.equal(exported.rows.length, 4);
  assert.equal(exported.chart, undefined);
});

test('plan view with limited unique data: the constrained split beside the free one (dots on the frontier, intervals from the refits), saved with the panel', () => {
  const surface = { E: 1.69, A: 406.4, B: 410.7, alpha: 0.34, beta: 0.28 };
  const free = optimalAllocation(surface, 5.76e23);
  const draws = [0.98, 0.99, 1, 1.01, 1.02].map((k) => ({ ...surface, A: surface.A * k, B: surface.B / k }));
  const constrained = constrainedPlanInputs(surface, free.D / 10, draws);
  const plan = buildPlan({ surface, surfaceId: 'chinchilla', sourceLabel: 'preset', budget: 5.76e23, optimal: optimalAllocation, frontier, constrained });
  const c = plan.constrained!;
  assert.ok(c.epochs > 10 && c.N < free.N && c.excessLoss > 0, `epochs ${c.epochs}, N ${c.N}`);
  assert.equal(c.decaySource, 'published, Muennighoff et al. 2023');
  assert.ok(c.intervals && c.intervals.N[0] <= c.N && c.N <= c.intervals.N[1] && c.intervals.N[0] < c.intervals.N[1]);
  assert.deepEqual(plan.chart.series.filter((s) => s.estimator === 'constrained').map((s) => [s.id, s.points[0]!.y]), [['constrained-N', c.N], ['constrained-D', c.D]]);
  const data = { title: 'Compute plan', source: '', curves: [], selected: [], tables: [], targetText: '', warnings: [], plan };
  const msg = validateToWebview(JSON.parse(JSON.stringify({ type: 'data', data })));
  assert.ok(msg.type === 'data' && msg.data.plan?.constrained?.epochs === c.epochs);
  assert.deepEqual(panelStateOf(data).plan, { budget: '5.76e+23', surface: 'chinchilla', unique: String(free.D / 10) });
});

test("the plan's JSON export keeps what the panel says beside the numbers: its notes, the limited-data split and the loss asked for", () => {
  const surface = { E: 1.69, A: 406.4, B: 410.7, alpha: 0.34, beta: 0.28 };
  const free = optimalAllocation(surface, 5.76e23);
  const notes = ['left out 4 runs whose State is not finished (row 5: crashed): the last loss of a run that crashed or is still running is not its final loss', '5.76e23 FLOPs is 60× the compute of the largest run in runs.csv'];
  const constrained = constrainedPlanInputs(surface, free.D / 10, []);
  const plan = buildPlan({ surface, surfaceId: '/runs.csv', sourceLabel: 'fitted on runs.csv (26 runs)', budget: 5.76e23, targetLoss: 2.1, optimal: optimalAllocation, frontier, constrained, notes });
  const exported = JSON.parse(toJson({ source: '/runs.csv', xColumn: '', yColumn: '', curves: [], lawOf: () => undefined, plan })).plan;
  assert.deepEqual(exported.notes, notes);
  assert.equal(exported.targetLoss, 2.1);
  assert.equal(exported.constrained.epochs, plan.constrained!.epochs);
  assert.equal(exported.source, 'fitted on runs.csv (26 runs)');
  // a plan with nothing to note exports no empty list
  const quiet = buildPlan({ surface, surfaceId: 'chinchilla', sourceLabel: 'preset', budget: 1e21, optimal: optimalAllocation, frontier });
  assert.equal(JSON.parse(toJson({ source: '', xColumn: '', yColumn: '', curves: [], lawOf: () => undefined, plan: quiet })).plan.notes, undefined);
});

test('the IsoFLOP valleys chart draws a run left out as an outlier crossed, apart from its valley', () => {
  const surface = SURFACE;
  // the 10th run (the second budget's third size) 50% too high
  const { N, D, loss } = isoflopSweep(7, 0.5, 9);
  const isoflop = isoflopPlanInputs({ N, D, loss }, 50, 1)!;
  const plan = buildPlan({ surface, surfaceId: '/s.csv', sourceLabel: 'fitted', budget: 1e22, optimal: optimalAllocation, frontier, isoflop });
  const out = plan.isoflop!.chart.series.filter((s) => s.role === 'outlier');
  assert.deepEqual(out.map((s) => [s.id, s.points.length]), [['outliers-1', 1]]);
  assert.equal(out[0]!.points[0]!.x, N[9]);
  assert.equal(plan.isoflop!.chart.series.find((s) => s.id === 'points-1')!.points.length, 6);
});

test('a plan asked for a loss is saved as that question', () => {
  const surface = { E: 1.69, A: 406.4, B: 410.7, alpha: 0.34, beta: 0.28 };
  const plan = buildPlan({ surface, surfaceId: 'chinchilla', sourceLabel: 'preset', budget: 3e23, targetLoss: 2.1, optimal: optimalAllocation, frontier });
  assert.equal(plan.targetLoss, 2.1);
  const data = { title: 'Compute plan', source: '', curves: [], selected: [], tables: [], targetText: '', warnings: [], plan };
  assert.deepEqual(panelStateOf(data).plan, { budget: 'loss 2.1', surface: 'chinchilla' });
  assert.ok(validateToWebview(JSON.parse(JSON.stringify({ type: 'data', data }))));
});

test('plan view of a loss to reach while serving tokens: the inference-aware row, its dots at its own training compute, saved with the panel', () => {
  const surface = { E: 1.69, A: 406.4, B: 410.7, alpha: 0.34, beta: 0.28 };
  const inference = inferenceAwarePlan(surface, 2.1, 1e12);
  const plan = buildPlan({ surface, surfaceId: 'chinchilla', sourceLabel: 'preset', budget: computeForLoss(surface, 2.1).flops, targetLoss: 2.1, inference, optimal: optimalAllocation, frontier });
  const v = plan.inference!;
  assert.ok(v.N < plan.budget.N && v.saving > 0);
  assert.deepEqual(plan.chart.series.filter((s) => s.estimator === 'inference').map((s) => [s.id, s.points[0]!.x, s.points[0]!.y]), [['inference-N', v.trainingFlops, v.N], ['inference-D', v.trainingFlops, v.D]]);
  const data = { title: 'Compute plan', source: '', curves: [], selected: [], tables: [], targetText: '', warnings: [], plan };
  assert.deepEqual(panelStateOf(data).plan, { budget: 'loss 2.1', surface: 'chinchilla', inference: '1000000000000' });
  const msg = validateToWebview(JSON.parse(JSON.stringify({ type: 'data', data })));
  assert.ok(msg.type === 'data' && msg.data.plan?.inference?.saving === v.saving);
});

test("the plan's notification line: the budget's split, then the data-constrained, serving and IsoFLOP answers it has", () => {
  const surface = { E: 1.69, A: 406.4, B: 410.7, alpha: 0.34, beta: 0.28 };
  const free = optimalAllocation(surface, 5.76e23);
  const plain = buildPlan({ surface, surfaceId: 'chinchilla', sourceLabel: 'preset', budget: 5.76e23, optimal: optimalAllocation, frontier });
  assert.match(planSummary(plain), /^Scaling Lens: at 5\.76e23 FLOPs train N ≈ [\d.]+B parameters on D ≈ [\d.]+T tokens \([\d.]+ tokens\/param\), loss ≈ [\d.]+\.$/);
  const both = buildPlan({ surface, surfaceId: 'chinchilla', sourceLabel: 'preset', budget: computeForLoss(surface, 2.1).flops, targetLoss: 2.1, optimal: optimalAllocation, frontier, constrained: constrainedPlanInputs(surface, free.D / 10), inference: inferenceAwarePlan(surface, 2.1, 1e12) });
  assert.match(planSummary(both), /^Scaling Lens: to reach loss 2\.100 takes [\d.e]+ FLOPs: train N .* With [\d.]+B unique tokens: N ≈ .* passes over them, .* Serving 1T tokens after: N ≈ .*% less compute in all\.$/);
});

test("the plan's notification writes FLOPs as its table does, and a loss the surface cannot reach gets no 'use a preset' (W's walkthrough)", () => {
  const surface = { E: 1.69, A: 406.4, B: 410.7, alpha: 0.34, beta: 0.28 };
  const small = buildPlan({ surface, surfaceId: 'chinchilla', sourceLabel: 'preset', budget: 5e15, optimal: optimalAllocation, frontier });
  // it said "at 5P FLOPs" beside a table's 5e15
  assert.match(planSummary(small), /^Scaling Lens: at 5e15 FLOPs train/);
  let below: unknown;
  try {
    computeForLoss(surface, 1.5);
  } catch (err) {
    below = err;
  }
  assert.match(String(below), /at or below the surface's irreducible loss/);
  assert.equal(planErrorHint(below), undefined);
  assert.equal(planErrorHint(new Error('sweep.csv has no rows with both a parameter count (N) and a token count (D)')), 'Use a preset, or a sweep with N, D and loss columns.');
  // a sweep with N, D and loss whose fit implies no split (OPT's checkpoints: a degenerate limit) is told nothing about columns (walkthrough)
  let noPlan: unknown;
  try {
    sweepPlanSurface('s', 'opt.csv', { N: [1, 2], D: [1, 2], loss: [1, 2] }, { noPlan: 'no compute-optimal plan: the best fit is a degenerate limit' } as never);
  } catch (err) {
    noPlan = err;
  }
  assert.match(String(noPlan), /opt\.csv: no compute-optimal plan/);
  assert.equal(planErrorHint(noPlan), undefined);
});

test('a plan exports what the user asked and how far to trust it: the loss at 7B on 1T tokens, the back-test lines; CSV as a table, not an empty header', async () => {
  const { planForQuery } = await import('../../../src/extension/model/planForQuery');
  const { parsePlanQuery } = await import('../../../src/core/units');
  const surface = { E: 1.69, A: 406.4, B: 410.7, alpha: 0.34, beta: 0.28 };
  const draws = [0.98, 0.99, 1, 1.01, 1.02].map((k) => ({ ...surface, E: surface.E * k }));
  const trust = 'Fitted to the 11 runs up to 1e19 FLOPs, the surface predicted the 5 larger runs (up to 3e19, 3× further) within 0.4% on average (worst +1.2%).';
  const intervals = (budgets: readonly number[]) => budgets.map((c) => {
    const a = optimalAllocation(surface, c);
    return { N: [a.N * 0.9, a.N * 1.1] as const, D: [a.D * 0.9, a.D * 1.1] as const, loss: [a.loss - 0.01, a.loss + 0.01] as const };
  });
  const plan = planForQuery({ params: surface, id: '/s.csv', label: 'fitted on s.csv (16 runs)', draws, level: 0.95, intervals }, parsePlanQuery('7B params on 1T tokens'));
  const withTrust = { ...plan, trust, lawBackTests: { text: 'Back-tested on the 5 largest runs: Chinchilla 0.4%, kaplan-nd 4.7% mean error.' } };
  const ctx = { source: '/s.csv', xColumn: '', yColumn: '', curves: [], lawOf: () => undefined, plan: withTrust };
  const json = JSON.parse(toJson(ctx)).plan;
  assert.equal(json.point.loss, chinchillaLoss(surface, 7e9, 1e12));
  assert.deepEqual(json.point.lossInterval, plan.point!.lossInterval);
  assert.equal(json.trust, trust);
  assert.match(json.lawBackTests.text, /kaplan-nd 4\.7%/);
  const [head, asked, budget, ...frontierRows] = toCsv(ctx).trim().split('\n');
  assert.equal(head, 'kind,flops,N,D,tokens_per_param,loss,flops_lo,flops_hi,N_lo,N_hi,D_lo,D_hi,loss_lo,loss_hi');
  assert.match(asked!, new RegExp(`^asked,4\\.2e\\+22,7000000000,1000000000000,[\\d.]+,${Number(chinchillaLoss(surface, 7e9, 1e12).toPrecision(15))},,,,,,,[\\d.]+,[\\d.]+$`));
  assert.match(budget!, /^budget,4\.2e\+22,[\d.e+]+,[\d.e+]+,[\d.]+,[\d.]+,,,[\d.e+]+,[\d.e+]+,[\d.e+]+,[\d.e+]+,[\d.]+,[\d.]+$/);
  assert.equal(frontierRows.length, plan.rows.length);
  assert.ok(frontierRows.every((r) => r.startsWith('frontier,')));
  // the frontier's budgets as round as they are meant (4.2e+22, not 4.199999999999998e+22)
  assert.deepEqual(frontierRows.map((r) => r.split(',')[1]), plan.rows.map((r) => String(Number(r.flops.toPrecision(15)))));
  assert.ok(frontierRows.some((r) => r.split(',')[1] === '4.2e+22'));
});
