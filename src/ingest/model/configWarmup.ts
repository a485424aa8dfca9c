// A run's learning-rate warmup as its config states it, for a log that does not record the LR
// (nanoGPT's stdout, a Lightning run without a LearningRateMonitor, a W&B history without `lr`):
// the schedule the config states in full (configSchedule.ts), else a warmup length under one of
// the names trainers give it. A stated plan, so no rule is fitted to any curve to find it.
import type { RunData } from './model';
import { scheduleOfConfig } from './configSchedule';
import { plannedStepsOf } from './plannedSteps';
import { numberUnder } from './runConfig';

export interface ConfigWarmup {
  /** Optimizer steps of warmup, the unit of a log's step axis. */
  readonly steps: number;
  /** Where it was read, for the fit's warning ("warmup_steps 2000 in the run's config"). */
  readonly from: string;
}

/**
 * Warmup lengths in steps: Hugging Face's warmup_steps (and get_scheduler's num_warmup_steps),
 * nanoGPT's warmup_iters, Megatron's lr_warmup_iters, fairseq's warmup_updates, litgpt's
 * lr_warmup_steps, OLMo's t_warmup.
 */
const STEP_KEYS = new Set(['warmup_steps', 'num_warmup_steps', 'warmup_iters', 'lr_warmup_iters', 'warmup_updates', 'lr_warmup_steps', 't_warmup']);
/** Warmup as a share of the planned steps: Hugging Face's warmup_ratio, litgpt's and Megatron's lr_warmup_fraction. */
const SHARE_KEYS = new Set(['warmup_ratio', 'lr_warmup_fraction']);

/** A 0 says "none" under one name, not under all: the first positive number is the warmup. */
const positive = (v: number): boolean => Number.isFinite(v) && v > 0;

/** The warmup the run's config states, or undefined: no config, none stated, or a warmup of 0. */
export function warmupOfConfig(run: Pick<RunData, 'meta'>): ConfigWarmup | undefined {
  const meta = run.meta;
  if (!meta) return undefined;
  const planned = plannedStepsOf(run);
  const schedule = scheduleOfConfig(meta, planned);
  // a schedule read in full has weighed the names against each other (HF: warmup_steps over warmup_ratio)
  if (schedule?.ok) return schedule.spec.warmup > 0 ? { steps: schedule.spec.warmup, from: `the schedule in the run's config, ${schedule.text}` } : undefined;
  const stated = numberUnder(meta, STEP_KEYS, positive);
  if (stated) return { steps: stated.value, from: `${stated.key} ${stated.value} in the run's config` };
  const share = numberUnder(meta, SHARE_KEYS, positive);
  if (share && share.value < 1 && planned !== undefined) {
    return { steps: Math.ceil(share.value * planned), from: `${share.key} ${share.value} of ${planned} planned steps in the run's config` };
  }
  return undefined;
}
