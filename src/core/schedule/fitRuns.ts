// Fitting a schedule law over finished runs, from their logs: each run's LR grid (logged η and/or
// schedule), the joint fit, each run's fit quality and approximate parameter intervals.
import { ScalingLensError } from '../types';
import { gaussNewtonIntervals } from './intervals';
import { runLr, type CleanLr } from './lrSeries';
import { MPL_DIM, MPL_NAMES, mplEvaluate, type MplParams } from './mpl';
import { fitMpl, type FitRun } from './mplFit';
import { dropTerms } from './mplTerms';
import { relErr, type RelErr } from './predict';
import type { ScheduleFit, ScheduleLaw } from './prior';
import type { Schedule } from './schedule';
import { fitPowerPlus } from './linear';
import { TISSUE_LAMBDA, tissueEvaluate, tissueTerms, type TissueParams, type TissueTerms } from './tissue';

export interface ScheduleRun {
  readonly name: string;
  readonly steps: readonly number[];
  readonly loss: readonly number[];
  readonly lr?: CleanLr;
  readonly schedule?: Schedule;
}

export interface ScheduleLawFit {
  readonly fit: ScheduleFit;
  readonly intervals: Record<string, [number, number]>;
  readonly converged: boolean;
  readonly reason: string;
  readonly runs: (RelErr & { readonly name: string })[];
  readonly warnings: string[];
}

function checkRun(r: ScheduleRun): void {
  for (let i = 0; i < r.steps.length; i++) {
    if (!(r.loss[i] > 0)) throw new ScalingLensError('non-positive', `${r.name}: loss ${r.loss[i]} at step ${r.steps[i]}; the schedule laws fit positive losses`);
    if (i > 0 && !(r.steps[i] > r.steps[i - 1])) throw new ScalingLensError('bad-argument', `${r.name}: step goes back from ${r.steps[i - 1]} to ${r.steps[i]} (a restarted or resumed run?)`);
  }
}

