// Loss spikes in training logs: points far above the local level of the curve (a bad batch, an
// instability the run recovered from). Left in, they pull every fit up; this is the trimmed loss
// of robust fitting, applied once before any law sees the points, so every law, back-test and
// average is fitted to the same trimmed curve and the flagged points can be drawn as outliers.

/** Curves shorter than this are sweeps or evaluation series, not per-step logs: never trimmed. */
export const SPIKE_MIN_POINTS = 20;
/** Half-width (in points) of the running median the spikes are measured against. */
const HALF_WINDOW = 5;
/** A spike is this many robust standard deviations (1.4826·MAD of the log residuals) above the running median… */
const SPIKE_SIGMAS = 6;
/** …and at least this far above it in log y (2%), so a smooth, noiseless curve loses nothing. */
const SPIKE_MIN_LOG = 0.02;

/** Indices (into a curve sorted by x) of upward spikes in y; empty for short curves. */
export function findSpikes(y: Float64Array): number[] {
  const n = y.length;
  if (n < SPIKE_MIN_POINTS) return [];
  const ly = Float64Array.from(y, Math.log);
  // symmetric windows (narrower at the ends): on a monotone stretch the median is the point
  // itself, so the steep start of a curve is never mistaken for a spike. Typed arrays and one
  // reused window: per-step logs run to millions of points.
  const resid = new Float64Array(n);
  const win = new Float64Array(2 * HALF_WINDOW + 1);
  for (let i = 0; i < n; i++) {
    const h = Math.min(HALF_WINDOW, i, n - 1 - i);
    const w = win.subarray(0, 2 * h + 1);
    w.set(ly.subarray(i - h, i + h + 1));
    resid[i] = ly[i] - median(w);
  }
  const mad = median(resid.map(Math.abs));
  const limit = Math.max(SPIKE_SIGMAS * 1.4826 * mad, SPIKE_MIN_LOG);
  const out: number[] = [];
  for (let i = 0; i < n; i++) if (resid[i] > limit) out.push(i);
  // more than a tenth of the points "spiking" is the curve's shape, not spikes
  return out.length <= n / 10 ? out : [];
}

/** Median of v; sorts v in place (callers pass scratch arrays). */
function median(v: Float64Array): number {
  const s = v.sort();
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}
