// Loss spikes in training logs: points far above the local level of the curve (a bad batch, an
// instability the run recovered from). Left in, they pull every fit up. Two robust remedies, both
// for training logs only (curves of SPIKE_MIN_POINTS+): trimming (the flagged points are left out
// once, before any law sees the curve) and the Huber loss on log residuals (every point stays;
// beyond δ a residual pulls linearly). Either way the flagged points are reported as outliers.
// Gross spikes (×1.5 above their neighbours) are found on any curve of GROSS_MIN_POINTS+.
import { medianInPlace } from './arrayStats';

/**
 * 'huber' keeps the spikes under a Huber loss on log residuals (M2–M4 and mix; BNSL, fitted by
 * least squares as its authors do, leaves them out); 'trim+huber' leaves them out for every law
 * and fits the rest under the Huber loss; 'trim' leaves them out and fits by least squares;
 * 'none' fits every point by least squares.
 */
export type RobustMode = 'trim+huber' | 'huber' | 'trim' | 'none';
export const ROBUST_MODES: readonly RobustMode[] = ['huber', 'trim', 'trim+huber', 'none'];
/**
 * What `robust: true` (and no `robust`) means. Chosen on the real-curve corpus (`npm run bench
 * robustLoss`; k picked leave-one-set-out, 1.345 in every fold): on the held-out set, the
 * geometric-mean ratio to plain least squares over both prefixes and M2, M3, M4, BNSL-1, mix and
 * auto was, Huber vs trimming, T5 0.437 vs 0.545, Mamba 0.992 vs 1.000, LR schedules 0.934 vs
 * 1.000, K2 1.085 vs 0.998 (trimming wins), OPT tied (no curve long enough). Still the default is
 * trimming: under the Huber loss auto (whose rule was chosen leave-one-set-out with trimming) lost
 * to E + A·x^−a on K2 at 25% (0.0438 vs 0.0434) and to its best candidate on T5 at 50% (0.00689 vs
 * 0.00682), and the interval constants (calibrated under trimming) fell out of ±0.07 on RNSL
 * language (0.695 at 0.8) and LR schedules (0.887). Huber stays one flag away (`--robust huber`).
 */
export const DEFAULT_ROBUST: RobustMode = 'trim';
/**
 * Huber δ = HUBER_K robust σ (1.4826·MAD) of the plain fit's own log residuals, re-estimated per
 * fit: the classic 1.345 (95% efficiency under Gaussian noise), also the k every leave-one-set-out
 * fold picked among 1.345, 2 and 4.
 */
export const HUBER_K = 1.345;

export function robustMode(robust: boolean | RobustMode | undefined): RobustMode {
  return robust === undefined || robust === true ? DEFAULT_ROBUST : robust === false ? 'none' : robust;
}

/** Curves shorter than this are sweeps or evaluation series, not per-step logs: only gross spikes are trimmed. */
export const SPIKE_MIN_POINTS = 20;
/**
 * A point this far above the running median of its neighbours in log y (×1.5) is a gross spike: an
 * evaluation at a bad checkpoint, a run that blew up and was restarted. No learning curve's trend
 * jumps half again above its neighbours and back, so such points are left out even where there are
 * many of them (up to a third of the points) and on curves too short for the noise to be judged
 * (from GROSS_MIN_POINTS). Stated, not tuned: a level chosen to be far above any noise.
 */
export const GROSS_SPIKE_LOG = Math.log(1.5);
/**
 * Gross spikes are looked for only where ×1.5 is at least this many σ of the curve's scatter
 * (residualSigma): a per-step loss that scatters that far on its own (Mamba's, σ = 0.24 in log y)
 * is judged by the noise-scaled test alone. Stated, not tuned.
 */
const GROSS_SIGMAS = 3;
/** The fewest points a gross spike is looked for in. */
export const GROSS_MIN_POINTS = 5;
/** The newest points have no neighbours after them: they are judged against the median of this many before them. */
const LAST_POINT_BEFORE = 5;
/**
 * At most this many newest points are held back as a jump (newestJump): a loss spike in LM training
 * lasts a few logged rows; a jump that holds longer is a change of level or the start of a rise, for
 * the upturn check. Stated, not tuned.
 */
export const MAX_NEWEST_HELD = 3;
/** Half-width (in points) of the running median the spikes are measured against. */
const HALF_WINDOW = 5;
/** A spike is this many robust standard deviations of the curve's noise (noiseSigma) above the running median… */
const SPIKE_SIGMAS = 6;
/** …and at least this far above it in log y (2%), so a smooth, noiseless curve loses nothing. */
const SPIKE_MIN_LOG = 0.02;

