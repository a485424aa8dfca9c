// Scores the trust line ("on this curve's own history, a 2× extrapolation missed by 0.8%") against
// what the prediction it stands beside actually missed by. One curve, one prefix: auto is chosen on
// the first `frac` of the points and then bootstrapped alone, as `scaling-lens predict` does
// (cli/curveFit.ts), with targets at held-out points: the one nearest 2× the fit range (when data
// lie there) and the curve's last. What the user is shown comes from the prediction (its `trust`,
// lo/hi); the back-test residuals behind it are kept so other trust rules can be tried offline.
import { analyzeCurve } from '../src/core/analyze';
import type { Point } from '../src/core/analysis';
import type { IntervalInputs } from '../src/core/calibrate';
import type { RealCurve } from './realCurvesData';

/** Held-out points within this log-x window of a target are averaged (geometric mean) into its observed value. */
export const TARGET_WINDOW = Math.log(1.05);

export interface TrustResidual {
  /** log(x / the prefix's largest x) of the rehearsed prediction. */
  readonly distance: number;
  readonly logPred: number;
  readonly logY: number;
}

export interface TrustCase {
  readonly set: string;
  readonly name: string;
  readonly frac: number;
  /** '2×' (the held-out point nearest twice the fit range) or 'end' (the curve's last point). */
  readonly target: '2×' | 'end';
  readonly x: number;
  /** log(x / x_max_fit) as analyzeCurve measures it. */
  readonly distance: number;
  readonly law: string;
  readonly pred: number;
  /** Geometric mean of the held-out y within TARGET_WINDOW of x. */
  readonly actual: number;
  readonly lo?: number;
  readonly hi?: number;
  /** The trust line shown, if any. */
  readonly trust?: { readonly factor: number; readonly missedBy: number; readonly beyond?: true };
  /** The reported law's back-test residuals (what trustAt read). */
  readonly residuals: readonly TrustResidual[];
}

function observedNear(held: readonly Point[], x: number): number {
  const near = held.filter((p) => Math.abs(Math.log(p.x / x)) <= TARGET_WINDOW);
  return Math.exp(near.reduce((s, p) => s + Math.log(p.y), 0) / near.length);
}

/** The targets of one prefix: held-out x nearest 2× the fit's largest x (if within the window), and the last x. */
function targetsOf(held: readonly Point[], cutX: number): { target: '2×' | 'end'; x: number }[] {
  if (held.length === 0) return [];
  const end = held[held.length - 1].x;
  const out: { target: '2×' | 'end'; x: number }[] = [];
  const two = held.reduce((b, p) => (Math.abs(Math.log(p.x / (2 * cutX))) < Math.abs(Math.log(b.x / (2 * cutX))) ? p : b));
  // the end stands for 2× when it is within 10% of the 2× point
  if (Math.abs(Math.log(two.x / (2 * cutX))) <= TARGET_WINDOW && Math.log(end / two.x) > Math.log(1.1)) out.push({ target: '2×', x: two.x });
  out.push({ target: 'end', x: end });
  return out;
}

export function scoreTrust(c: RealCurve, frac: number, resamples: number): TrustCase[] {
  const sorted = [...c.points].sort((a, b) => a.x - b.x);
  const xs = [...new Set(sorted.map((p) => p.x))];
  const cutX = xs[Math.max(1, Math.floor(xs.length * frac)) - 1];
  const held = sorted.filter((p) => p.x > cutX);
  const targets = targetsOf(held, cutX);
  if (targets.length === 0) return [];
  const base = { fitUntil: cutX, seed: 1, targets: targets.map((t) => t.x), ...(c.fitFrom !== undefined ? { fitFrom: c.fitFrom } : {}) };
  const first = analyzeCurve(sorted, base);
  const law = first.auto?.law;
  if (!law) return [];
  let inputs: IntervalInputs | undefined;
  const a = analyzeCurve(sorted, { ...base, laws: [law], bootstrap: resamples, level: 0.95, onIntervalInputs: (i) => { if (i.law === law) inputs = i; } });
  const est = a.estimators.find((e) => e.law === law);
  if (!est?.fit || !inputs) return [];
  const xMax = inputs.xMaxFit;
  const residuals = (inputs.residuals ?? []).map((r) => ({ distance: r.distance, logPred: r.logPred, logY: r.logY }));
  return targets.flatMap((t, i) => {
    const p = est.predictions[i];
    if (!p || !(p.y > 0)) return [];
    return [{
      set: c.set,
      name: c.name,
      frac,
      target: t.target,
      x: t.x,
      distance: Math.max(0, Math.log(t.x / xMax)),
      law,
      pred: p.y,
      actual: observedNear(held, t.x),
      ...(p.lo !== undefined && p.hi !== undefined ? { lo: p.lo, hi: p.hi } : {}),
      ...(p.trust ? { trust: { factor: p.trust.factor, missedBy: p.trust.missedBy, ...(p.trust.beyond ? { beyond: true as const } : {}) } } : {}),
      residuals,
    }];
  });
}
