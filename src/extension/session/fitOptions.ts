// What a curve's analysis is asked (laws, targets, bootstrap, warmup, split, bound) and the key
// that says whether a cached analysis answers it still.
import type { AnalyzeOptions } from '../../core/analysis';
import type { ErrorFit } from '../../core/accuracyFit';
import type { Columns, CurveRef } from '../model/curves';
import { predictionGrid } from '../panel/viewModel';
import type { LensSession } from '../session';
import type { CurveData } from './sessionDeps';

/** The laws to fit: the panel's, else the setting's, of those registered; the curve laws when none is. */
export function lawIdsOf(session: LensSession): string[] {
  const known = new Set(session.deps.knownLaws());
  const wanted = session.laws ?? session.settings().estimators;
  const ids = wanted.filter((id) => known.has(id));
  return ids.length > 0 ? ids : [...session.deps.curveLaws()];
}

/** A metric bounded above (an error rate: 1), from the run's metadata or the key's name. */
export function upperBoundOf(session: LensSession, ref: CurveRef, data: CurveData): number | undefined {
  const fromMeta = session.deps.upperBoundOf?.(session.source?.runs[ref.runIndex]?.meta);
  return fromMeta ?? (/err|acc/i.test(ref.key) && data.points.every((p) => p.y <= 1) ? 1 : undefined);
}

/** What the curve's analysis is asked: laws, the target's grid, bootstrap, the fit's start past a warmup, the held-out split, a bound. */
export function fitOptionsOf(session: LensSession, ref: CurveRef, data: CurveData): Omit<AnalyzeOptions, 'isCancelled'> {
  const s = session.settings();
  const target = session.targetFor(ref);
  const upperBound = upperBoundOf(session, ref, data);
  const warmup = data.trainMask || s.fitWarmup ? undefined : session.warmupEnds.of(session.source, ref, session.columns?.x);
  return {
    laws: lawIdsOf(session),
    targets: predictionGrid(data.points, target),
    bootstrap: s.bootstrapSamples,
    seed: 1,
    ...(warmup ? { fitFrom: warmup.at, fitFromSource: warmup.from } : {}),
    ...(data.trainMask ? { trainMask: data.trainMask } : s.holdoutFraction > 0 ? { holdoutFrac: s.holdoutFraction } : {}),
    ...(upperBound !== undefined ? { upperBound } : {}),
  };
}

/** What a fit of `data` with `options` is of (`asError`: an accuracy fitted as its error): a cached analysis with another key is stale. */
export function fitKeyOf(columns: Columns | undefined, data: CurveData, options: Omit<AnalyzeOptions, 'isCancelled'>, asError?: ErrorFit): string {
  const { trainMask, ...rest } = options;
  return JSON.stringify([columns, data.points.length, data.points[data.points.length - 1], rest, trainMask ? trainMask.filter(Boolean).length : -1, ...(asError ? [asError] : [])]);
}