/** Indices (into a curve sorted by x) of upward spikes in y; empty for short curves. */
export function findSpikes(y: Float64Array): number[] {
  return findSpikesAndNewest(y).spikes;
}

/** The newest points held back as a jump (newestJump): how many, and how far above the level before them. */
export interface NewestJump {
  readonly count: number;
  /** exp(median log y of those points − the level before them): ×2.0 for a doubled loss. */
  readonly factor: number;
}

/** findSpikes, and which of the spikes are the newest points held back as a jump (among `spikes`). */
export function findSpikesAndNewest(y: Float64Array): { spikes: number[]; newest?: NewestJump } {
  const n = y.length;
  if (n < GROSS_MIN_POINTS) return { spikes: [] };
  // plain loops, no per-element callbacks: per-step logs run to millions of points
  const ly = new Float64Array(n);
  for (let i = 0; i < n; i++) ly[i] = Math.log(y[i]);
  const resid = runningMedianResiduals(ly);
  const noise = new SpikeNoise(ly, resid);
  const g = GROSS_SPIKE_LOG >= GROSS_SIGMAS * noise.residualSigma ? grossSpikes(ly, resid) : { spikes: [] };
  const gross = g.spikes;
  const newest = g.newest ? { newest: g.newest } : {};
  if (n < SPIKE_MIN_POINTS) return { spikes: gross, ...newest };
  const flagged = new Uint8Array(n);
  let single = 0;
  for (let i = 0; i < n; i++) if (resid[i] > SPIKE_MIN_LOG && resid[i] > SPIKE_SIGMAS * noise.sigmaAround(i)) (flagged[i] = 1), single++;
  // more than a tenth of the points "spiking" is the curve's shape, not spikes: but not the gross ones
  if (single > n / 10) return { spikes: gross, ...newest };
  // the fading spikes' tails, judged apart: many of them leave the single spikes flagged
  const withFading = Uint8Array.from(flagged);
  markFadingSpikes(ly, noise, withFading);
  let total = 0;
  for (let i = 0; i < n; i++) total += withFading[i]!;
  const use = total - single <= n / 10 ? withFading : flagged;
  for (const i of gross) use[i] = 1;
  const out: number[] = [];
  for (let i = 0; i < n; i++) if (use[i]) out.push(i);
  return { spikes: out, ...newest };
}

/**
 * The points more than GROSS_SPIKE_LOG above the median of their running window's other points
 * (not their own: near the steep start of a curve a window is 3 points, and a spike counted in its
 * own median hides behind the higher neighbour), and the newest points when they jump so
 * (newestJump); none when they are more than a third of the curve (then it is the curve).
 */
function grossSpikes(ly: Float64Array, resid: Float64Array): { spikes: number[]; newest?: NewestJump } {
  const n = ly.length;
  const out: number[] = [];
  const flagged = new Uint8Array(n);
  const others = new Float64Array(2 * HALF_WINDOW);
  for (let i = 1; i < n - 1; i++) {
    // to clear the bound from under half of it, the window's middle two others would have to lie more than the bound apart: a curve that steep is no place to call a spike
    if (!(resid[i] > GROSS_SPIKE_LOG / 2)) continue;
    const h = Math.min(HALF_WINDOW, i, n - 1 - i);
    let k = 0;
    for (let j = i - h; j <= i + h; j++) if (j !== i) others[k++] = ly[j];
    if (ly[i] - medianInPlace(others.subarray(0, k)) > GROSS_SPIKE_LOG) out.push(i), (flagged[i] = 1);
  }
  const newest = newestJump(ly, flagged);
  if (newest) for (let i = n - newest.count; i < n; i++) if (!flagged[i]) out.push(i);
  out.sort((a, b) => a - b);
  return out.length <= n / 3 ? { spikes: out, ...(newest ? { newest } : {}) } : { spikes: [] };
}

/**
 * The newest points held back while they are the newest: at most MAX_NEWEST_HELD of them, each more
 * than GROSS_SPIKE_LOG above the median of the LAST_POINT_BEFORE points before them (those not
 * `flagged` as spikes), which do not rise. Their windows are cut by the end of the log, so the
 * running-median test cannot see them, and left in (two rows at ×2 of a 300-row LM log) they turned
 * auto to the flat law and the schedule forecast's band to [0.67, 13]. A jump that lasts longer, or
 * follows a rise (a run blowing up, an overfitting validation loss, a rising metric), stays for the
 * upturn check to see; so does a blow-up's start once its next rows carry it on.
 */
