// The cuts through a run's LR decay that bench/scheduleDecayOnset.bench.ts and
// bench/scheduleLateDecay.ts forecast from: 1–70% of the decay's length (cosine: warmup to end;
// two-stage: the switch to the end; WSD: the decay), each the last logged step within that share
// and at least one step into the decay; a cut that repeats the previous one is skipped.
import { parseSchedule } from '../src/core/schedule/index';
import { SPECS } from '../test/unit/schedule/lrData';

export const DECAY_FRACTIONS = [0.01, 0.02, 0.05, 0.1, 0.2, 0.4, 0.7];

/** The decay's first step and length in steps; undefined for a schedule that holds its peak. */
export function decayWindow(name: string): { start: number; length: number } | undefined {
  const s = parseSchedule(SPECS[name]);
  if (s.kind === 'wsd') return { start: s.decay, length: s.total - s.decay };
  if (s.kind === 'two-stage') return { start: s.switch, length: s.total - s.switch };
  if (s.kind === 'cosine' || s.kind === 'linear') return { start: s.warmup, length: (s.until ?? s.total) - s.warmup };
  return undefined;
}

/** Per distinct cut: the share of the decay asked, and k, the number of logged rows kept. */
export function decayCuts(steps: readonly number[], w: { start: number; length: number }): { f: number; k: number }[] {
  const out: { f: number; k: number }[] = [];
  let prevK = -1;
  for (const f of DECAY_FRACTIONS) {
    const target = w.start + f * w.length;
    let k = steps.findIndex((s) => s > target);
    if (k < 0) k = steps.length;
    k = Math.max(k, steps.findIndex((s) => s > w.start) + 1);
    if (k === prevK) continue;
    prevK = k;
    out.push({ f, k });
  }
  return out;
}
