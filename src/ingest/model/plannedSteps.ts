// A run's planned length in steps, when its log or config records one: Hugging Face's
// trainer_state.json keeps max_steps; configs say max_steps, max_iters (nanoGPT), total_steps…
// With it the schedule read off a logged LR need not guess where the run ends.
import type { RunData } from './model';
import { numberUnder } from './runConfig';

const PLANNED_KEYS = new Set(['max_steps', 'max_iters', 'total_steps', 'num_train_steps', 'train_steps', 'training_steps', 'total_iters', 'train_iters']);

export function plannedStepsOf(run: Pick<RunData, 'meta'>): number | undefined {
  const v = run.meta?.['max_steps'] ?? numberUnder(run.meta, PLANNED_KEYS)?.value;
  // Lightning's max_steps = -1 means "no limit"
  return typeof v === 'number' && Number.isFinite(v) && v > 0 ? v : undefined;
}