function newestJump(ly: Float64Array, flagged: Uint8Array): NewestJump | undefined {
  // longest first: a shorter count has the longer jump's points among its level, which then rises.
  // One more than may be held: a jump that long is a change of level or a rise, not a spike
  for (let count = Math.min(MAX_NEWEST_HELD + 1, ly.length - 1); count >= 1; count--) {
    const jump = jumpOfNewest(ly, flagged, count);
    if (jump !== undefined) return count > MAX_NEWEST_HELD ? undefined : { count, factor: Math.exp(jump) };
  }
  return undefined;
}

/**
 * How far the newest `count` points (median log y) stand above the level before them, when each is
 * more than GROSS_SPIKE_LOG above it and that level does not rise; undefined otherwise.
 */
function jumpOfNewest(ly: Float64Array, flagged: Uint8Array, count: number): number | undefined {
  const n = ly.length;
  const before: number[] = [];
  for (let j = n - count - 1; j >= 0 && before.length < LAST_POINT_BEFORE; j--) if (!flagged[j]) before.push(ly[j]);
  if (before.length < 2) return undefined;
  const level = medianInPlace(Float64Array.from(before));
  for (let i = n - count; i < n; i++) if (!(ly[i] - level > GROSS_SPIKE_LOG)) return undefined;
  // least-squares slope of those points by their order (before[] runs backwards: a rise is a negative slope here)
  const m = before.length;
  const mid = (m - 1) / 2;
  let sxy = 0;
  let sxx = 0;
  for (let k = 0; k < m; k++) {
    sxy += (k - mid) * before[k];
    sxx += (k - mid) ** 2;
  }
  if (sxy / sxx < 0) return undefined;
  return medianInPlace(ly.slice(n - count)) - level;
}

/** A fading spike may last at most this share of the curve's points (and HALF_WINDOW + 1 at least): longer, it is a change of level. */
const MAX_FADE_SHARE = 0.02;
/** A fading spike's tail lasts while its points stay this many σ above the level before its jump. */
const FADE_SIGMAS = 2;

/**
 * Spikes that fade over more points than the running median's half-window (a loss that jumps and
 * recovers over a few hundred steps): each point itself is its window's median, so the residual
 * test misses them, and left in they pull the fit up (and, at the end of a log, read as the loss
 * turning up). A jump is a point SPIKE_SIGMAS σ and SPIKE_MIN_LOG above the median of the
 * 2·HALF_WINDOW + 1 unflagged points before it; its tail, the points after it while they stay
 * FADE_SIGMAS σ above that level, up to MAX_FADE_SHARE of the curve. Stated constants, not tuned.
 */
function markFadingSpikes(ly: Float64Array, noise: SpikeNoise, flagged: Uint8Array): void {
  const n = ly.length;
  const pre = 2 * HALF_WINDOW + 1;
  const maxLen = Math.max(HALF_WINDOW + 1, Math.floor(MAX_FADE_SHARE * n));
  const before = new Float64Array(pre);
  const sigma = Math.max(noise.sigmaAround(Math.floor(n / 2)), jumpNoise(ly, pre));
  for (let i = pre; i < n; i++) {
    const level = levelBefore(ly, i, before, flagged);
    if (!(ly[i] - level > SPIKE_MIN_LOG && ly[i] - level > SPIKE_SIGMAS * sigma)) continue;
    let end = i;
    while (end + 1 < n && ly[end + 1] - level > FADE_SIGMAS * sigma) end++;
    // still above the level at the last point: a spike only if it is already fading (its last
    // third 2σ below its first); a rise that holds at the end of a log is the upturn check's to judge
    if (end === n - 1 && !fading(ly, i, end, level, sigma)) break;
    if (end - i + 1 > maxLen) {
      i = end;
      continue;
    }
    for (let j = i; j <= end; j++) flagged[j] = 1;
    i = end;
  }
}

/**
 * How far a point usually stands from the median of the `pre` points before it (1.4826·MAD): the
 * scale a jump is judged on. On white noise it is the noise's σ (×1.03); a per-step loss that
 * wanders with the data order (AR(1), autocorrelation 0.9) strays from its recent level far more
 * than its second differences say, and an audit's spike-free runs of that kind lost 4–8% of their
 * points as "fading spikes". At most 20,000 points are sampled, evenly: a per-step log has millions.
 */
function jumpNoise(ly: Float64Array, pre: number): number {
  const n = ly.length;
  const stride = Math.max(1, Math.floor((n - pre) / 20_000));
  const dev = new Float64Array(Math.ceil((n - pre) / stride));
  const before = new Float64Array(pre);
  let m = 0;
  for (let i = pre; i < n; i += stride) dev[m++] = Math.abs(ly[i] - levelBefore(ly, i, before));
  return 1.4826 * medianInPlace(dev.subarray(0, m));
}

