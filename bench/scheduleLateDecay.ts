// Why the run-alone forecast is low once it uses its own decay gain (core/schedule/forecastRunAlone.ts MEASURED_DECAY):
// the LR-annealing law's one memory λ, measured on the decaying lr-schedules runs, the cuts of
// bench/scheduleDecayOnset.bench.ts. Modes (argument):
//   oracle  the law fitted on each whole run (after warmup) per λ: its end's miss, gain and SSR
//   lambda  per cut: the forecast's end miss (and fitted full-decay gain) per fixed λ, λ chosen by
//           the prefix's SSR, and two memories 0.99 + 0.999; means over the cuts whose gain is used
//   pairs   two memories (λfast × λ) on those cuts, per size (choose on one size, read the other)
//   mpl     the multi-power law fitted on the prefix alone, beside λ = 0.999
// Figures: docs/benchmarks.md, Schedule-aware forecasts. The misses here differ from the forecast's own by up
// to 0.3 points (its LR grid is built on other steps); the comparisons are within this script.
//   npx tsx bench/scheduleLateDecay.ts lambda
import { cleanLrLog, runLr } from '../src/core/schedule/index';
import { decayShares } from '../src/core/schedule/decay';
import { fitPowerPlus } from '../src/core/schedule/linear';
import { annealingArea } from '../src/core/schedule/tissue';
import { knotIndex, type LrGrid } from '../src/core/schedule/grid';
import { fitMpl } from '../src/core/schedule/mplFit';
import { mplEvaluate } from '../src/core/schedule/mpl';
import { dropTerms } from '../src/core/schedule/mplTerms';
import { medianInPlace } from '../src/core/arrayStats';
import { decayCuts, decayWindow } from './decayCuts';
import { lrScheduleRuns } from './scheduleForecastEval';

