// Where a watch asks the laws for its status-bar prediction. The default target is a multiple
// (10x) of the newest x, so on a growing log it slides on with every step, soon far past the step
// the run is planned to end at, where this run shows no loss at all. A watched run heads for its
// planned end, so that is where the prediction goes while the target is the default multiple; a
// target the user typed is their question and stays. Pure.
import { atPlannedEnd, type PlannedEnd } from '../model/plannedEnd';

export interface WatchTargetFacts {
  readonly end: PlannedEnd | undefined;
  /** The data's last x (the end must be ahead of it: a run past its plan has outgrown it). */
  readonly lastX: number | undefined;
  /** The target was typed (panel, Predict) rather than the setting's default. */
  readonly typed: boolean;
  /** The target is a multiple of the data (10x), which slides as the log grows. */
  readonly relative: boolean;
}

/** The planned end when the watch predicts there instead of at the target; undefined keeps the target. */
export function watchPredictionEnd(f: WatchTargetFacts): PlannedEnd | undefined {
  if (!f.end || f.typed || !f.relative) return undefined;
  if (f.lastX === undefined || !(f.end.x > f.lastX)) return undefined;
  return f.end;
}

/**
 * The planned end when the log has reached it and the target is the default multiple: a 10x past
 * the end would be no loss this run shows, so the watch predicts nothing further; undefined otherwise.
 */
export function watchReachedEnd(f: WatchTargetFacts): PlannedEnd | undefined {
  if (!f.end || f.typed || !f.relative || f.lastX === undefined) return undefined;
  return atPlannedEnd(f.lastX, f.end.x) ? f.end : undefined;
}
