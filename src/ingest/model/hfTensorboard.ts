// The HF Trainer writes one run twice: to trainer_state.json at each checkpoint, and to TensorBoard
// (<output_dir>/runs/<date_host>/) at each logging step, under names its TensorBoardCallback
// rewrites (loss → train/loss, eval_loss → eval/loss). Read beside a trainer_state.json, the event
// files take the state's names back, so both are one run: the state is its history (it is the
// trajectory a resumed run kept), the events extend it past the last checkpoint.
import { splitOf } from './keys';
import type { RunData, SeriesData, XKind } from './model';

/** Logged values the state keeps as x fields of each entry, not as series. */
const X_OF_LOGGED: ReadonlyMap<string, XKind> = new Map([
  ['epoch', 'epoch'],
  ['num_input_tokens_seen', 'tokens'],
]);

/** The trainer_state.json name of a tag HF's TensorBoardCallback wrote (its rewrite_logs, undone). */
export function trainerStateKey(tag: string): string {
  if (tag.startsWith('eval/')) return `eval_${tag.slice(5)}`;
  if (tag.startsWith('test/')) return `test_${tag.slice(5)}`;
  if (tag.startsWith('train/')) return tag.slice(6);
  return tag;
}

function valuesByStep(s: SeriesData): Map<number, number> {
  const out = new Map<number, number>();
  const steps = s.x.step;
  if (steps) for (let i = 0; i < steps.length; i++) out.set(steps[i], s.y[i]);
  return out;
}

/**
 * An event-file run in the state's terms: keys renamed, epoch and tokens (logged as values) moved
 * onto each point as x, and only the state's axes kept (wall time would leave the history without it).
 */
export function asTrainerStateRun(run: RunData): RunData {
  const axes = new Map<XKind, Map<number, number>>();
  const kept: SeriesData[] = [];
  for (const s of run.series) {
    const key = trainerStateKey(s.key);
    const axis = X_OF_LOGGED.get(key);
    if (axis) axes.set(axis, valuesByStep(s));
    else if (s.x.step) kept.push({ ...s, key, split: splitOf(key) });
  }
  const series = kept.map((s): SeriesData => {
    const steps = s.x.step!;
    const x: Partial<Record<XKind, Float64Array>> = { step: steps };
    for (const [kind, byStep] of axes) x[kind] = Float64Array.from(steps, (st) => byStep.get(st) ?? NaN);
    return s.fitMask ? { key: s.key, split: s.split, x, y: s.y, fitMask: s.fitMask } : { key: s.key, split: s.split, x, y: s.y };
  });
  return { ...run, format: 'hf-trainer-state', series };
}

/** The first step the file logs: a resumed Trainer restarts there, orphaning later points of earlier files. */
export function firstStep(run: RunData): number {
  let first = Infinity;
  for (const s of run.series) for (const st of s.x.step ?? []) if (st < first) first = st;
  return first;
}

/** The last step a series holds (−∞ when none). */
export function lastStep(s: SeriesData | undefined): number {
  let last = -Infinity;
  for (const st of s?.x.step ?? []) if (st > last) last = st;
  return last;
}

/** Shared points compared per series: enough to tell two trainings apart, few enough to stay cheap. */
const COMPARED = 5;
/** Event files hold float32: 1e-4 relative is far past its rounding, far below two runs' difference. */
const SAME = 1e-4;

/**
 * Whether an event-file run (in the state's names) is the run whose history `series` holds: at the
 * first steps they share, most values agree. With no step shared it extends the history.
 */
export function continuesHistory(run: RunData, history: ReadonlyMap<string, SeriesData>): boolean {
  let compared = 0;
  let agreed = 0;
  for (const s of run.series) {
    const h = history.get(s.key);
    if (!h?.x.step) continue;
    const byStep = valuesByStep(h);
    const steps = s.x.step!;
    for (let i = 0, k = 0; i < steps.length && k < COMPARED; i++) {
      const v = byStep.get(steps[i]);
      if (v === undefined) continue;
      k++;
      compared++;
      if (Math.abs(v - s.y[i]) <= SAME * Math.max(1, Math.abs(v))) agreed++;
    }
  }
  return compared === 0 || agreed * 2 >= compared;
}
