// `fit SWEEP --law chinchilla --bootstrap 200` (and the panel's Plan, which fits alike) on noisy
// sweeps of 1k, 10k and 100k runs: where the time goes, and the two bootstraps against how they
// ran before, in the same process. A 100k-row sweep took about 12 min: the IsoFLOP profiles' residual
// bootstrap judged every valley's runs by refitting its parabola without each in turn (m refits of m
// runs a budget, a pass per resample), and every surface refit learnt its curvature from scratch.
//   - surface: each resample's BFGS refit from the full fit, with the full fit's inverse Hessian
//     (now) against the scaled identity (before): same draws to ~1e-8;
//   - IsoFLOP: the leave-one-out residuals from each run's leverage, on designs worked out once
//     (now) against the m refits a valley (before: the judging alone, through today's fitParabola;
//     the whole `fit` with the code before is timed against today's in the commit that made this).
// Baselines on 100k rows run on fewer resamples and are scaled, as said in their lines.
//   npm run bench bootstrapRows [-- --rows 1000,10000]
import { chinchillaLoss, centre, fitChinchilla, surfaceLogData, toCentred, toVector, CHINCHILLA_DELTA, type ChinchillaParams } from '../src/core/laws/chinchilla';
import { huberLseObjective } from '../src/core/laws/chinchillaObjective';
import { minimize } from '../src/core/optim/bfgs';
import { mulberry32, normal, randomInt } from '../src/core/random';
import { bootstrapChinchilla, PLAN_RESAMPLES } from '../src/core/surfaceBootstrap';
import { fitIsoflop } from '../src/core/isoflop';
import { fitParabola, leaveOneOut, parabolaAt } from '../src/core/isoflopParabola';
import { budgetGroups, type IsoflopData } from '../src/core/isoflopBudgets';
import { bootstrapIsoflop } from '../src/core/isoflopBootstrap';
import { sweepBackTest } from '../src/core/surfaceBackTest';
import type { Observations } from '../src/core/types';
import { cpuTime } from './cpuTime';

const TRUTH: ChinchillaParams = { E: 1.817, A: 482.0, B: 2085.4, alpha: 0.3478, beta: 0.3658 };
const rowsAt = process.argv.indexOf('--rows');
const SIZES = rowsAt > 0 ? process.argv[rowsAt + 1]!.split(',').map(Number) : [1000, 10000, 100000];

/** `n` runs: compute log-uniform over 6e18…3e23, N log-uniform over 40M…16B, D = C/6N, 1.5% log-normal noise. */
function sweep(n: number, seed: number): Observations {
  const u = mulberry32(seed);
  const z = normal(u);
  const x = new Float64Array(n);
  const x2 = new Float64Array(n);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const C = Math.exp(Math.log(6e18) + u() * Math.log(5e4));
    x[i] = Math.exp(Math.log(4e7) + u() * Math.log(400));
    x2[i] = C / (6 * x[i]!);
    y[i] = chinchillaLoss(TRUTH, x[i]!, x2[i]!) * Math.exp(0.015 * z());
  }
  return { x, x2, y };
}

// CPU time of this process (the bench machine is shared), wall time beside it, in seconds
function time<T>(run: () => T): { value: T; s: number; wall: number } {
  const { value, ms, wallMs } = cpuTime(run);
  return { value, s: ms / 1000, wall: wallMs / 1000 };
}
const fmt = (r: { s: number; wall: number }, scale = 1) => `${(r.s * scale).toFixed(2)} s CPU${scale === 1 ? ` (${r.wall.toFixed(2)} s wall)` : ` (${r.s.toFixed(2)} s on 1/${scale} of the resamples, ×${scale})`}`;

/** The surface bootstrap's warm refits as before: the same draws of rows, BFGS from the full fit with no curvature given. */
function coldCurvatureDraws(obs: Observations, fitted: ChinchillaParams, resamples: number): Float64Array[] {
  const data = centre(surfaceLogData(obs));
  const n = obs.y.length;
  const weights = new Float64Array(n);
  const objective = huberLseObjective(data, CHINCHILLA_DELTA, weights);
  const uniform = mulberry32(1);
  const full = toCentred(toVector(fitted), data);
  const out: Float64Array[] = [];
  for (let r = 0; r < resamples; r++) {
    weights.fill(0);
    for (let k = 0; k < n; k++) weights[randomInt(uniform, n)] += 1;
    out.push(minimize(objective, full).x);
  }
  return out;
}

