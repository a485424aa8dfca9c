// Schedule-aware laws on the bundled lr-schedules runs (Luo et al. 2025): joint-fit and live-refit
// cost against the naive O(T²) evaluation measured in the same run, the authors' split figures,
// and the half-run forecast table beside the two naive baselines. CPU seconds (the machine is
// shared); no pass/fail.
import { cleanLrLog, fitScheduleLaw, forecastRun, predictLoss, relErr, runLr, type ScheduleFit } from '../src/core/schedule/index';
import { perStep } from '../src/core/schedule/grid';
import { mplEvaluate, mplNaive } from '../src/core/schedule/mpl';
import { fitMpl } from '../src/core/schedule/mplFit';
import { dropTerms } from '../src/core/schedule/mplTerms';
import { AUTHORS, FORECAST, rows, schedule, SIZES, TEST, TRAIN, type Size } from '../test/unit/schedule/lrData';

const cpu = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};
const pct = (v: number): string => `${(100 * v).toFixed(2)}%`;

const authorsSplit: Record<Size, [number, number]> = { '25M': [0.0011, 0.00409], '100M': [0.00142, 0.00583] };

for (const size of SIZES) {
  console.log(`\n--- ${size}`);
  const train = TRAIN.map((n) => rows(size, n));
  const c0 = cpu();
  const lrs = train.map((r) => runLr({ evalSteps: r.steps, log: cleanLrLog({ steps: r.steps, lr: r.lr }) }));
  const fr = train.map((r, k) => ({ terms: dropTerms(lrs[k].grid, r.steps), y: r.loss }));
  const c1 = cpu();
  const f = fitMpl(fr, { seed: 1 });
  const c2 = cpu();
  // one evaluation of the three training runs, fast and naive
  const out = train.map((r) => new Float64Array(r.steps.length));
  const reps = 20;
  const c3 = cpu();
  for (let k = 0; k < reps; k++) fr.forEach((x, i) => mplEvaluate(x.terms, f.params, out[i]));
  const fastEval = (cpu() - c3) / reps;
  const etas = lrs.map((l) => perStep(l.grid));
  const c4 = cpu();
  const naive = train.map((r, i) => mplNaive(f.params, etas[i], r.steps, 0));
  const naiveEval = cpu() - c4;
  let diff = 0;
  naive.forEach((v, i) => v.forEach((x, j) => (diff = Math.max(diff, Math.abs(x - out[i][j]) / x))));
  // upper bound of what the same search costs on naive evaluations (thinned ones counted in full)
  const evals = f.evaluations + 108;
  console.log(`joint fit, 3 training runs (${train.map((r) => r.steps.length).join('+')} points, 24k/24k/16k steps): ${(c2 - c1).toFixed(2)} s CPU + ${(c1 - c0).toFixed(2)} s precompute, ${f.evaluations} BFGS + 108 grid evaluations (grid and scouting starts on every 4th point), ${f.reason}`);
  console.log(`one objective evaluation: ours ${(1000 * fastEval).toFixed(2)} ms, naive O(T²) ${(1000 * naiveEval).toFixed(0)} ms (×${Math.round(naiveEval / fastEval)}; max rel. difference ${diff.toExponential(1)}); the same fit on naive evaluations ≈ ${(evals * naiveEval).toFixed(0)} s`);

  // the authors' split
  let mean = 0;
  let worst = 0;
  let aMean = 0;
  let aWorst = 0;
  const fit: ScheduleFit = { law: 'mpl', params: f.params };
  for (const name of TEST) {
    const r = rows(size, name);
    const lr = runLr({ evalSteps: r.steps, log: cleanLrLog({ steps: r.steps, lr: r.lr }) });
    const e = relErr(r.loss, predictLoss(fit, lr.grid, r.steps));
    const a = relErr(r.loss, predictLoss({ law: 'mpl', params: AUTHORS[size] }, lr.grid, r.steps));
    mean += e.meanRelErr / 6;
    worst += e.maxRelErr / 6;
    aMean += a.meanRelErr / 6;
    aWorst += a.maxRelErr / 6;
  }
  console.log(`authors' split, test six (mean rel. err / mean of per-run worst): ours ${mean.toFixed(5)} / ${worst.toFixed(5)}; authors (published) ${authorsSplit[size][0].toFixed(5)} / ${authorsSplit[size][1].toFixed(5)}; their parameters in our evaluation ${aMean.toFixed(5)} / ${aWorst.toFixed(5)}`);
  const tissue = fitScheduleLaw(train.map((r, k) => ({ name: TRAIN[k], steps: r.steps, loss: r.loss, lr: cleanLrLog({ steps: r.steps, lr: r.lr }) })), 'tissue');
  let tMean = 0;
  let tWorst = 0;
  for (const name of TEST) {
    const r = rows(size, name);
    const lr = runLr({ evalSteps: r.steps, log: cleanLrLog({ steps: r.steps, lr: r.lr }) });
    const e = relErr(r.loss, predictLoss(tissue.fit, lr.grid, r.steps));
    tMean += e.meanRelErr / 6;
    tWorst += e.maxRelErr / 6;
  }
  console.log(`LR-annealing law (Tissue, λ = 0.999) on the same split: ${tMean.toFixed(5)} / ${tWorst.toFixed(5)}`);

  // half-run forecasts
  console.log('half-run forecast, final-loss error (95% interval covers the truth?):');
  console.log('  run                  truth    prior+refit              prior alone  no prior                 power law in steps  last value');
  const sums = [0, 0, 0, 0, 0];
  let covered = 0;
  let coveredOwn = 0;
  let liveCpu = 0;
  for (const name of FORECAST) {
    const r = rows(size, name);
    const k = Math.floor(r.steps.length / 2);
    const last = r.steps.length - 1;
    const truth = r.loss[last];
    const req = { steps: r.steps.slice(0, k), loss: r.loss.slice(0, k), lr: { steps: r.steps.slice(0, k), lr: r.lr.slice(0, k) }, schedule: schedule(name) };
    const t0 = cpu();
    const wp = forecastRun({ ...req, prior: fit });
    liveCpu += cpu() - t0;
    const own = forecastRun(req);
    const near = (c: { step: number; y: number; lo: number; hi: number }[]) => c.reduce((b, p) => (Math.abs(p.step - r.steps[last]) < Math.abs(b.step - r.steps[last]) ? p : b));
    const a = near(wp.curve);
    const b = near(own.curve);
    const full = runLr({ evalSteps: [r.steps[last]], schedule: schedule(name) });
    const alone = predictLoss(fit, full.grid, [r.steps[last]])[0];
    const errs = [a.y, alone, b.y, wp.powerLaw.final.y, r.loss[k - 1]].map((y) => (y - truth) / truth);
    errs.forEach((e, i) => (sums[i] += Math.abs(e) / FORECAST.length));
    const inA = a.lo <= truth && truth <= a.hi;
    const inB = b.lo <= truth && truth <= b.hi;
    covered += inA ? 1 : 0;
    coveredOwn += inB ? 1 : 0;
    const cell = (e: number, lo?: number, hi?: number, inside?: boolean): string => (lo === undefined ? pct(e) : `${pct(e)} [${pct((lo - truth) / truth)}, ${pct((hi! - truth) / truth)}]${inside ? ' ✓' : ' ✗'}`).padEnd(25);
    console.log(`  ${name.padEnd(19)}  ${truth.toFixed(4)}  ${cell(errs[0], a.lo, a.hi, inA)}${cell(errs[1]).slice(0, 13)}${cell(errs[2], b.lo, b.hi, inB)}${cell(errs[3]).slice(0, 20)}${pct(errs[4])}`);
  }
  console.log(`  mean |error|: prior+refit ${pct(sums[0])}, prior alone ${pct(sums[1])}, no prior ${pct(sums[2])}, power law in steps ${pct(sums[3])}, last value ${pct(sums[4])}; intervals cover ${covered}/3 (prior), ${coveredOwn}/3 (no prior)`);
  console.log(`  live refit (forecast with prior incl. precompute, 200-resample band): ${(1000 * liveCpu / FORECAST.length).toFixed(0)} ms CPU per run`);
}
