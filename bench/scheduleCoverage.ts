// Coverage of the forecast's 95% band on held-out runs, and the calibration of κ (the relative
// uncertainty of the gain of a decay the prefix has not seen) leave-one-size-out: κ is fitted on
// one size's cases and the coverage reported on the other's. A case: one of the six runs outside
// the prior's training split, forecast from its first 25%, 50% or 75% of rows to its last row.
import { forecastRun, type ScheduleFit } from '../src/core/schedule/index';
import { rows, schedule, TEST, type Size } from '../test/unit/schedule/lrData';

const Z95 = 1.959963984540054;

export interface BandCase {
  readonly name: string;
  readonly frac: number;
  /** ln(truth / forecast) at the run's last row. */
  readonly e: number;
  /** Log-scale sd of the band without the unseen-decay term (κ = 0). */
  readonly sd0: number;
  /** The unseen-decay scale there: the band's sd is √(sd0² + (κ·u)²). */
  readonly u: number;
  /** Logged LR still constant at the prefix's end, with a decay ahead (what κ is for). */
  readonly beforeDecay: boolean;
}

const nearest = <T extends { step: number }>(c: readonly T[], step: number): T => c.reduce((b, p) => (Math.abs(p.step - step) < Math.abs(b.step - step) ? p : b));
const logSd = (p: { y: number; hi: number }): number => Math.log(p.hi / p.y) / Z95;

export function bandCases(size: Size, prior: ScheduleFit | undefined, annealingGain?: number, fracs = [0.25, 0.5, 0.75]): BandCase[] {
  const out: BandCase[] = [];
  for (const name of TEST) {
    const r = rows(size, name);
    const last = r.steps.length - 1;
    const sch = schedule(name);
    for (const frac of fracs) {
      const k = Math.floor(r.steps.length * frac);
      const req = { steps: r.steps.slice(0, k), loss: r.loss.slice(0, k), lr: { steps: r.steps.slice(0, k), lr: r.lr.slice(0, k) }, schedule: sch, prior, annealingGain, maxCurvePoints: 2000 };
      const p = nearest(forecastRun({ ...req, kappa: 0 }).curve, r.steps[last]);
      // u from two cheap forecasts (no resampling) that differ only in κ
      const a = logSd(nearest(forecastRun({ ...req, kappa: 0, bootstrap: 0 }).curve, r.steps[last]));
      const b = logSd(nearest(forecastRun({ ...req, kappa: 1, bootstrap: 0 }).curve, r.steps[last]));
      const now = r.steps[k - 1];
      const beforeDecay = sch.lrAt(now) === sch.lrAt(Math.max(1, now - 1)) && sch.lrAt(now) === sch.lrAt(Math.floor(now / 2)) && sch.lrAt(sch.total) < sch.lrAt(now);
      out.push({ name, frac, e: Math.log(r.loss[last] / p.y), sd0: logSd(p), u: Math.sqrt(Math.max(0, b * b - a * a)), beforeDecay });
    }
  }
  return out;
}

const sdOf = (c: BandCase, kappa: number): number => Math.sqrt(c.sd0 * c.sd0 + (kappa * c.u) ** 2);

/** Share of cases whose truth lies in the 95% band, and the band's mean width relative to the forecast. */
export function coverage(cases: readonly BandCase[], kappa: number): { covered: number; width: number } {
  let covered = 0;
  let width = 0;
  for (const c of cases) {
    const sd = sdOf(c, kappa);
    if (Math.abs(c.e) <= Z95 * sd) covered++;
    width += 2 * Math.sinh(Z95 * sd);
  }
  return { covered: covered / cases.length, width: width / cases.length };
}

/**
 * κ from the cases the term is for (before any decay, a decay ahead): the one that makes their
 * standardised errors e/sd unit mean square (0 when they already are).
 */
export function calibrateKappa(cases: readonly BandCase[]): number {
  const cs = cases.filter((c) => c.beforeDecay && c.u > 0);
  if (cs.length === 0) return 0;
  const excess = (k: number): number => cs.reduce((s, c) => s + (c.e * c.e) / sdOf(c, k) ** 2, 0) / cs.length - 1;
  if (excess(0) <= 0) return 0;
  let lo = 0;
  let hi = 10;
  for (let i = 0; i < 100; i++) {
    const m = (lo + hi) / 2;
    if (excess(m) > 0) lo = m;
    else hi = m;
  }
  return hi;
}
