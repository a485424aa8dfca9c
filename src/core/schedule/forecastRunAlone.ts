// The schedule forecast without a prior (forecast.ts): the LR-annealing law on the run's prefix, its
// decay's gain measured (one memory, or two once the decay is) or assumed.
import { maxOf } from '../arrayStats';
import { ScalingLensError } from '../types';
import { offsetPowerRefit, powerRefit, type Refit } from './forecastBand';
import type { ForecastRequest, ScheduleForecast } from './forecastTypes';
import { fitPowerPlus } from './linear';
import { etaAt, type LrGrid } from './grid';
import { decayAhead, decayShares, NO_DECAY, REHEARSED_DECAY } from './decay';
import { fitTissue, TISSUE_LAMBDA, tissueTerms, type TissueParams } from './tissue';
import { fastMemorySd, fullDecaySd } from './gainError';
import { fastMemoryShown, fullDecayCoefficient, MEASURED_LAMBDA, MEASURED_LAMBDA_FAST } from './twoMemory';

/**
 * Without a prior and before any decay, the run cannot say what its decay will gain; zero (the
 * power law alone) is the one value known to be wrong. Assumed instead: a decay from the peak to 0
 * gains this fraction of the current loss, in the LR-annealing law's own form (C·S2 with S2 → Δη/(1−λ)).
 * Measured on the bundled runs as the training split's LR-annealing fit, C·η_peak/(1−λ)/L: 25M
 * 0.036, 100M 0.048; the mean is shipped, and the bench forecasts each size with the other's value.
 */
export const ANNEAL_GAIN = 0.042;
/**
 * A full decay's gain fitted above this share of the loss is the fit running away on a prefix that
 * has seen little decay (Mamba from a quarter of its cosine: 200%), not a measurement: the assumed
 * ANNEAL_GAIN is used instead. Six times the typical gain; a stated bound, not tuned.
 */
export const MAX_MEASURED_GAIN = 0.25;

/**
 * Without a prior, a gain fitted on the prefix is used only once the decay it was fitted on is at
 * least this share of the decay still ahead (both as decay.ts measures them, shares of a full
 * decay's S2). The gain is carried over the decay ahead, and the law's form of the response (one
 * memory λ, tissue.ts) is its assumption, not the run's: fitted on a decay's first steps the gain
 * is many standard errors from 0 yet several times the one the same run settles to (25M WSD from
 * 20,320: 17% ± 1.5%, then 9.4%, 5.4%, 4.1% as the decay goes on; bench scheduleDecayOnset), a
 * bias no standard error shows. Carried over more than twice the decay it was measured on, it is
 * not a measurement of that decay: the own-history line's factor-2 bound (REHEARSED_DECAY), not tuned.
 * Picked from ¼, ⅓, ½, 1 with each schedule family left out (bench/scheduleFamilyOut.ts), ¼ wins
 * every time (0.59% over the 84 decay-onset cuts against ½'s 0.61%), yet ½ stays: ¼ moves 12 cuts,
 * 8 nearer the end and 4 further (the 100M two-stage runs by 0.5–1 point), a gain within their scatter.
 */
export const MEASURED_DECAY = REHEARSED_DECAY;
/**
 * Without a prior, a gain fitted on the prefix is used only once at least this many of its losses
 * were logged in the decay (a share NO_DECAY of a full decay seen by their step). One loss alone
 * has the decay coefficient to itself: the fit passes through it whatever its noise, and nothing
 * checks the gain. The decay share (MEASURED_DECAY) does not see it: a two-stage run's drop is
 * half the decay ahead within a few hundred steps, and an eval every 500 steps has logged one loss
 * in it by then (its forecasts from 800 steps past the switch 1.8–2.8% low, outside their bands;
 * `npx tsx bench/scheduleSparseVal.ts`). A per-step log has dozens by then. Stated, not tuned.
 */
export const MIN_DECAY_LOSSES = 2;

/** How many of the prefix's first `n` steps come after the decay began (NO_DECAY of a full decay seen since step 1). */
function lossesInDecay(g: LrGrid, steps: readonly number[], n: number): number {
  const shares = decayShares(g, [1, ...steps.slice(0, n).map(Math.round)]);
  let seen = 0;
  let count = 0;
  for (const s of shares) {
    seen += s;
    if (seen >= NO_DECAY) count++;
  }
  return count;
}

