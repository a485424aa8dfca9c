// A run's planned length in steps, when its log records one: Hugging Face's trainer_state.json
// keeps max_steps (read into the run's meta). With it the schedule read off a logged LR need not
// guess where the run ends.
import type { RunData } from './model';

export function plannedStepsOf(run: Pick<RunData, 'meta'>): number | undefined {
  const v = run.meta?.['max_steps'];
  return typeof v === 'number' && Number.isFinite(v) && v > 0 ? v : undefined;
}