/** The IsoFLOP refit's judging as before: each valley of 5+ sizes refitted without each run. */
function refittedLeaveOneOut(data: IsoflopData, loss: ArrayLike<number>, groups: readonly (readonly number[])[]): number {
  let worst = 0;
  for (const rows of groups) {
    if (new Set(rows.map((i) => data.N[i])).size < 5) continue;
    const fast = leaveOneOut(data.N, loss, rows);
    rows.forEach((i, k) => {
      const p = fitParabola(data.N, loss, rows.filter((j) => j !== i));
      const slow = p ? loss[i]! - parabolaAt(p, data.N[i]!) : NaN;
      if (Number.isFinite(slow)) worst = Math.max(worst, Math.abs(fast[k]! - slow));
    });
  }
  return worst;
}

console.log(`fit --law chinchilla --bootstrap ${PLAN_RESAMPLES} on noisy sweeps (truth: Epoch replication law, 1.5% noise)`);
for (const n of SIZES) {
  const obs = sweep(n, 7);
  const data: IsoflopData = { N: obs.x, D: obs.x2!, loss: obs.y };
  const fit = time(() => fitChinchilla(obs));
  const surface = fit.value.surface;
  const backTest = time(() => sweepBackTest('chinchilla', obs, { seed: 1 }));
  const boot = time(() => bootstrapChinchilla(obs, surface, { resamples: PLAN_RESAMPLES, seed: 1 }));
  const baseResamples = n >= 100000 ? 20 : PLAN_RESAMPLES;
  const before = time(() => coldCurvatureDraws(obs, surface, baseResamples));
  const scale = PLAN_RESAMPLES / baseResamples;
  const isoFit = fitIsoflop(data);
  const iso = time(() => bootstrapIsoflop(data, isoFit, { resamples: PLAN_RESAMPLES, seed: 1 }));
  // a few resamples' judging as before, scaled to all: what the old IsoFLOP bootstrap spent most of its time on
  const groups = budgetGroups(data);
  const judgeReps = n >= 100000 ? 1 : n >= 10000 ? 5 : 50;
  refittedLeaveOneOut(data, obs.y, groups.slice(0, 3));
  const judge = time(() => Array.from({ length: judgeReps }, () => refittedLeaveOneOut(data, obs.y, groups))[0]!);
  const judgeScale = PLAN_RESAMPLES / judgeReps;
  // the same draws as before: the refits agree to the optimiser's tolerance
  const d = centre(surfaceLogData(obs));
  let maxDraw = 0;
  before.value.forEach((x, r) => {
    const now = toCentred(toVector(boot.value.draws[r]!), d);
    for (let k = 0; k < 5; k++) maxDraw = Math.max(maxDraw, Math.abs(now[k]! - x[k]!));
  });
  const total = fit.s + backTest.s + boot.s + iso.s;
  const totalBefore = fit.s + backTest.s + before.s * scale + judge.s * judgeScale + iso.s;
  console.log(`\n${n.toLocaleString('en')} runs (${isoFit.used} budgets placed by the IsoFLOP profiles)`);
  console.log(`  surface fit (4,500 starts${n > 1000 ? ', screened on 1,000 rows' : ''})   ${fmt(fit)}`);
  console.log(`  compute back-test (a refit)               ${fmt(backTest)}`);
  console.log(`  surface bootstrap, now                    ${fmt(boot)}   warm ${boot.value.warmRefits}, grid ${boot.value.gridRefits}, failed ${boot.value.failed}`);
  console.log(`  surface bootstrap, before (no curvature)  ${fmt(before, scale)}   → ×${((before.s * scale) / boot.s).toFixed(1)}; max |Δ| of a draw's [a, b, e, α, β] ${maxDraw.toExponential(1)}`);
  console.log(`  IsoFLOP bootstrap, now                    ${fmt(iso)}   failed ${iso.value.failed}`);
  console.log(`  IsoFLOP judging alone, by m refits        ${fmt(judge, judgeScale)} → ×${((judge.s * judgeScale) / iso.s).toFixed(0)}; leave-one-out residuals agree to ${judge.value.toExponential(1)}`);
  console.log(`  all four: now ${total.toFixed(1)} s, with the two bootstraps as before ${totalBefore.toFixed(1)} s CPU → ×${(totalBefore / total).toFixed(1)}`);
}
