// Megatron-LM's TensorBoard writer logs each scalar twice: "<key>" at the iteration, and
// "<key> vs samples" with the consumed samples in the step field. Read as they are, the second is
// a curve against a "step" that is not one. Here it becomes the samples axis of "<key>" (the same
// values, logged by the same call), or, alone, a curve whose x is samples.
import type { RunData, SeriesData, XKind } from './model';

const VERSUS = / vs (samples|tokens)$/;

/** Whether `a` and `b` hold the same values over their common length (a live read may have one more). */
function sameValues(a: Float64Array, b: Float64Array): boolean {
  if (Math.abs(a.length - b.length) > 1) return false;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i] && !(Number.isNaN(a[i]) && Number.isNaN(b[i]))) return false;
  return true;
}

function axisOf(counts: Float64Array, length: number): Float64Array {
  if (counts.length === length) return counts;
  const out = new Float64Array(length).fill(NaN);
  out.set(counts.subarray(0, Math.min(length, counts.length)));
  return out;
}

export function withVersusAxes(run: RunData): RunData {
  if (!run.series.some((s) => VERSUS.test(s.key))) return run;
  const replaced = new Map<string, SeriesData>(run.series.map((s) => [s.key, s]));
  const dropped = new Set<string>();
  for (const s of run.series) {
    const m = VERSUS.exec(s.key);
    if (!m || !s.x.step) continue;
    const kind: XKind = m[1] === 'samples' ? 'samples' : 'tokens';
    const baseKey = s.key.slice(0, m.index);
    const base = replaced.get(baseKey);
    if (base && !base.x[kind] && sameValues(base.y, s.y)) {
      replaced.set(baseKey, { ...base, x: { ...base.x, [kind]: axisOf(s.x.step, base.y.length) } });
      dropped.add(s.key);
    } else {
      replaced.set(s.key, { ...s, x: { [kind]: s.x.step } });
    }
  }
  return { ...run, series: run.series.filter((s) => !dropped.has(s.key)).map((s) => replaced.get(s.key)!) };
}
