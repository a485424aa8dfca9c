// Joint fit of the multi-power law over several runs (one parameter set for a model size and
// data), the authors' way: Huber (δ = 1e-3) on log residuals over every point of every run, starts
// from their initialisation grid (L0 around the lowest loss, A and α from a log–log regression of
// L − min + 0.01 on S1, B in 100–1000), then BFGS with analytic gradients from the best few grid
// points (the authors use Adam; a quasi-Newton method needs far fewer evaluations here).
import { minimize, type StopReason } from '../optim/bfgs';
import { mulberry32 } from '../random';
import { ScalingLensError } from '../types';
import { huber } from './huber';
import { MPL_DIM, mplEvaluate, mplFromTheta, mplToTheta, type MplParams } from './mpl';
import type { DropTerms } from './mplTerms';

/** Iterations each start gets before the best is chosen and polished. */
const SCOUT_ITERATIONS = 30;
/** Grid and scouts use every THIN-th point of each run. */
const THIN = 4;

/** Every k-th evaluation point of a run (and always its last), with its drop-term nodes. */
function thinRun(r: FitRun, k: number): FitRun {
  const t = r.terms;
  const n = t.s1.length;
  const keep: number[] = [];
  for (let i = k - 1; i < n; i += k) keep.push(i);
  if (keep[keep.length - 1] !== n - 1) keep.push(n - 1);
  const offsets = new Uint32Array(keep.length + 1);
  let total = 0;
  keep.forEach((i, j) => (offsets[j + 1] = total += t.offsets[i + 1] - t.offsets[i]));
  const weight = new Float64Array(total);
  const lnEta = new Float64Array(total);
  const lnS = new Float64Array(total);
  keep.forEach((i, j) => {
    weight.set(t.weight.subarray(t.offsets[i], t.offsets[i + 1]), offsets[j]);
    lnEta.set(t.lnEta.subarray(t.offsets[i], t.offsets[i + 1]), offsets[j]);
    lnS.set(t.lnS.subarray(t.offsets[i], t.offsets[i + 1]), offsets[j]);
  });
  return {
    terms: { steps: Float64Array.from(keep, (i) => t.steps[i]), s1: Float64Array.from(keep, (i) => t.s1[i]), offsets, weight, lnEta, lnS },
    y: keep.map((i) => r.y[i]),
  };
}

export interface FitRun {
  readonly terms: DropTerms;
  /** Observed loss at terms.steps. */
  readonly y: ArrayLike<number>;
}

export interface MplFitOptions {
  readonly seed?: number;
  /** BFGS runs from this many of the best grid points (plus a seeded jitter of the best). Default 3. */
  readonly starts?: number;
  readonly maxIterations?: number;
  /** Fit only these coordinates of θ (indices into MPL_NAMES); the others stay at `start`. */
  readonly free?: readonly number[];
  /** Start (and fixed values for coordinates not free); default: the initialisation grid. */
  readonly start?: MplParams;
}

export interface MplFit {
  readonly params: MplParams;
  /** Mean scaled Huber loss per point at the optimum. */
  readonly objective: number;
  readonly converged: boolean;
  readonly reason: StopReason;
  readonly iterations: number;
  readonly evaluations: number;
  /** How many starts' scouting runs ended within 1% of the best scout's objective (agreement among starts). */
  readonly startsAgreeing: number;
  readonly startsRun: number;
}

/** Scaled Huber objective over runs, with gradient in θ (full 7-vector). */
export function mplObjective(runs: readonly FitRun[]): (theta: Float64Array, grad: Float64Array | null) => number {
  const n = runs.reduce((a, r) => a + r.y.length, 0);
  const preds = runs.map((r) => new Float64Array(r.y.length));
  const jacs = runs.map((r) => new Float64Array(r.y.length * MPL_DIM));
  const dh = new Float64Array(1);
  return (theta, grad) => {
    const p = mplFromTheta(theta);
    let f = 0;
    if (grad) grad.fill(0);
    for (let k = 0; k < runs.length; k++) {
      const { terms, y } = runs[k];
      const pred = preds[k];
      const jac = jacs[k];
      mplEvaluate(terms, p, pred, grad ? jac : undefined);
      for (let i = 0; i < pred.length; i++) {
        if (!(pred[i] > 0)) return Infinity;
        const r = Math.log(y[i]) - Math.log(pred[i]);
        f += huber(r, dh);
        if (grad) {
          const c = -dh[0] / pred[i];
          for (let q = 0; q < MPL_DIM; q++) grad[q] += c * jac[i * MPL_DIM + q];
        }
      }
    }
    if (grad) for (let q = 0; q < MPL_DIM; q++) grad[q] /= n;
    return f / n;
  };
}

/** The authors' initialisation grid, in θ coordinates. */
export function mplInitGrid(runs: readonly FitRun[]): Float64Array[] {
  let minY = Infinity;
  for (const r of runs) for (let i = 0; i < r.y.length; i++) minY = Math.min(minY, r.y[i]);
  // log(L − min + 0.01) = log A − α log S1, least squares over every point
  let sx = 0, sy = 0, sxx = 0, sxy = 0, m = 0;
  for (const r of runs) {
    for (let i = 0; i < r.y.length; i++) {
      const x = Math.log(r.terms.s1[i]);
      const v = Math.log(r.y[i] - minY + 0.01);
      sx += x; sy += v; sxx += x * x; sxy += x * v; m++;
    }
  }
  const slope = (m * sxy - sx * sy) / (m * sxx - sx * sx);
  const alpha = Math.min(2, Math.max(0.05, -slope));
  const lnA = (sy + alpha * sx) / m;
  const out: Float64Array[] = [];
  for (const dL of [-0.2, -0.1, 0]) {
    for (const B of [100, 300, 1000]) {
      for (const C of [0.5, 2, 8]) {
        for (const beta of [0.3, 0.6]) {
          for (const gamma of [0.3, 0.6]) {
            out.push(Float64Array.of(minY + dL, lnA, Math.log(alpha), Math.log(B), Math.log(C), Math.log(beta), Math.log(gamma)));
          }
        }
      }
    }
  }
  return out;
}

