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

/** Median of v; sorts v in place (callers pass scratch arrays or copies). */
export function medianInPlace(v: Float64Array): number {
  const s = v.sort();
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
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
