// Does the sweep's compute back-test (core/surfaceBackTest.ts) say how far a surface fit can be
// trusted? On real checkpoints (OPT, 6 sizes × 15–36 checkpoints: N, tokens, loss = ln ppl) and
// the Epoch AI digitised Chinchilla IsoFLOP points: the sweep cut at a compute C (only the runs at
// or below it kept, as a user with a smaller sweep would have them) gets its own back-test line;
// then the same law fitted to all those runs is scored on the runs just above C, as far out as the
// back-test reached. Beside it E + A·C^−a, the naive baseline, on the same split. Nothing tuned.
import { readFileSync } from 'node:fs';
import { getLaw } from '../src/core/laws/index';
import { fitSweepSurface, observationsAt } from '../src/core/sweepSurface';
import { budgetsOf, frontierOf, surfaceBackTest, surfaceBackTestText } from '../src/core/surfaceBackTest';
import { compareSurfaceLaws, lawComparisonText, standInFor } from '../src/core/surfaceLawComparison';
import { optimalAllocation } from '../src/core/allocation';
import { kaplanOptimalAllocation } from '../src/core/kaplanAllocation';
import type { Observations } from '../src/core/types';

// as the panel and the CLI run it (a tenth of the grid of starts); FULL=1 for every start
const BACKTEST = { quick: !process.env.FULL };

const SIZE = { '125m': 125e6, '1.3b': 1.3e9, '6.7b': 6.7e9, '13b': 13e9, '30b': 30e9, '175b': 175e9 } as Record<string, number>;

function table(path: string): string[][] {
  return readFileSync(path, 'utf8').trim().split(/\r?\n/).map((l) => l.split(','));
}

function opt(): Observations {
  const [head, ...rows] = table('data/trajectories/opt_trajectories.csv');
  const c = (n: string): number => head.indexOf(n);
  return {
    x: Float64Array.from(rows, (r) => SIZE[r[c('model_size')]]!),
    x2: Float64Array.from(rows, (r) => 10 ** Number(r[c('num_token')])),
    y: Float64Array.from(rows, (r) => Math.log(Number(r[c('ppl')]))),
  };
}

function epoch(): Observations {
  const [head, ...rows] = table('test/fixtures/logformats/scaling_sweep_CNDloss.csv');
  const c = (n: string): number => head.indexOf(n);
  return { x: Float64Array.from(rows, (r) => Number(r[c('N')])), x2: Float64Array.from(rows, (r) => Number(r[c('D')])), y: Float64Array.from(rows, (r) => Number(r[c('loss')])) };
}

const flops = (o: Observations, i: number): number => 6 * o.x[i]! * o.x2![i]!;
const rowsWhere = (o: Observations, keep: (c: number) => boolean): number[] => Array.from(o.y, (_, i) => i).filter((i) => keep(flops(o, i)));
const pct = (e: number): string => `${(100 * e).toFixed(1)}%`;

function meanAbsError(pred: (i: number) => number, o: Observations, rows: readonly number[]): number {
  return rows.reduce((s, i) => s + Math.abs(pred(i) / o.y[i]! - 1), 0) / rows.length;
}

function check(name: string, o: Observations, law: string, cuts: readonly number[]): void {
  const t0 = performance.now();
  console.log(`\n${name}, ${law}: ${o.y.length} runs, ${Math.min(...Array.from(o.y, (_, i) => flops(o, i))).toExponential(1)}–${Math.max(...Array.from(o.y, (_, i) => flops(o, i))).toExponential(1)} FLOPs`);
  console.log(`  whole sweep: ${surfaceBackTestText(surfaceBackTest(law, o, BACKTEST))}`);
  for (const cut of cuts) {
    const below = observationsAt(o, rowsWhere(o, (c) => c <= cut));
    const bt = surfaceBackTest(law, below, BACKTEST);
    if ('reason' in bt) {
      console.log(`  cut at ${cut.toExponential(0)}: ${bt.reason}`);
      continue;
    }
    const reach = bt.heldFlops / bt.fitFlops;
    const above = rowsWhere(o, (c) => c > cut && c <= cut * reach);
    if (above.length === 0) continue;
    const spec = getLaw(law);
    const p = fitSweepSurface(law, below, { seed: 1 }).fit.params;
    const actual = meanAbsError((i) => spec.predict(p, o.x[i]!, o.x2![i]), o, above);
    // the baseline as the back-test has it: through the frontier (each shared budget's lowest run) of the runs kept, on that of the runs above
    const m2 = getLaw('m2');
    const budgets = budgetsOf(o);
    const fitFront = frontierOf(budgets, o, rowsWhere(o, (c) => c <= cut));
    const heldFront = frontierOf(budgets, o, above);
    let front = 'no shared budgets: no frontier';
    if (fitFront.length > m2.params.length && heldFront.length > 0) {
      const base = m2.fit({ x: Float64Array.from(fitFront, (i) => budgets[i]!), y: Float64Array.from(fitFront, (i) => o.y[i]!) }, { seed: 1 });
      front = `frontier, ${heldFront.length} runs: surface ${pct(meanAbsError((i) => spec.predict(p, o.x[i]!, o.x2![i]), o, heldFront))}, E+A·C^−a ${pct(meanAbsError((i) => m2.predict(base.params, budgets[i]!), o, heldFront))}`;
    }
    const f = bt.frontier;
    console.log(`  cut at ${cut.toExponential(0)} (${below.y.length} runs): own back-test ${pct(bt.meanAbsError)} at ${reach.toPrecision(2)}×${f ? ` (frontier: surface ${pct(f.surface)}, E+A·C^−a ${pct(f.baseline)})` : ''} → actual on the ${above.length} runs up to ${reach.toPrecision(2)}× past the cut: ${pct(actual)} (${front})`);
  }
  console.log(`  (${((performance.now() - t0) / 1000).toFixed(1)} s)`);
}