const LAMBDAS = [0.98, 0.99, 0.995, 0.997, 0.998, 0.999, 0.9995];
const mode = process.argv[2] ?? 'lambda';
const pct = (v: number, d = 2) => `${v >= 0 ? '+' : ''}${(100 * v).toFixed(d)}`;
type Fit = { pred: number; gain: number; ssr: number };
function tissue(grid: LrGrid, steps: number[], y: number[], end: number, lambdas: number[]): Fit | undefined {
  const ev = [...steps, end];
  const s1 = Float64Array.from(ev, (t) => grid.cum[knotIndex(grid, t)]);
  const cols = lambdas.map((l) => Float64Array.from(annealingArea(grid, ev, l), (v) => -v));
  const n = steps.length;
  const r = fitPowerPlus(s1.subarray(0, n), y, cols.map((c) => c.subarray(0, n)));
  if (!r) return undefined;
  let pred = r.coef[0] + r.coef[1] * Math.pow(s1[n], -r.alpha);
  cols.forEach((c, k) => (pred += r.coef[2 + k] * c[n]));
  const peak = 3e-4;
  const gain = lambdas.reduce((g, l, k) => g + (r.coef[2 + k] * peak) / (1 - l), 0) / y[n - 1];
  return { pred, gain, ssr: r.ssr };
}
const agg = new Map<string, number[]>();
const add = (k: string, v: number) => (agg.get(k) ?? agg.set(k, []).get(k)!).push(v);
for (const r of lrScheduleRuns()) {
  const name = r.name.split('/')[1]!;
  const w = decayWindow(name);
  if (!w) continue;
  const last = r.steps.at(-1)!;
  const truth = medianInPlace(Float64Array.from(r.loss.filter((_, i) => r.steps[i] >= last * 0.99)));
  const fullGrid = runLr({ evalSteps: r.steps, schedule: r.schedule }).grid;
  const w0 = r.steps.findIndex((s) => s >= 2160);
  if (mode === 'oracle') {
    // the law fitted on the whole run (after warmup): how well does each λ fit the decay?
    const st = r.steps.slice(w0, -1), y = r.loss.slice(w0, -1);
    const out = LAMBDAS.map((l) => { const f = tissue(fullGrid, st, y, last, [l])!; return `λ${l}: end ${pct(f.pred / truth - 1)} gain ${pct(f.gain, 1)} ssr ${(f.ssr * 1e6).toFixed(1)}`; });
    const two = tissue(fullGrid, st, y, last, [0.99, 0.999])!;
    console.log(`${r.name} | ${out.join(' | ')} | two ${pct(two.pred / truth - 1)} ssr ${(two.ssr * 1e6).toFixed(1)}`);
    continue;
  }
  for (const { f, k } of decayCuts(r.steps, w)) {
    const cut = r.steps[k - 1]!;
    const seen = decayShares(fullGrid, [1, cut])[0]!;
    const ahead = decayShares(fullGrid, [cut, last])[0]!;
    if (k - w0 < 6) continue;
    const steps = r.steps.slice(w0, k), y = r.loss.slice(w0, k);
    const grid = runLr({ evalSteps: [...r.steps.slice(0, k), last], log: cleanLrLog({ steps: r.steps.slice(0, k), lr: r.lr.slice(0, k) }), schedule: r.schedule }).grid;
    const measured = seen >= 0.5 * ahead;
    const cells: string[] = [];
    const fits = LAMBDAS.map((l) => tissue(grid, steps, y, last, [l]));
    if (mode === 'lambda') {
      fits.forEach((ft) => { cells.push(ft ? `${pct(ft.pred / truth - 1)} (${pct(ft.gain, 1)})` : '—'); });
      const best = fits.reduce((b, ft, i) => (ft && (!fits[b] || ft.ssr < fits[b]!.ssr) ? i : b), 0);
      cells.push(`best λ ${LAMBDAS[best]} ${pct(fits[best]!.pred / truth - 1)}`);
      const two = tissue(grid, steps, y, last, [0.99, 0.999]);
      cells.push(`two ${two ? pct(two.pred / truth - 1) : '—'}`);
      if (measured) {
        LAMBDAS.forEach((l, i) => add(`${r.name.split('/')[0]} λ${l}`, fits[i]!.pred / truth - 1));
        add(`${r.name.split('/')[0]} bestλ`, fits[best]!.pred / truth - 1);
        if (two) add(`${r.name.split('/')[0]} two`, two.pred / truth - 1);
      }
    } else if (mode === 'pairs') {
      if (measured) for (const lf of [0.98, 0.985, 0.99, 0.993, 0.995, 0.997]) for (const ls of [0.998, 0.999, 0.9995, 0.9998]) {
        const two = tissue(grid, steps, y, last, [lf, ls]);
        if (two) add(`${r.name.split('/')[0]} ${lf}+${ls}`, two.pred / truth - 1);
      }
    } else if (mode === 'mpl') {
      const terms = dropTerms(grid, [...steps, last]);
      const pre = dropTerms(grid, steps);
      let e = '—';
      try {
        const m = fitMpl([{ terms: pre, y }], { seed: 1 });
        const out = new Float64Array(steps.length + 1);
        mplEvaluate(terms, m.params, out);
        e = pct(out[steps.length] / truth - 1);
        if (measured) add(`${r.name.split('/')[0]} mpl`, out[steps.length] / truth - 1);
      } catch {
        e = 'fail';
      }
      cells.push(`mpl ${e}`, `tissue.999 ${pct(fits[5]!.pred / truth - 1)}`);
      if (measured) add(`${r.name.split('/')[0]} λ0.999`, fits[5]!.pred / truth - 1);
    }
    console.log(`| ${r.name} | ${Math.round(100 * f)}% | ${cut} | seen ${(100 * seen).toFixed(1)} ahead ${(100 * ahead).toFixed(1)} ${measured ? 'M' : ' '} | ${cells.join(' | ')} |`);
  }
}
for (const [k, v] of agg) console.log(`${k}: n ${v.length} mean ${pct(v.reduce((a, b) => a + b, 0) / v.length)} mean|.| ${pct(v.reduce((a, b) => a + Math.abs(b), 0) / v.length)}`);