export function fitScheduleLaw(input: readonly ScheduleRun[], law: ScheduleLaw = 'mpl', seed = 1): ScheduleLawFit {
  if (input.length === 0) throw new ScalingLensError('too-few-points', 'no runs to fit');
  const warnings: string[] = [];
  // a loss logged before the first update (step 0) is outside the laws (S1 = 0)
  const runs = input.map((r) => {
    if (r.steps[0] !== 0) return r;
    warnings.push(`${r.name}: skipped the loss logged at step 0 (before the first update)`);
    return { ...r, steps: r.steps.slice(1), loss: r.loss.slice(1) };
  });
  runs.forEach(checkRun);
  const grids = runs.map((r) => {
    const lr = runLr({ evalSteps: r.steps, log: r.lr, schedule: r.schedule });
    warnings.push(...lr.warnings.map((w) => `${r.name}: ${w}`));
    return lr.grid;
  });
  const starts: number[] = [];
  let n = 0;
  for (const r of runs) {
    starts.push(n);
    n += r.steps.length;
  }
  if (law === 'mpl') {
    const fr: FitRun[] = runs.map((r, k) => ({ terms: dropTerms(grids[k], r.steps), y: r.loss }));
    const decays = runs.some((r, k) => grids[k].eta.some((v, j) => j > 0 && v < grids[k].eta[j - 1] * 0.99 && r.steps.length > 0));
    if (!decays) warnings.push('no run has a learning-rate decay: the drop term (B, C, β, γ) is not identified; fit runs with decaying schedules too');
    const f = fitMpl(fr, { seed });
    const p = f.params;
    const jac = new Float64Array(n * MPL_DIM);
    const resid = new Float64Array(n);
    const perRun = runs.map((r, k) => {
      const pred = new Float64Array(r.steps.length);
      const j = new Float64Array(r.steps.length * MPL_DIM);
      mplEvaluate(fr[k].terms, p, pred, j);
      // θ-coordinates (L0, ln A, ln α, …) → natural units, and ∂r/∂p = −(∂L/∂p)/L
      const nat = [1, p.A, p.alpha, p.B, p.C, p.beta, p.gamma];
      for (let i = 0; i < pred.length; i++) {
        resid[starts[k] + i] = Math.log(r.loss[i]) - Math.log(pred[i]);
        for (let q = 0; q < MPL_DIM; q++) jac[(starts[k] + i) * MPL_DIM + q] = -j[i * MPL_DIM + q] / nat[q] / pred[i];
      }
      return { name: r.name, ...relErr(r.loss, pred) };
    });
    const values = MPL_NAMES.map((k) => p[k as keyof MplParams]);
    const iv = gaussNewtonIntervals(jac, resid, MPL_DIM, starts, values, [false, true, true, true, true, true, true]);
    const intervals: Record<string, [number, number]> = {};
    if (iv) MPL_NAMES.forEach((k, q) => (intervals[k] = iv[q]));
    if (!f.converged) warnings.push(`the fit did not converge (${f.reason}); the parameters are the best found`);
    return { fit: { law: 'mpl', params: p }, intervals, converged: f.converged, reason: `${f.reason}; ${f.startsAgreeing} of ${f.startsRun} starts agree`, runs: perRun, warnings };
  }
  // Tissue: pooled over runs, linear given α
  const terms: TissueTerms[] = runs.map((r, k) => tissueTerms(grids[k], r.steps));
  const s1 = new Float64Array(n);
  const negS2 = new Float64Array(n);
  const y = new Float64Array(n);
  runs.forEach((r, k) => {
    for (let i = 0; i < r.steps.length; i++) {
      s1[starts[k] + i] = terms[k].s1[i];
      negS2[starts[k] + i] = -terms[k].s2[i];
      y[starts[k] + i] = r.loss[i];
    }
  });
  const identified = negS2.some((v) => v !== 0);
  const lf = fitPowerPlus(s1, y, identified ? [negS2] : []);
  if (!lf) throw new ScalingLensError('no-convergence', 'the LR-annealing law could not be fitted (singular: too few distinct points?)');
  if (!identified) warnings.push('no run has a learning-rate decay: the annealing coefficient C is not identified (held at 0)');
  const p: TissueParams = { L0: lf.coef[0], A: lf.coef[1], alpha: lf.alpha, C: identified ? lf.coef[2] : 0, lambda: TISSUE_LAMBDA };
  const np = identified ? 4 : 3;
  const jac = new Float64Array(n * np);
  const resid = new Float64Array(n);
  const perRun = runs.map((r, k) => {
    const pred = new Float64Array(r.steps.length);
    tissueEvaluate(terms[k], p, pred);
    for (let i = 0; i < pred.length; i++) {
      const o = starts[k] + i;
      const pw = Math.pow(terms[k].s1[i], -p.alpha);
      resid[o] = Math.log(r.loss[i]) - Math.log(pred[i]);
      jac[o * np] = -1 / pred[i];
      jac[o * np + 1] = -pw / pred[i];
      jac[o * np + 2] = (p.A * Math.log(terms[k].s1[i]) * pw) / pred[i];
      if (identified) jac[o * np + 3] = terms[k].s2[i] / pred[i];
    }
    return { name: r.name, ...relErr(r.loss, pred) };
  });
  const iv = gaussNewtonIntervals(jac, resid, np, starts, [p.L0, p.A, p.alpha, p.C], [false, true, true, p.C > 0]);
  const intervals: Record<string, [number, number]> = {};
  if (iv) ['L0', 'A', 'alpha', 'C'].slice(0, iv.length).forEach((k, q) => (intervals[k] = iv[q]));
  return { fit: { law: 'tissue', params: p }, intervals, converged: true, reason: 'exact in L0, A, C; α by golden-section search', runs: perRun, warnings };
}
