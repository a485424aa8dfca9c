// What a LensSession is given (the analysis, settings and law registry, injected so tests and the
// host choose where fits run) and the shapes it keeps and answers with.
import type { AnalyzeOptions, CurveAnalysis, Point } from '../../core/analysis';
import type { Law } from '../../core/types';
import type { LossReach } from '../../core/reach';
import type { ForecastFn } from '../model/forecastState';
import type { Settings } from '../settings';

/** Where a curve reaches a loss, and by which estimator (the Predict box's "when does the loss reach 2.5?"). */
export interface ReachAnswer extends LossReach {
  readonly curve: string;
  /** The law whose fit answered; absent when the log itself did (a loss it already got to). */
  readonly law?: string;
  readonly lawName?: string;
}

/** The part of vscode.CancellationToken the session needs (kept structural so tests need no vscode). */
export interface CancelToken {
  readonly isCancellationRequested: boolean;
  onCancellationRequested(listener: () => void): { dispose(): void };
}

export type AnalyzeFn = (points: readonly Point[], options: Omit<AnalyzeOptions, 'isCancelled'>, token?: CancelToken) => Promise<CurveAnalysis>;

export interface SessionDeps {
  readonly analyze: AnalyzeFn;
  /** The settings that apply to `file` (a folder's own settings in a multi-root workspace). */
  readonly settings: (file?: string) => Settings;
  readonly lawOf: (id: string) => Law | undefined;
  readonly knownLaws: () => readonly string[];
  /** The one-input learning-curve laws (M1–M4, BNSL 0–3). */
  readonly curveLaws: () => readonly string[];
  /** Metric bound from the run's metadata (the benchmark's IC and BB domains are error rates: 1). */
  readonly upperBoundOf?: (meta: Record<string, string | number> | undefined) => number | undefined;
  /** Runs a schedule-aware forecast (the fit worker); without it the panel has no forecast. */
  readonly forecast?: ForecastFn;
}

export interface CachedAnalysis {
  readonly key: string;
  readonly analysis: CurveAnalysis;
  /** The x its predictions were asked at (a relative target moves as the data grow). */
  readonly target: number | undefined;
  readonly targetText: string;
  readonly points: number;
  /** Fitted without the bootstrap: shown while the intervals are computed (a tenth of the time first). */
  readonly partial?: true;
  /** `target` is the end of the schedule set on the panel, not the default multiple `targetText` says. */
  readonly atScheduleEnd?: true;
}

/** A curve's points as fitted, with the train/held-out split a table gives. */
export type CurveData = { points: Point[]; trainMask?: boolean[] };
