// The selected curves as the panel draws them: each with its fit (an older one marked stale over
// the newest points until its refit lands), or its data alone.
import { displaySplit, staleSplit } from '../model/displaySplit';
import type { AnalyzedCurve } from '../panel/viewModel';
import type { LensSession } from '../session';

/** Fitted when the analysis is of the current data; else the older fit over the current points. */
export function analyzedSelectionOf(session: LensSession): (AnalyzedCurve & { target: number | undefined; targetText: string; atScheduleEnd?: true; stale: boolean; fittedOn: number })[] {
  const s = session.settings();
  return session.selectedRefs().map((ref) => {
    const data = session.points(ref);
    // a score that rises as no accuracy does is not fitted: its data alone, never a fit left from before it rose
    const cached = session.risingOf(data)?.refused ? undefined : session.fits.get(ref.id);
    if (cached) {
      const stale = cached.key !== session.keyOf(data, session.optionsFor(ref, data));
      // an older fit stays on screen (marked stale) over the newest points until its refit lands
      const analysis = stale ? { ...cached.analysis, ...staleSplit(data, s.holdoutFraction, cached.analysis) } : cached.analysis;
      return { id: ref.id, label: ref.label, analysis, target: cached.target, targetText: cached.targetText, ...(cached.atScheduleEnd ? { atScheduleEnd: true as const } : {}), stale, fittedOn: cached.points };
    }
    // not fitted (too few points, fit error, still running): show the data alone
    const error = session.fits.error(ref.id);
    return {
      id: ref.id,
      label: ref.label,
      analysis: { ...displaySplit(data, s.holdoutFraction), estimators: [], auto: null, warnings: error ? [error] : [] },
      target: session.targetFor(ref),
      targetText: session.targetText,
      ...(session.scheduleEndOf(ref) ? { atScheduleEnd: true as const } : {}),
      stale: false,
      fittedOn: 0,
    };
  });
}
