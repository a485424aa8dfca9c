// Once the run-alone forecast has measured its decay (forecastRunAlone.ts MEASURED_DECAY), the decay's
// response is fitted with two memories instead of the LR-annealing law's one:
// L = L0 + A·S1^(−α) − C·S2(λ) − Cfast·S2(λfast), linear given α like the law itself, C's ≥ 0.
// One memory cannot follow a decay's answer: the loss falls within a few hundred steps of an η
// drop, then keeps falling for thousands. Fitted on a decay's first half, λ = 0.999 reads the
// fast fall as the start of a slow one and carries it on: on the 17 cuts per size whose gain was
// used (bench scheduleDecayOnset) the ends came out 0.82% low on average at both sizes; even
// fitted on whole WSD runs λ = 0.999 put their ends 0.35–0.42% low, with 3–10× the SSR of
// λ = 0.99. A faster λ alone overshoots the two-stage runs (λ chosen by the prefix's SSR: 0.31% /
// 0.36% high). The pair is chosen per size on those cuts from λfast 0.98–0.997 × λ 0.998–0.9998
// (bench/scheduleLateDecay.ts pairs): each size picks this one, so leave-one-size-out reports it:
// mean |miss| 0.84% → 0.19% at 25M, 0.90% → 0.14% at 100M. The sizes share their schedules, though:
// left out by schedule family (bench/scheduleFamilyOut.ts) the cosine and WSD runs are held out
// (the others pick this pair), the two-stage runs are not (without them 0.993 + 0.9998 is picked:
// their cuts 0.54%, not 0.40%; all 84 decay-onset cuts 0.66%, not 0.61%; one memory 0.90%).
// The multi-power law fitted on the run alone did about as well (0.13% / 0.10%) but is
// nonlinear: ~0.3 s a fit, 200 of them a band.
import { Z95 } from './normal';

export const MEASURED_LAMBDA = 0.9995;
export const MEASURED_LAMBDA_FAST = 0.99;

/** A full decay's gain per unit of peak η: C/(1−λ) + Cfast/(1−λfast). */
export function fullDecayCoefficient(p: { readonly C: number; readonly lambda: number; readonly Cfast?: number; readonly lambdaFast?: number }): number {
  return p.C / (1 - p.lambda) + (p.Cfast ?? 0) / (1 - (p.lambdaFast ?? 0));
}

/**
 * Whether the prefix shows the fast memory: its coefficient 1.96 standard errors or more from 0
 * (a 95% Wald test). A slow cosine cannot tell the memories apart (Mamba 3B from half its run:
 * the full decay's gain 4.3% ± 27% with two, ± 8.5% with one); a WSD or two-stage decay can
 * (z = 18–107 on the decay-onset cuts). A standard test, not tuned; NaN (singular) is no evidence.
 */
export function fastMemoryShown(cFast: number, sd: number): boolean {
  return cFast > 0 && cFast >= Z95 * sd;
}

/** The forecast's law as a user reads it: which law, and whether it answered the decay with two memories. */
export function forecastLawName(fc: { readonly law: string; readonly params: Readonly<Record<string, number>> }): string {
  if (fc.law === 'mpl') return 'multi-power law';
  return fc.params.lambdaFast !== undefined ? 'LR-annealing law, two memories' : 'LR-annealing law';
}
