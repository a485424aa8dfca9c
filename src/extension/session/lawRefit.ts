// The law refit of a session's selected curves: what changed is analysed (point fits first for a
// curve that shows none yet), each landing in the session's fit cache.
import { analysisAsAccuracy, flipped } from '../../core/accuracyFit';
import type { CurveRef } from '../model/curves';
import type { LensSession } from '../session';
import type { CancelToken } from './sessionDeps';

/**
 * Analyses the selected curves whose data, columns, target or settings changed. With
 * `onPointFits`, curves that show no fit yet get their fits without the bootstrap first (about a
 * tenth of the time; `onPointFits` is called then), and their intervals after; a curve that
 * shows a fit keeps it, marked stale, until the whole refit lands.
 */
export async function refitLawsOf(session: LensSession, token?: CancelToken, onPointFits?: () => void): Promise<void> {
  const due = session.fittedRefs().filter((ref) => !session.fitIsCurrent(ref));
  const bare = onPointFits && session.settings().bootstrapSamples > 0 ? due.filter((ref) => !session.fits.has(ref.id)) : [];
  for (const ref of bare) if (!(await analyzeInto(session, ref, token, true))) return;
  if (bare.length > 0) onPointFits?.();
  for (const ref of due) if (!(await analyzeInto(session, ref, token, false))) return;
}

/** Analyses one curve into the cache (its error instead when it fails); false when cancelled. */
async function analyzeInto(session: LensSession, ref: CurveRef, token: CancelToken | undefined, partial: boolean): Promise<boolean> {
  if (token?.isCancellationRequested) return false;
  const data = session.points(ref);
  const options = session.optionsFor(ref, data);
  const key = session.keyOf(data, options);
  // the target the fit is asked for, read now: a log that grows while it runs moves a relative
  // target (10x) on, and the fit's predictions are at this one
  const target = session.targetFor(ref);
  const targetText = session.targetText;
  const atScheduleEnd = session.scheduleEndOf(ref) !== undefined;
  try {
    // an accuracy is fitted as its error, and every value of its analysis read back as the accuracy
    const asError = session.risingOf(data)?.fit;
    const fitted = await session.deps.analyze(asError ? flipped(data.points, asError.scale) : data.points, partial ? { ...options, bootstrap: 0 } : options, token);
    const analysis = asError ? analysisAsAccuracy(fitted, asError) : fitted;
    session.fits.landed(ref.id, { key, analysis, target, targetText, points: data.points.length, ...(partial ? { partial } : {}), ...(atScheduleEnd ? { atScheduleEnd } : {}) });
  } catch (err) {
    if (token?.isCancellationRequested) return false;
    if (err instanceof Error && err.name === 'CancelledError') throw err;
    session.fits.failed(ref.id, err instanceof Error ? err.message : String(err));
  }
  return true;
}
