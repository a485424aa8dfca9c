// Whether a fitted Chinchilla surface can say how to split compute between N and D. A sweep whose
// runs lie along one line in (log N, log D) (every run at 20 tokens per parameter, or every run on
// the same tokens) fits the loss along that line, but the model-size term and the data term trade
// off freely across it: the fit settles anywhere (B = 1.4e99, β = 10.9 on a 20-tokens-per-parameter
// sweep) and the split it implies (0.02 tokens per parameter at 1e21 FLOPs) is an artefact. A best
// fit at a degenerate limit (a vanished term, a runaway exponent) or with an exponent that is not
// positive implies no split either. Pure.
import { extent } from './arrayStats';

/**
 * Below this spread of the runs across their common line (the standard deviation of log10 N and
 * log10 D along the minor axis, in decades) the sweep is one line: D/N varying within about 12%.
 * Chinchilla-style sweeps at two or more tokens-per-parameter ratios, 2× apart, spread 0.1 or more.
 * A stated bound, not tuned on data.
 */
export const ONE_LINE_SPREAD = 0.05;

/**
 * Why the sweep's runs cannot give the split of compute, or undefined when they can. Along a line
 * where D rises with N (a fixed tokens-per-parameter ratio), or with one D or one N, the two terms
 * fall together or one is a constant, and trade off freely. Along one compute budget (D falling as
 * N rises) the valley places the best size at that budget, but not how it moves with compute: with
 * 0.3% noise, 6 of 8 such sweeps fitted an exponent below 0, and those planned had E near 0 and
 * planned 1e24 FLOPs at a loss 29% under the truth.
 */
export function oneLineDesign(N: ArrayLike<number>, D: ArrayLike<number>): string | undefined {
  const n = Math.min(N.length, D.length);
  if (n < 3) return undefined;
  const u = Array.from({ length: n }, (_, i) => Math.log10(N[i]!));
  const v = Array.from({ length: n }, (_, i) => Math.log10(D[i]!));
  if (![...u, ...v].every(Number.isFinite)) return undefined;
  const mu = u.reduce((a, b) => a + b, 0) / n;
  const mv = v.reduce((a, b) => a + b, 0) / n;
  let suu = 0;
  let svv = 0;
  let suv = 0;
  for (let i = 0; i < n; i++) {
    suu += (u[i]! - mu) ** 2;
    svv += (v[i]! - mv) ** 2;
    suv += (u[i]! - mu) * (v[i]! - mv);
  }
  suu /= n;
  svv /= n;
  suv /= n;
  // the smaller eigenvalue of the 2×2 covariance: the spread across the line the runs lie along
  const half = (suu + svv) / 2;
  const root = Math.sqrt(((suu - svv) / 2) ** 2 + suv * suv);
  if (Math.sqrt(Math.max(0, half - root)) >= ONE_LINE_SPREAD) return undefined;
  const range = (values: ArrayLike<number>): string => {
    const [lo, hi] = extent(values);
    const f = (x: number): string => (x >= 1e5 ? x.toPrecision(3) : String(Number(x.toPrecision(3))));
    return lo === hi || Number(lo.toPrecision(3)) === Number(hi.toPrecision(3)) ? f(lo) : `${f(lo)} to ${f(hi)}`;
  };
  let how: string;
  if (Math.sqrt(svv) < ONE_LINE_SPREAD) how = `every run has D ≈ ${range(D)} tokens`;
  else if (Math.sqrt(suu) < ONE_LINE_SPREAD) how = `every run has N ≈ ${range(N)} parameters`;
  else {
    // the major axis' slope, log D against log N: below 0 the runs trade N for D (one budget)
    const slope = (half + root - suu) / suv;
    if (!(slope > 0)) {
      if (Math.abs(slope + 1) < 0.15) {
        const C = Array.from({ length: n }, (_, i) => 6 * N[i]! * D[i]!);
        return `the sweep's runs lie along one line (every run has 6ND ≈ ${range(C)} FLOPs): one budget's valley places the best size at that budget, but not how the best size moves with compute, nor the loss floor E. Add runs at other budgets`;
      }
      how = `D falls as N^${slope.toPrecision(2)} from run to run`;
      return `the sweep's runs lie along one line (${how}): the fit can follow the loss along it, but not split compute off it. Add runs off the line (other token counts at the same sizes, or several sizes per budget, an IsoFLOP design)`;
    }
    how = Math.abs(slope - 1) < 0.15 ? `D/N is ${range(Array.from({ length: n }, (_, i) => D[i]! / N[i]!))} tokens per parameter in every run` : `D grows as N^${slope.toPrecision(2)} from run to run`;
  }
  return `the sweep's runs lie along one line (${how}), so the fit cannot tell the model-size term from the data term: it fits the loss along that line, but not how to split compute between N and D. Add runs off the line (other token counts at the same sizes, or several sizes per budget, an IsoFLOP design)`;
}

/** Why the fitted surface implies no compute-optimal split, or undefined when it does. */
export function noPlanReason(N: ArrayLike<number>, D: ArrayLike<number>, fit: { readonly reason: string; readonly params: Readonly<Record<string, number>> }): string | undefined {
  const line = oneLineDesign(N, D);
  if (line) return `no compute-optimal plan: ${line}.`;
  if (fit.reason === 'degenerate limit') return 'no compute-optimal plan: the best fit is a degenerate limit (one term vanishes or an exponent runs away), so the split it implies is an artefact of the fit, not of the runs.';
  if (!(fit.params.alpha! > 0 && fit.params.beta! > 0)) return 'no compute-optimal plan: a fitted exponent is not positive.';
  return undefined;
}

/** No language model worth a scaling law has fewer parameters, nor was trained on fewer tokens. */
const FEWEST_PARAMS = 1e5;
const FEWEST_TOKENS = 1e6;

/**
 * Why N or D look written in other units than counts (a column `params_M` of 48 … 4000, read as 48
 * parameters), or undefined. Such a surface plans budgets of ~1e9 FLOPs at 0.02 tokens per
 * parameter without a word; the values are read as given, with this said.
 */
export function implausibleScale(N: ArrayLike<number>, D: ArrayLike<number>, names: { readonly n: string; readonly d: string } = { n: 'N', d: 'D' }): string | undefined {
  const [, nMax] = extent(N);
  const [, dMax] = extent(D);
  const what = [
    nMax < FEWEST_PARAMS ? `${names.n} (parameters) is at most ${Number(nMax.toPrecision(3))}` : undefined,
    dMax < FEWEST_TOKENS ? `${names.d} (tokens) is at most ${Number(dMax.toPrecision(3))}` : undefined,
  ].filter((w): w is string => w !== undefined);
  if (what.length === 0) return undefined;
  return `${what.join(' and ')}: counts, not millions or billions, are expected (read as given; write 70M or 70000000 for 70 million), so this fit's budgets and splits are of that scale`;
}