/**
 * Share of the peak LR still to be removed after the prefix's last step, or the decay the loss has
 * still to answer there (decay.ts), when more: a two-stage run logged just past its switch has no
 * η left to remove, but most of its drop's gain still to come.
 */
function unseenDecay(g: LrGrid, steps: readonly number[], n: number, out: Float64Array): void {
  const peak = Math.max(0, maxOf(g.eta));
  if (!(peak > 0)) return;
  const now = etaAt(g, steps[n - 1]);
  const pending = decayShares(g, steps.slice(n - 1).map(Math.round));
  let answered = 0;
  for (let j = n; j < steps.length; j++) {
    answered += Math.max(0, pending[j - n]!);
    out[j] = Math.max(Math.max(0, now - etaAt(g, steps[j])) / peak, answered);
  }
}

/**
 * The run-alone law once its decay is measured: the decay answered with two memories
 * (twoMemory.ts); undefined when singular or when the prefix does not show the fast memory.
 */
function twoMemoryFit(grid: LrGrid, steps: readonly number[], y: Float64Array, [lambdaFast, lambda]: readonly [number, number]): { refit: Refit; params: TissueParams; sd: number } | undefined {
  const n = y.length;
  const t = tissueTerms(grid, steps, lambda, lambdaFast);
  const cols = [Float64Array.from(t.s2, (v) => -v), Float64Array.from(t.s2fast!, (v) => -v)];
  const r = fitPowerPlus(t.s1.subarray(0, n), y, cols.map((c) => c.subarray(0, n)));
  if (!r) return undefined;
  const params: TissueParams = { L0: r.coef[0]!, A: r.coef[1]!, alpha: r.alpha, C: r.coef[2]!, lambda, Cfast: r.coef[3]!, lambdaFast };
  const prefix = { steps: t.steps.subarray(0, n), s1: t.s1.subarray(0, n), s2: t.s2.subarray(0, n), s2fast: t.s2fast!.subarray(0, n) };
  if (!fastMemoryShown(params.Cfast!, fastMemorySd(prefix, y, params))) return undefined;
  return { refit: powerRefit(t.s1, cols), params, sd: fullDecaySd(prefix, y, params) };
}

/** Without a prior, what the run-alone fit is: the LR-annealing law on the prefix, its decay gain measured (one memory, or two once the decay is) or assumed. */
interface RunAloneLaw {
  readonly refit: Refit;
  readonly free: string[];
  readonly params: Record<string, number>;
  readonly annealing?: ScheduleForecast['annealing'];
  /** The back-test's refit where the law's cannot be made (a first half with no decay): the assumed-gain forecast. */
  readonly backTestFallback: Refit;
}

/** The tail of a warning that sets a fitted gain aside: the typical gain assumed (`until`: when it will not be), and the band it gives. */
function assumedGainText(until: string): string {
  return `so a typical one is assumed (${(100 * ANNEAL_GAIN).toFixed(1)}%)${until} and the band is that of an unmeasured gain (give --prior, a fit of finished sibling runs)`;
}

