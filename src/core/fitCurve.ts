// The curve the laws are fitted to, from a curve's fit points: typed arrays, loss spikes left out
// (or marked for the Huber loss), long logs averaged into log-x bins, and whether it has turned up.
// Depends on the points and options alone, not on the targets, so one analysis' curve serves the next.
import type { AnalyzeOptions, Point } from './analysis';
import { binnedNote } from './binnedNote';
import { newestJumpNote } from './newestJumpNote';
import { findSpikesAndNewest, HUBER_K, robustMode, SPIKE_MIN_POINTS, type RobustMode } from './spikes';
import { ScalingLensError, type HuberSpec } from './types';
import { findUpturn, type Upturn } from './upturn';
import { prepareCurve } from './validate';

export interface FitCurve {
  /** null: the points cannot be fitted (the last warning says why). */
  readonly curve: { readonly x: Float64Array; readonly y: Float64Array } | null;
  readonly robust: RobustMode;
  readonly huber?: HuberSpec;
  /** Loss spikes, left out of the fit (or down-weighted under 'huber'). */
  readonly outliers: readonly Point[];
  readonly upturn?: Upturn;
  readonly warnings: readonly string[];
}

export function fitCurveOf(fitPoints: readonly Point[], opts: Pick<AnalyzeOptions, 'robust' | 'huberK' | 'maxFitPoints'>): FitCurve {
  const warnings: string[] = [];
  const robust = robustMode(opts.robust);
  const outliers: Point[] = [];
  try {
    const [fx, fy] = coordinates(fitPoints);
    const c = prepareCurve(fx, fy, 2, 'the curve');
    warnings.push(...c.warnings);
    let cx = c.x;
    let cy = c.y;
    const found = robust === 'none' ? { spikes: [] } : findSpikesAndNewest(cy);
    const spikes = found.spikes;
    if (robust === 'huber' && spikes.length > 0) {
      for (const i of spikes) outliers.push({ x: cx[i], y: cy[i] });
      warnings.push(`${spikes.length} loss spike${spikes.length === 1 ? '' : 's'} found (far above the running median; see outliers), down-weighted by the Huber loss (left out of BNSL)`);
    } else if (spikes.length > 0) {
      for (const i of spikes) outliers.push({ x: cx[i], y: cy[i] });
      warnings.push(`left ${spikes.length} loss spike${spikes.length === 1 ? '' : 's'} out of the fit (far above the running median; see outliers)`);
      if (found.newest) warnings.push(newestJumpNote(found.newest, 'the fit'));
      const spiked = new Uint8Array(cx.length);
      for (const i of spikes) spiked[i] = 1;
      const keep = (_: number, i: number): boolean => spiked[i] === 0;
      cx = cx.filter(keep);
      cy = cy.filter(keep);
    }
    const curve = logBinned(cx, cy, opts.maxFitPoints ?? 300);
    // training logs only: sweeps and evaluation series (fewer points) are fitted by least squares
    const huber = (robust === 'huber' || robust === 'trim+huber') && cy.length >= SPIKE_MIN_POINTS ? { k: opts.huberK ?? HUBER_K } : undefined;
    if (curve.x.length < cx.length) warnings.push(binnedNote(cx.length, curve.x.length));
    const upturn = findUpturn(curve.x, curve.y);
    return { curve, robust, ...(huber ? { huber } : {}), outliers, ...(upturn ? { upturn } : {}), warnings };
  } catch (e) {
    if (!(e instanceof ScalingLensError)) throw e;
    warnings.push(`cannot fit: ${e.message}`);
    return { curve: null, robust, outliers, warnings };
  }
}

/** x and y of the points as typed arrays (one copy, no intermediate arrays). */
function coordinates(points: readonly Point[]): [Float64Array, Float64Array] {
  const x = new Float64Array(points.length);
  const y = new Float64Array(points.length);
  for (let i = 0; i < points.length; i++) {
    x[i] = points[i].x;
    y[i] = points[i].y;
  }
  return [x, y];
}


/**
 * Averages a sorted curve into at most `bins` equal-width bins of log x (geometric means of x and
 * of y: every law is fitted and scored in log y, and on noisy per-step losses the arithmetic mean
 * sits above the level a log-space fit is after); returns the curve itself when it is short enough.
 * One pass, one log per point: this is what keeps a 10M-point log's fit bounded.
 */
export function logBinned(x: Float64Array, y: Float64Array, bins: number): { x: Float64Array; y: Float64Array } {
  const n = x.length;
  if (n <= bins || bins < 2) return { x, y };
  const l0 = Math.log(x[0]);
  const width = (Math.log(x[n - 1]) - l0) / bins;
  const bx = new Float64Array(bins);
  const by = new Float64Array(bins);
  let m = 0;
  let bin = -1;
  let sl = 0;
  let sy = 0;
  let k = 0;
  for (let i = 0; i < n; i++) {
    const l = Math.log(x[i]);
    const b = Math.min(bins - 1, Math.floor((l - l0) / width));
    if (b !== bin) {
      if (k > 0) {
        bx[m] = Math.exp(sl / k);
        by[m] = Math.exp(sy / k);
        m++;
      }
      bin = b;
      sl = sy = k = 0;
    }
    sl += l;
    sy += Math.log(y[i]);
    k++;
  }
  bx[m] = Math.exp(sl / k);
  by[m] = Math.exp(sy / k);
  m++;
  return { x: bx.slice(0, m), y: by.slice(0, m) };
}
