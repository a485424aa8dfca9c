// The minimum of a function of one variable that is smooth but may have kinks and shallow
// plateaus (a loss or cost against log N): a scan of evenly spaced points finds the valley, a
// golden-section search inside the two cells around the best point refines it. No derivative,
// no starting guess; the scan's ends are reported so a caller can say the minimum lies outside.
const GOLDEN = (Math.sqrt(5) - 1) / 2;

export interface ScanMinimum {
  readonly x: number;
  /** The scan's best point was its first or last: the minimum may lie outside [lo, hi]. */
  readonly atEdge: boolean;
}

export function scanMinimum(f: (x: number) => number, lo: number, hi: number, points: number): ScanMinimum {
  const step = (hi - lo) / (points - 1);
  let best = 0;
  let bestValue = Infinity;
  for (let k = 0; k < points; k++) {
    const v = f(lo + k * step);
    if (v < bestValue) {
      bestValue = v;
      best = k;
    }
  }
  let a = lo + Math.max(0, best - 1) * step;
  let b = lo + Math.min(points - 1, best + 1) * step;
  for (let k = 0; k < 100 && b - a > 1e-12 * Math.max(1, Math.abs(a)); k++) {
    const c = b - GOLDEN * (b - a);
    const d = a + GOLDEN * (b - a);
    if (f(c) < f(d)) b = d;
    else a = c;
  }
  return { x: (a + b) / 2, atEdge: best === 0 || best === points - 1 };
}
