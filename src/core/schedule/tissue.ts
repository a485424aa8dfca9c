// LR-annealing law (Tissue et al., 2024): L(s) = L0 + A·S1(s)^(−α) − C·S2(s), S2 = Σ_{i≤s} m_i,
// m_i = λ·m_{i−1} + (η_{i−1} − η_i). λ is fixed at the paper's 0.999 (a fitted λ is poorly
// identified on one run). The warmup ramp is left out of S2 (its η increase would count as
// negative annealing), as the authors do. Four parameters, linear given α: fittable on one run.
// λ alone decides how much of a decay is realised by its end, and so how far apart two cooldown
// shapes end: over 4,000 steps an exp decay realises 88% of its gain, a linear one 75%. The bundled
// lr-schedules runs that ran both differ by 0.03–0.07%, a tenth of the 0.4% this puts between them.
// Their training splits' least squares is λ = 0.997 at both sizes (a third of the gap), but that
// realises 92–97% of any such decay: forecast before their cooldown with their own size's gain, the
// WSD runs' ends are then 0.38% / 1.05% low on average (25M / 100M; 0.16% / 0.61% off at 0.999).
// One step-clocked memory cannot give both the small gap and the partial gain. The
// multi-power law can (mpl.ts: gap 0.0007 and 0.0013 in loss for the runs' 0.0010 and 0.0021):
// bench/schedule.bench.ts, bench/scheduleShapes.ts.
import { perStep, knotIndex, type LrGrid } from './grid';
import { fitPowerPlus } from './linear';

export const TISSUE_LAMBDA = 0.999;

export interface TissueParams {
  readonly L0: number;
  readonly A: number;
  readonly alpha: number;
  readonly C: number;
  readonly lambda: number;
  /** A second, faster memory of the decay, − Cfast·S2(λfast): the run-alone forecast's once its decay is measured (twoMemory.ts). */
  readonly Cfast?: number;
  readonly lambdaFast?: number;
}

export interface TissueTerms {
  readonly steps: Float64Array;
  readonly s1: Float64Array;
  readonly s2: Float64Array;
  /** S2 with the faster memory, when the law has one. */
  readonly s2fast?: Float64Array;
}

/** S1 and S2 at the evaluation steps (knots of the grid), and S2 with a second memory when given. */
export function tissueTerms(g: LrGrid, evalSteps: ArrayLike<number>, lambda = TISSUE_LAMBDA, lambdaFast?: number): TissueTerms {
  const s1 = Float64Array.from(evalSteps, (t) => g.cum[knotIndex(g, t)]);
  const s2fast = lambdaFast === undefined ? undefined : annealingArea(g, evalSteps, lambdaFast);
  return { steps: Float64Array.from(evalSteps), s1, s2: annealingArea(g, evalSteps, lambda), ...(s2fast ? { s2fast } : {}) };
}

/** S2 at each of `evalSteps` (whole steps, any order): the η drops after the warmup ramp summed with momentum λ. */
export function annealingArea(g: LrGrid, evalSteps: ArrayLike<number>, lambda = TISSUE_LAMBDA): Float64Array {
  const eta = perStep(g);
  const n = evalSteps.length;
  const s2 = new Float64Array(n);
  let ramp = 0;
  while (ramp + 1 < eta.length && eta[ramp + 1] > eta[ramp]) ramp++;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => evalSteps[a] - evalSteps[b]);
  let m = 0;
  let S2 = 0;
  let s = 0;
  for (const i of order) {
    const t = evalSteps[i];
    for (; s < t; ) {
      s++;
      m = s > ramp ? lambda * m + (eta[s - 1] - eta[s]) : 0;
      S2 += m;
    }
    s2[i] = S2;
  }
  return s2;
}

export function tissueEvaluate(t: TissueTerms, p: TissueParams, out: Float64Array): void {
  const cf = p.Cfast ?? 0;
  for (let i = 0; i < out.length; i++) out[i] = p.L0 + p.A * Math.pow(t.s1[i], -p.alpha) - p.C * t.s2[i] - (cf !== 0 ? cf * t.s2fast![i] : 0);
}

/** Fits on one run (or the pooled points of several); C is held at 0 when the LR never decays. */
export function fitTissue(t: TissueTerms, y: ArrayLike<number>, w?: ArrayLike<number>): { params: TissueParams; annealingIdentified: boolean } | undefined {
  const span = t.s2.reduce((a, v) => Math.max(a, Math.abs(v)), 0);
  const identified = span > 1e-3 * t.s1.reduce((a, v) => Math.max(a, v), 0);
  const negS2 = Float64Array.from(t.s2, (v) => -v);
  const r = fitPowerPlus(t.s1, y, identified ? [negS2] : [], w);
  if (!r) return undefined;
  return { params: { L0: r.coef[0], A: r.coef[1], alpha: r.alpha, C: identified ? r.coef[2] : 0, lambda: TISSUE_LAMBDA }, annealingIdentified: identified };
}
