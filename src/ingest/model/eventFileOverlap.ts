// A restarted job's new events file often has no SessionLog START (TF2/Keras writers never write
// one; PyTorch only with purge_step): it simply logs again from its checkpoint's step. TensorBoard
// reads a step that goes back as a restart too ("out of order event.step … purging", per tag):
// the earlier points of that tag from that step on are orphaned and the new file's kept.
import { lastStep } from './hfTensorboard';
import type { SeriesData } from './model';
import { keepBeforeStep } from './seriesMerge';

export function firstStepOf(s: SeriesData): number {
  let first = Infinity;
  for (const st of s.x.step ?? []) if (st < first) first = st;
  return first;
}

/** `earlier` without the points that `later` logs again (its first step and on), and how many went. */
export function orphanedByLater(earlier: SeriesData, later: SeriesData): { series: SeriesData; dropped: number } {
  const from = firstStepOf(later);
  // a file that continues past the earlier one's end orphans nothing
  if (!Number.isFinite(from) || !(from <= lastStep(earlier))) return { series: earlier, dropped: 0 };
  return keepBeforeStep(earlier, from);
}