export function fitMpl(runs: readonly FitRun[], opts: MplFitOptions = {}): MplFit {
  const npts = runs.reduce((a, r) => a + r.y.length, 0);
  if (npts < 8) throw new ScalingLensError('too-few-points', `the multi-power law needs at least 8 logged points to fit (got ${npts})`);
  for (const r of runs) for (let i = 0; i < r.y.length; i++) if (!(r.y[i] > 0)) throw new ScalingLensError('non-positive', `loss ${r.y[i]} at step ${r.terms.steps[i]}: the law fits positive losses`);
  // Optimised in φ: θ with ln C replaced by ln C − γ·ln η_ref (η_ref the largest η). Only
  // C·η^(−γ) matters while η stays near η_ref, so in θ the optimiser crawls along a curved
  // C–γ valley; in φ that valley is nearly a coordinate axis.
  let lnRef = -Infinity;
  for (const r of runs) for (const v of r.terms.lnEta) lnRef = Math.max(lnRef, v);
  if (!Number.isFinite(lnRef)) lnRef = 0;
  const toPhi = (t: Float64Array): Float64Array => {
    const phi = Float64Array.from(t);
    phi[4] = t[4] - Math.exp(t[6]) * lnRef;
    return phi;
  };
  const toTheta = (phi: Float64Array): Float64Array => {
    const t = Float64Array.from(phi);
    t[4] = phi[4] + Math.exp(phi[6]) * lnRef;
    return t;
  };
  // the grid and the scouting runs see every THIN-th point (4× cheaper; they only rank starts),
  // the polish sees them all
  const fullTheta = mplObjective(runs);
  const thinned = npts > 200 ? mplObjective(runs.map((r) => thinRun(r, THIN))) : fullTheta;
  let objective = thinned;
  const full = (phi: Float64Array, grad: Float64Array | null): number => {
    const v = objective(toTheta(phi), grad);
    if (grad) grad[6] += grad[4] * Math.exp(phi[6]) * lnRef;
    return v;
  };
  const free = opts.free ?? [0, 1, 2, 3, 4, 5, 6];
  const base = opts.start ? toPhi(mplToTheta(opts.start)) : undefined;
  // objective in the free coordinates only
  const x = new Float64Array(MPL_DIM);
  const g = new Float64Array(MPL_DIM);
  const embed = (z: Float64Array, from: Float64Array): void => {
    x.set(from);
    for (let k = 0; k < free.length; k++) x[free[k]] = z[k];
  };
  let anchor = base ?? new Float64Array(MPL_DIM);
  const f = (z: Float64Array, gz: Float64Array): number => {
    embed(z, anchor);
    const v = full(x, g);
    for (let k = 0; k < free.length; k++) gz[k] = g[free[k]];
    return v;
  };
  const candidates: Float64Array[] = base ? [base] : mplInitGrid(runs).map(toPhi);
  const scored = candidates.map((c) => ({ c, v: full(c, null) })).filter((s) => Number.isFinite(s.v)).sort((a, b) => a.v - b.v);
  if (scored.length === 0) throw new ScalingLensError('no-convergence', 'the multi-power law could not be evaluated at any start (check that losses and learning rates are positive)');
  const nStarts = Math.min(opts.starts ?? 3, scored.length);
  const starts = scored.slice(0, nStarts).map((s) => s.c);
  const rnd = mulberry32(opts.seed ?? 1);
  // seeded jitters of the best grid point: a multistart that is not only the grid
  for (let k = 0; k < (base ? 0 : 1); k++) starts.push(Float64Array.from(starts[0], (v, i) => (i === 0 ? v + 0.05 * (rnd() - 0.5) : v + 0.3 * (rnd() - 0.5))));
  // every start for a few dozen iterations, then only the best polished to convergence: the
  // starts that end up elsewhere are told apart long before they converge
  type Run = { theta: Float64Array; r: ReturnType<typeof minimize> };
  const run = (s: Float64Array, maxIterations: number): Run => {
    anchor = s;
    const z0 = Float64Array.from(free, (q) => s[q]);
    const r = minimize(f, z0, { maxIterations, gradTol: 1e-7, relTol: 1e-10 });
    evaluations += r.evaluations;
    embed(r.x, s);
    return { theta: Float64Array.from(x), r };
  };
  let evaluations = 0;
  const scouts = starts.map((s) => run(s, starts.length > 1 ? SCOUT_ITERATIONS : (opts.maxIterations ?? 400)));
  scouts.sort((a, b) => (Number.isFinite(a.r.f) ? a.r.f : Infinity) - (Number.isFinite(b.r.f) ? b.r.f : Infinity));
  let best = scouts[0];
  if (!best.r.converged || objective !== fullTheta) {
    objective = fullTheta;
    best = run(best.theta, opts.maxIterations ?? 400);
  }
  const finals = scouts.map((s) => s.r.f).filter((v) => Number.isFinite(v));
  const b = best;
  const agree = finals.filter((v) => Math.abs(v - finals[0]) <= 1e-2 * Math.max(Math.abs(finals[0]), 1e-12)).length;
  return {
    params: mplFromTheta(toTheta(b.theta)),
    objective: b.r.f,
    converged: b.r.converged,
    reason: b.r.reason,
    iterations: b.r.iterations,
    evaluations,
    startsAgreeing: agree,
    startsRun: starts.length,
  };
}
