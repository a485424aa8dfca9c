// Seeded case-resampling bootstrap for one-input curves: refit a law on resampled points and take
// percentile intervals of its parameters and of its predictions at chosen x.
import { getLaw } from './laws/index';
import { combineFits, partsOf } from './laws/mix';
import { mulberry32, randomInt } from './random';
import type { FitOptions, FitResult, Law, Observations, Params } from './types';

export interface BootstrapResult {
  /** Parameter intervals by name: [lo, hi]. */
  readonly params: Record<string, readonly [number, number]>;
  /** Prediction intervals at each requested x, same order. */
  readonly predictions: readonly (readonly [number, number])[];
  /**
   * Robust sd of log predictions at each requested x: half the 16–84% range, so a few refits that
   * run off to 1e22 (BNSL breaks past the data) do not decide the width.
   */
  readonly logSd: readonly number[];
  /** Every usable refit's prediction at each requested x (for other summaries than the two above). */
  readonly draws: readonly (readonly number[])[];
  /** Resamples that gave a usable fit. */
  readonly used: number;
  readonly requested: number;
}

export interface BootstrapOptions extends FitOptions {
  readonly resamples: number;
  /** Central coverage (default 0.95). */
  readonly level?: number;
  /**
   * Each base law's fit on each resample (null: it failed), shared by the bootstraps of one curve
   * with the same options: resample b is the same points for every law (same seed), and an
   * average's fit on it is its parts' fits combined, so Mix (M3, M4) and auto's average refit
   * nothing the parts' own bootstraps fitted. Same results as without it.
   */
  readonly shared?: ResampleFits;
}

export type ResampleFits = Map<string, (FitResult | null)[]>;

/** `law` fitted on resample `b`, its parts' fits taken from (or put in) `shared`. */
function resampleFit(law: Law, obs: Observations, opts: FitOptions, b: number, shared: ResampleFits | undefined): FitResult {
  if (!shared) return law.fit(obs, opts);
  const parts = partsOf(law);
  if (parts) return combineFits(law, parts.map((part) => resampleFit(part, obs, opts, b, shared)));
  let fits = shared.get(law.id);
  if (!fits) shared.set(law.id, (fits = []));
  let fit = fits[b];
  if (fit === undefined) {
    try {
      fit = law.fit(obs, opts);
    } catch {
      fit = null;
    }
    fits[b] = fit;
  }
  if (fit === null) throw new Error(`${law.id} could not be fitted to this resample`);
  return fit;
}

export function bootstrapCurve(
  lawId: string,
  x: ArrayLike<number>,
  y: ArrayLike<number>,
  at: readonly number[],
  opts: BootstrapOptions,
): BootstrapResult {
  const law = getLaw(lawId);
  const rand = mulberry32(opts.seed ?? 1);
  const n = x.length;
  const samples: Params[] = [];
  const preds: number[][] = at.map(() => []);
  const bx = new Float64Array(n);
  const by = new Float64Array(n);
  for (let b = 0; b < opts.resamples; b++) {
    if (opts.isCancelled?.()) break;
    for (let i = 0; i < n; i++) {
      const j = randomInt(rand, n);
      bx[i] = x[j];
      by[i] = y[j];
    }
    try {
      // resamples that repeat too many points cannot be fitted; they are skipped, not fatal
      const fit = resampleFit(law, { x: bx, y: by }, { ...opts, seed: (opts.seed ?? 1) + b }, b, opts.shared);
      const p = at.map((xi) => law.predict(fit.params, xi));
      if (!p.every(Number.isFinite)) continue;
      samples.push(fit.params);
      p.forEach((v, i) => preds[i].push(v));
    } catch {
      continue;
    }
  }
  const level = opts.level ?? 0.95;
  const params: Record<string, readonly [number, number]> = {};
  if (samples.length > 0) {
    for (const name of Object.keys(samples[0])) params[name] = percentiles(samples.map((s) => s[name]), level);
  }
  return {
    params,
    predictions: preds.map((v) => percentiles(v, level)),
    logSd: preds.map((v) => {
      const [lo, hi] = percentiles(v.map(Math.log), 0.6827);
      return Number.isFinite(hi - lo) ? (hi - lo) / 2 : NaN;
    }),
    draws: preds,
    used: samples.length,
    requested: opts.resamples,
  };
}

function percentiles(values: number[], level: number): readonly [number, number] {
  const v = values.filter(Number.isFinite).sort((a, b) => a - b);
  if (v.length === 0) return [NaN, NaN];
  const q = (p: number): number => {
    const pos = p * (v.length - 1);
    const i = Math.floor(pos);
    const f = pos - i;
    return i + 1 < v.length ? v[i] * (1 - f) + v[i + 1] * f : v[i];
  };
  return [q((1 - level) / 2), q((1 + level) / 2)];
}
