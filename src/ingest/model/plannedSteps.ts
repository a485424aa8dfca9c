// A run's planned length in steps, when its log or config records one: Hugging Face's
// trainer_state.json keeps max_steps; configs say max_steps, max_iters (nanoGPT), max_update
// (fairseq), total_steps…; prose logs print it after the step ("iteration 100/ 500000").
// With it the schedule read off a logged LR need not guess where the run ends.
import type { RunData } from './model';
import { numberUnder } from './runConfig';
import { totalOf } from './keys';
import { stepsOfSamples } from './configTokens';

const PLANNED_KEYS = new Set(['max_steps', 'max_iters', 'total_steps', 'num_train_steps', 'train_steps', 'training_steps', 'total_iters', 'train_iters', 'max_update']);

/** A prose log's "step 100/19560" total, kept as `<step key>_total` (step_total, iteration_total). */
function loggedTotal(meta: RunData['meta']): number | undefined {
  for (const [key, v] of Object.entries(meta ?? {})) if (typeof v === 'number' && totalOf(key) === 'step') return v;
  return undefined;
}

/** Megatron trained by samples: train_samples at a constant global batch. */
function samplesPlan(meta: RunData['meta']): number | undefined {
  const samples = numberUnder(meta, new Set(['train_samples']))?.value;
  return samples !== undefined ? stepsOfSamples(meta, samples) : undefined;
}

export function plannedStepsOf(run: Pick<RunData, 'meta'>): number | undefined {
  const v = run.meta?.['max_steps'] ?? numberUnder(run.meta, PLANNED_KEYS)?.value ?? loggedTotal(run.meta) ?? samplesPlan(run.meta);
  // Lightning's max_steps = -1 means "no limit"
  return typeof v === 'number' && Number.isFinite(v) && v > 0 ? v : undefined;
}