/** The run-alone law on `y` (the prefix, its first `y.length` of `steps`); says what it assumed in `warnings`, fills `unseen` with the decay still to come. */
export function runAloneLaw(grid: LrGrid, steps: readonly number[], y: Float64Array, end: number, req: Pick<ForecastRequest, 'annealingGain' | 'memories' | 'measuredDecay' | 'decayLosses'>, warnings: string[], unseen: Float64Array): RunAloneLaw {
  const n = y.length;
  let refit: Refit;
  let free: string[];
  let annealingFit: ScheduleForecast['annealing'];
  const t = tissueTerms(grid, steps);
  const prefix = { steps: t.steps.subarray(0, n), s1: t.s1.subarray(0, n), s2: t.s2.subarray(0, n) };
  const own = fitTissue(prefix, y);
  if (!own) throw new ScalingLensError('no-convergence', 'the LR-annealing law could not be fitted on this prefix');
  const peak = Math.max(0, maxOf(grid.eta));
  // a full decay's gain as a share of the last loss, with one memory or two (twoMemory.ts)
  const perLoss = peak > 0 ? peak / y[n - 1]! : 0;
  const gain = fullDecayCoefficient(own.params) * perLoss;
  const runaway = own.annealingIdentified && !(gain <= MAX_MEASURED_GAIN);
  if (runaway) warnings.push(`the annealing gain fitted on the logged part (${(100 * gain).toPrecision(2)}% of the loss for a full decay) is no measurement: it has seen too little decay to tell it from noise, so a typical one is assumed (${(100 * ANNEAL_GAIN).toFixed(1)}%; give --prior, a fit of finished sibling runs)`);
  const [seen, ahead] = decayShares(grid, [1, steps[n - 1]!, end]);
  const unmeasured = own.annealingIdentified && !runaway && seen! < (req.measuredDecay ?? MEASURED_DECAY) * ahead!;
  if (unmeasured) warnings.push(`the annealing gain fitted on the logged part (${(100 * gain).toPrecision(2)}% of the loss for a full decay) was measured on ${Math.round(100 * seen!)}% of a full decay, under half the ${Math.round(100 * ahead!)}% still ahead: a gain fitted on a decay's first steps is not yet the one the run settles to (on the LR-schedule runs it came out up to several times it), ${assumedGainText('')}`);
  // counted only for a gain the rules above kept: it walks every logged step
  const inDecay = own.annealingIdentified && !runaway && !unmeasured ? lossesInDecay(grid, steps, n) : Infinity;
  const minLosses = req.decayLosses ?? MIN_DECAY_LOSSES;
  const lone = inDecay < minLosses;
  if (lone) warnings.push(`the annealing gain fitted on the logged part (${(100 * gain).toPrecision(2)}% of the loss for a full decay) rests on ${inDecay === 1 ? 'one loss' : `${inDecay} losses`} logged in the decay: ${inDecay === 1 ? 'one loss fits a gain exactly, whatever its noise' : 'too few to check it'}, ${assumedGainText(` until ${minLosses} are logged,`)}`);
  const annealing = own.annealingIdentified && !runaway && !unmeasured && !lone;
  if (own.annealingIdentified) annealingFit = { gain, sd: peak > 0 ? fullDecaySd(prefix, y, own.params) * perLoss : NaN, measured: annealing };
  // a gain set aside (runaway, unmeasured, lone) has said it assumes a typical one: said once
  if (!annealing && !runaway && !unmeasured && !lone && decayAhead(grid, steps[n - 1]!)) warnings.push(`the logged part has too little learning-rate decay to measure how the loss answers one: the annealing gain of the coming decay cannot be estimated from this run alone, so a typical one is assumed (${(100 * ANNEAL_GAIN).toFixed(1)}% of the loss for a full decay) and the band is wide; how much the decay's shape changes it is the law's assumption too, several times the difference between runs that tried two shapes (give --prior, a fit of finished sibling runs)`);
  const assumedC = peak > 0 ? ((req.annealingGain ?? ANNEAL_GAIN) * y[n - 1] * (1 - TISSUE_LAMBDA)) / peak : 0;
  const assumedTerm = Float64Array.from(t.s2, (v) => -assumedC * v);
  const assumed = offsetPowerRefit(t.s1, assumedTerm);
  const memories = req.memories ?? [MEASURED_LAMBDA_FAST, MEASURED_LAMBDA];
  const two = annealing && memories !== 'one' ? twoMemoryFit(grid, steps, y, memories) : undefined;
  if (two) {
    refit = two.refit;
    free = ['L0', 'A', 'alpha', 'C', 'Cfast'];
    own.params = two.params;
    annealingFit = { gain: fullDecayCoefficient(two.params) * perLoss, sd: two.sd * perLoss, measured: true };
  } else if (annealing) {
    refit = powerRefit(t.s1, [Float64Array.from(t.s2, (v) => -v)]);
    free = ['L0', 'A', 'alpha', 'C'];
  } else {
    // the level of the forecast itself, refitted under the assumed gain: the law's own fit beside
    // the assumed C drew another curve (Mamba 3B from a quarter of its run: 0.93 at the end, where
    // the forecast said 0.80), and `params` is what the JSON gives and the benches score
    const level = fitPowerPlus(t.s1.subarray(0, n), Float64Array.from(y, (v, i) => v - assumedTerm[i]!));
    own.params = level ? { ...own.params, L0: level.coef[0]!, A: level.coef[1]!, alpha: level.alpha, C: assumedC } : { ...own.params, C: assumedC };
    refit = offsetPowerRefit(t.s1, assumedTerm, level);
    free = ['L0', 'A', 'alpha'];
  }
  unseenDecay(grid, steps, n, unseen);
  return { refit, free, params: { ...own.params }, ...(annealingFit ? { annealing: annealingFit } : {}), backTestFallback: assumed };
}