/**
 * The Plan's comparison of the surface laws (core/surfaceLawComparison.ts) at each cut, run as the
 * panel runs it (on the runs Chinchilla's fit kept): which law the rule points at, then each law's
 * surface fitted to the runs kept, the surfaces the two plans stand on, scored on the runs past the
 * cut (up to as far as the back-test reached, and all of them), and their plans at 10× the cut.
 */
function planChoice(name: string, o: Observations, cuts: readonly number[]): void {
  const t0 = performance.now();
  console.log(`\n${name}: the Plan's comparison of the surface laws`);
  for (const cut of cuts) {
    const below = observationsAt(o, rowsWhere(o, (c) => c <= cut));
    const chinchilla = fitSweepSurface('chinchilla', below, { seed: 1 });
    const kept = observationsAt(below, chinchilla.kept);
    // where Chinchilla's fit gives no plan, the comparison as the Plan runs it then: another law's plan in its place
    const c = compareSurfaceLaws(kept, { seed: 1 }, standInFor(chinchilla.noPlan, kept));
    const line = lawComparisonText(c) ?? 'no comparison';
    const held = c.backTests.find((t) => t.law === 'chinchilla')!.backTest;
    const reach = 'reason' in held ? 10 : held.heldFlops / held.fitFlops;
    const near = rowsWhere(o, (x) => x > cut && x <= cut * reach);
    const far = rowsWhere(o, (x) => x > cut);
    const kaplan = c.better?.law === 'kaplan-nd' ? c.better.params : fitSweepSurface('kaplan-nd', kept, { seed: 1 }).fit.params;
    const err = (law: string, p: Record<string, number>, rows: number[]): string => (rows.length ? pct(meanAbsError((i) => getLaw(law).predict(p, o.x[i]!, o.x2![i]), o, rows)) : '—');
    const at = (a: { N: number; D: number; loss: number }): string => `N ${a.N.toPrecision(2)}, D ${a.D.toPrecision(2)}, L ${a.loss.toFixed(3)}`;
    const points = c.better ? `${c.better.law}${c.better.chinchillaNoPlan ? ` (Chinchilla's fit gives no plan)` : ''}` : chinchilla.noPlan ? 'nothing (no plan)' : 'chinchilla (none clearly better)';
    console.log(`  cut at ${cut.toExponential(0)} (${kept.y.length} of ${below.y.length} runs kept): points at ${points}`);
    console.log(`    ${line}`);
    console.log(`    actual, on the ${near.length} runs up to ${reach.toPrecision(2)}× past the cut: Chinchilla's surface ${err('chinchilla', chinchilla.fit.params, near)}, kaplan-nd's ${err('kaplan-nd', kaplan, near)}; on all ${far.length} runs past it (to ${(Math.max(...far.map((i) => flops(o, i))) / cut).toPrecision(2)}×): ${err('chinchilla', chinchilla.fit.params, far)}, ${err('kaplan-nd', kaplan, far)}`);
    const chinchillaPlan = chinchilla.surface && !chinchilla.noPlan ? at(optimalAllocation(chinchilla.surface, 10 * cut)) : 'none';
    console.log(`    plans at ${(10 * cut).toExponential(0)} FLOPs: Chinchilla ${chinchillaPlan}; kaplan-nd ${at(kaplanOptimalAllocation(kaplan, 10 * cut))}`);
  }
  console.log(`  (${((performance.now() - t0) / 1000).toFixed(1)} s)`);
}

check('OPT checkpoints', opt(), 'chinchilla', [1e21, 3e21, 1e22, 3e22]);
check('OPT checkpoints', opt(), 'kaplan-nd', [1e21, 3e21, 1e22, 3e22]);
check('Epoch AI Chinchilla IsoFLOP points', epoch(), 'chinchilla', []);
// at 1e23 Chinchilla's fit of the runs kept is a degenerate limit: the Plan shows kaplan-nd's plan in its place
planChoice('OPT checkpoints', opt(), [1e21, 3e21, 1e22, 3e22, 1e23]);
// (the Epoch AI points are test/fixtures/workspace/sweep.csv: `allocate --from` on it gives their line)