/**
 * The level a point at `i` jumps from: the median of the `before.length` points before it (the
 * unflagged ones, with `flagged`), or NaN when there are fewer. `before` is scratch.
 */
function levelBefore(ly: Float64Array, i: number, before: Float64Array, flagged?: Uint8Array): number {
  let k = 0;
  for (let j = i - 1; j >= 0 && k < before.length; j--) if (!flagged?.[j]) before[k++] = ly[j];
  return k < before.length ? NaN : medianInPlace(before);
}

/** Below this many points a candidate's own second differences are left out of the noise judging it (a median each). */
const EXACT_BELOW = 2000;

/**
 * The noise of log y, robustly: 1.4826·MAD of its residuals from the running median, or of its
 * second differences (÷√6, their noise's scale), whichever is larger. Where the curve falls steeply
 * for its noise, each point is the median of its own window, most residuals are 0 and their MAD
 * says "no noise": a point 2σ above the trend would then count as a spike. Second differences
 * still see the noise there, and are robust to the trend (a smooth curve's are near 0). A spike
 * makes three second differences of its own: on a short curve they are left out of the noise it is
 * judged by, or a 5% spike on 0.5% noise would hide behind itself.
 */
class SpikeNoise {
  private readonly fromResiduals: number;
  private readonly d2: Float64Array;
  private readonly fromDifferences: number;

  constructor(ly: Float64Array, resid: Float64Array) {
    const n = ly.length;
    const abs = new Float64Array(n);
    for (let i = 0; i < n; i++) abs[i] = Math.abs(resid[i]);
    this.fromResiduals = medianInPlace(abs);
    this.d2 = new Float64Array(n - 2);
    for (let i = 1; i < n - 1; i++) this.d2[i - 1] = Math.abs(ly[i - 1] - 2 * ly[i] + ly[i + 1]);
    this.fromDifferences = medianInPlace(Float64Array.from(this.d2)) / Math.sqrt(6);
  }

  /**
   * 1.4826·MAD of the residuals from the running median alone: whether gross spikes can be told from
   * the scatter. Not the second differences: each spike makes three of its own, and a tenth of the
   * points spiking would make them say the noise is as large as the spikes.
   */
  get residualSigma(): number {
    return 1.4826 * this.fromResiduals;
  }

  /** σ to judge point i by. */
  sigmaAround(i: number): number {
    let fromDifferences = this.fromDifferences;
    if (this.d2.length + 2 < EXACT_BELOW) {
      // the second differences centred on i - 1, i and i + 1 hold point i
      const others = this.d2.filter((_, k) => k + 1 < i - 1 || k + 1 > i + 1);
      fromDifferences = medianInPlace(others) / Math.sqrt(6);
    }
    return 1.4826 * Math.max(this.fromResiduals, fromDifferences);
  }
}

/** Log y minus its running median (HALF_WINDOW each side). */
function runningMedianResiduals(ly: Float64Array): Float64Array {
  const n = ly.length;
  // symmetric windows (narrower at the ends): on a monotone stretch the median is the point
  // itself, so the steep start of a curve is never mistaken for a spike. Each window (odd, at
  // most 11 values) is insertion-sorted in one reused scratch array: no view or copy per point.
  const resid = new Float64Array(n);
  const win = new Float64Array(2 * HALF_WINDOW + 1);
  for (let i = 0; i < n; i++) {
    const h = Math.min(HALF_WINDOW, i, n - 1 - i);
    const len = 2 * h + 1;
    for (let k = 0; k < len; k++) {
      const v = ly[i - h + k];
      let j = k;
      while (j > 0 && win[j - 1] > v) {
        win[j] = win[j - 1];
        j--;
      }
      win[j] = v;
    }
    resid[i] = ly[i] - win[h];
  }
  return resid;
}

/**
 * Whether ly[from..to] is fading back to `level`: the median of its last third has lost a third of
 * its first third's excess over the level, and by FADE_SIGMAS σ (at least 3 points). A jump that
 * holds loses only the trend's fall.
 */
function fading(ly: Float64Array, from: number, to: number, level: number, sigma: number): boolean {
  const len = to - from + 1;
  if (len < 3) return false;
  const third = Math.max(1, Math.floor(len / 3));
  const head = medianInPlace(ly.slice(from, from + third)) - level;
  const tail = medianInPlace(ly.slice(to - third + 1, to + 1)) - level;
  return head - tail > FADE_SIGMAS * sigma && tail < (2 / 3) * head;
}
