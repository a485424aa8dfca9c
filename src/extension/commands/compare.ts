// "Scaling Lens: Compare Estimators": every curve law fitted as in Fit, plus the back-test view —
// each law refitted on prefixes (x ≤ xmax / r) and scored on the rest, its error drawn against the
// extrapolation factor r. Computed on the fit worker after each refit of the first selected curve.
import { fittedPointsOf } from '../../core/accuracyFit';
import { errorNameOf } from '../../core/yMetric';
import { CancelledError } from '../fitClient';
import { errorMessage, log } from '../log';
import { BACKTEST_FACTORS, buildBacktestView } from '../model/backtestView';
import type { LensPanel } from '../panel/lensPanel';
import type { Services } from '../services';
import { slotsOf } from '../panel/estimatorSlot';

/** Turns `panel` into a Compare Estimators panel: its refits also compute the back-test view. */
export function enableCompare(s: Services, panel: LensPanel): void {
  panel.session.compare = true;
  panel.session.laws = s.sessionDeps.curveLaws();
  let lastKey = '';
  panel.afterFit = async (p) => {
    const { session } = p;
    const id = session.selected[0];
    const ref = session.curves.find((c) => c.id === id);
    const analysis = id ? session.analysisOf(id) : undefined;
    if (!ref || !analysis || !session.compare) return;
    const key = JSON.stringify([id, session.columns, analysis.fitPoints.length, analysis.fitPoints.at(-1), analysis.auto?.law]);
    if (key === lastKey && session.backtest) return;
    // the laws in the table, auto's average included, in the table's order; colours by law, as the table's
    const laws = analysis.estimators.map((e) => e.law);
    try {
      // the back-tests rehearse the fit as it was made: of an accuracy's error, so named
      const results = await s.fit.backtest(fittedPointsOf(analysis), laws, BACKTEST_FACTORS, session.upperBoundOf(ref));
      const asError = analysis.fittedAsError;
      session.backtest = buildBacktestView({
        curve: asError ? `${ref.label} (${errorNameOf(asError.name, asError.scale)}, as fitted)` : ref.label,
        factors: BACKTEST_FACTORS,
        results,
        lawOf: s.sessionDeps.lawOf,
        colorOf: slotsOf(laws),
        ...(analysis.auto ? { auto: analysis.auto } : {}),
        ...(analysis.notAutoCandidates ? { notAutoCandidates: analysis.notAutoCandidates } : {}),
        ...(analysis.cutWeights ? { cutWeights: analysis.cutWeights } : {}),
      });
      lastKey = key;
    } catch (err) {
      if (err instanceof CancelledError) return;
      log().warn(`back-test of ${ref.label} failed: ${errorMessage(err)}`);
      session.backtest = undefined;
    }
  };
}
