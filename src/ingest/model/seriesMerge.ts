// Editing a run's series by step: appending a restarted writer's points, dropping the points a
// restart superseded. New arrays every time: a decoder's views must not be edited (a live tail
// keeps appending to them).
import { firstStep } from './hfTensorboard';
import type { RunData, SeriesData, XKind } from './model';

function concat(a: Float64Array, b: Float64Array): Float64Array {
  const out = new Float64Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}

function nanArray(n: number): Float64Array {
  return new Float64Array(n).fill(NaN);
}

/** Appends b's points after a's (restarted writers, several event files of one run). */
export function mergeSeries(a: SeriesData, b: SeriesData): SeriesData {
  const x: Partial<Record<XKind, Float64Array>> = {};
  const kinds = new Set([...Object.keys(a.x), ...Object.keys(b.x)] as XKind[]);
  for (const k of kinds) x[k] = concat(a.x[k] ?? nanArray(a.y.length), b.x[k] ?? nanArray(b.y.length));
  const labels = a.xLabels || b.xLabels ? { xLabels: { ...a.xLabels, ...b.xLabels } } : {};
  const merged: SeriesData = { key: a.key, split: a.split, x, y: concat(a.y, b.y), ...labels };
  if (!a.fitMask && !b.fitMask) return merged;
  const mask = new Uint8Array(a.y.length + b.y.length).fill(1);
  if (a.fitMask) mask.set(a.fitMask, 0);
  if (b.fitMask) mask.set(b.fitMask, a.y.length);
  return { ...merged, fitMask: mask };
}

/** Points of `s` with step < `from` (points without a step are kept); `s` itself when none go. */
export function keepBeforeStep(s: SeriesData, from: number): { series: SeriesData; dropped: number } {
  return keepSteps(s, (step) => !(step >= from));
}

/** Points of `s` whose step passes `keepStep`; `s` itself when none go. */
export function keepSteps(s: SeriesData, keepStep: (step: number) => boolean): { series: SeriesData; dropped: number } {
  const steps = s.x.step;
  if (!steps) return { series: s, dropped: 0 };
  const keep: number[] = [];
  for (let i = 0; i < steps.length; i++) if (keepStep(steps[i])) keep.push(i);
  const dropped = steps.length - keep.length;
  if (dropped === 0) return { series: s, dropped };
  // new arrays: a decoder's views must not be edited (a live tail keeps appending to them)
  const pick = (a: Float64Array): Float64Array => Float64Array.from(keep, (i) => a[i]);
  const x: Partial<Record<XKind, Float64Array>> = {};
  for (const k of Object.keys(s.x) as XKind[]) x[k] = pick(s.x[k]!);
  const out: SeriesData = { key: s.key, split: s.split, x, y: pick(s.y), ...(s.xLabels ? { xLabels: s.xLabels } : {}) };
  return { series: s.fitMask ? { ...out, fitMask: Uint8Array.from(keep, (i) => s.fitMask![i]) } : out, dropped };
}

/**
 * A resumed writer's `run` over `series` (by key): the points at and after its first step that
 * `series` holds are dropped, its own appended. The number of points dropped.
 */
export function supersedeWith(series: Map<string, SeriesData>, run: RunData): number {
  const from = firstStep(run);
  let dropped = 0;
  for (const [key, s] of series) {
    const kept = keepBeforeStep(s, from);
    dropped += kept.dropped;
    series.set(key, kept.series);
  }
  for (const s of run.series) {
    const prev = series.get(s.key);
    series.set(s.key, prev ? mergeSeries(prev, s) : s);
  }
  return dropped;
}
