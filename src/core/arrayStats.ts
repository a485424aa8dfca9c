// Minimum, maximum and extent of long arrays in one loop. `Math.min(...a)` and `push(...a)` put
// every element on the call stack, which overflows past ~125k elements (per-step training logs
// have millions), so whole-series reductions and appends go through these instead.

/** Smallest finite-or-not value (NaN is skipped); Infinity when there is none. */
export function minOf(values: ArrayLike<number>): number {
  let m = Infinity;
  for (let i = 0; i < values.length; i++) if (values[i] < m) m = values[i];
  return m;
}

/** Largest value (NaN is skipped); -Infinity when there is none. */
export function maxOf(values: ArrayLike<number>): number {
  let m = -Infinity;
  for (let i = 0; i < values.length; i++) if (values[i] > m) m = values[i];
  return m;
}

/** [min, max] (NaN skipped); [Infinity, -Infinity] when empty. */
export function extent(values: ArrayLike<number>): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return [lo, hi];
}

/** Largest `f(item)` over the items (NaN skipped); -Infinity when there is none. */
export function maxBy<T>(items: ArrayLike<T>, f: (item: T) => number): number {
  let m = -Infinity;
  for (let i = 0; i < items.length; i++) {
    const v = f(items[i]);
    if (v > m) m = v;
  }
  return m;
}

/** Smallest `f(item)` over the items (NaN skipped); Infinity when there is none. */
export function minBy<T>(items: ArrayLike<T>, f: (item: T) => number): number {
  let m = Infinity;
  for (let i = 0; i < items.length; i++) {
    const v = f(items[i]);
    if (v < m) m = v;
  }
  return m;
}

/**
 * Robust σ of each value's own noise, from differences `lag` values apart (they cancel a slow
 * trend): 1.4826·MAD(|Δ|) ÷ √2. NaN for `lag` or fewer values.
 */
export function successiveNoise(values: ArrayLike<number>, lag = 1): number {
  const d = new Float64Array(Math.max(0, values.length - lag));
  for (let i = lag; i < values.length; i++) d[i - lag] = Math.abs(values[i]! - values[i - lag]!);
  return (1.4826 * medianInPlace(d)) / Math.SQRT2;
}

/**
 * Median of v (NaN when empty); reorders v in place (callers pass scratch arrays or copies). Linear
 * time by selection, not a sort: the panel takes medians of bins of a 10M-point log.
 */
export function medianInPlace(v: Float64Array): number {
  const n = v.length;
  for (let i = 0; i < n; i++) {
    if (v[i] !== v[i]) {
      // NaN present: a typed sort puts it last, as before
      const s = v.sort();
      const m = n >> 1;
      return n % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
    }
  }
  if (n === 0) return NaN;
  const m = n >> 1;
  selectInPlace(v, m);
  if (n % 2) return v[m];
  // the other middle value is the largest of those left of the m-th
  let below = -Infinity;
  for (let i = 0; i < m; i++) if (v[i] > below) below = v[i];
  return (below + v[m]) / 2;
}

/** Puts the k-th smallest of v at index k, smaller or equal ones before it (Hoare's selection, median-of-three pivot). */
function selectInPlace(v: Float64Array, k: number): void {
  let left = 0;
  let right = v.length - 1;
  while (right > left) {
    const a = v[left];
    const b = v[(left + right) >> 1];
    const c = v[right];
    const pivot = a < b ? (b < c ? b : a < c ? c : a) : a < c ? a : b < c ? c : b;
    let i = left;
    let j = right;
    while (i <= j) {
      while (v[i] < pivot) i++;
      while (v[j] > pivot) j--;
      if (i <= j) {
        const t = v[i];
        v[i] = v[j];
        v[j] = t;
        i++;
        j--;
      }
    }
    if (k <= j) right = j;
    else if (k >= i) left = i;
    else return;
  }
}

/** Appends every item of `items` to `target` (what `target.push(...items)` does, for any length). */
export function pushAll<T>(target: T[], items: ArrayLike<T> | Iterable<T>): T[] {
  if (isArrayLike(items)) for (let i = 0; i < items.length; i++) target.push(items[i]);
  else for (const v of items) target.push(v);
  return target;
}

function isArrayLike<T>(v: ArrayLike<T> | Iterable<T>): v is ArrayLike<T> {
  return typeof (v as ArrayLike<T>).length === 'number';
}

/** The first index i with a[i] >= v in ascending `a` (a.length when none). */
export function lowerBound(a: ArrayLike<number>, v: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (a[mid]! < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
