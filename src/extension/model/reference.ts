// A reference run's final loss as the target of another run's early warning: the median of its
// last few logged losses (one spike or dip at the very end does not move it). Pure.
import type { LoadedRun } from '../../ingest/scheduleRuns';
import { ScalingLensError } from '../../core/types';
import { shortRunName } from './priorRuns';

/** Logged losses at the end of the reference run whose median is its final loss. */
export const FINAL_WINDOW = 5;

export interface ReferenceTarget {
  readonly loss: number;
  /** Last logged step of the reference run. */
  readonly step: number;
  /** "cosine_24000" */
  readonly name: string;
}

export function referenceTarget(run: Pick<LoadedRun, 'name' | 'steps' | 'loss'>): ReferenceTarget {
  const n = run.loss.length;
  const tail: number[] = [];
  for (let i = n - 1; i >= 0 && tail.length < FINAL_WINDOW; i--) if (Number.isFinite(run.loss[i]) && run.loss[i]! > 0) tail.push(run.loss[i]!);
  if (tail.length === 0) throw new ScalingLensError('too-few-points', `${shortRunName(run.name)} has no positive loss to compare against`);
  tail.sort((a, b) => a - b);
  const m = tail.length >> 1;
  const loss = tail.length % 2 ? tail[m]! : (tail[m - 1]! + tail[m]!) / 2;
  return { loss, step: run.steps[n - 1]!, name: shortRunName(run.name) };
}
