// The back-tested choice of estimator. Only back-test scores (computed on the fit points) are
// looked at, never held-out points.
import type { AutoChoice } from './analysis';
import { DEFAULT_CUT_WEIGHTS, type LawBacktest } from './backtest';
import { getLaw, simplestEquivalent } from './laws/index';
import { avgId, baseWeights } from './laws/mix';
import { formatAmount, formatPercent, listText } from './units';
import type { Upturn } from './upturn';

/**
 * How many of the best back-tested laws auto averages (geometric mean of their predictions).
 * One curve's back-test ranks close laws unreliably, and the top laws' errors partly cancel.
 * There is no per-law prior: laws are ranked by their back-test score alone, the figure the
 * candidate table shows. k was chosen leave-one-set-out over the RNSL domains and the real-curve
 * corpus (bench/realCurves.bench.ts), see docs/benchmarks.md's figures.
 */
export const AUTO_TOP_K = 3;

/**
 * Below this many back-tested points the cuts are weighted evenly, from it on by DEFAULT_CUT_WEIGHTS
 * (the shortest rehearsal counting most). On a short curve each cut scores a handful of points, so
 * leaning on one cut ranks laws on noise. Chosen leave-one-set-out over the RNSL domains and the
 * real-curve corpus (`npm run bench autoRules`: the other sets picked it in 13 of 14 folds; over
 * all sets, auto ÷ the best of single candidate and naive baselines 1.0088 vs 1.0260 for fixed
 * [3, 1, 0.5]).
 */
export const EVEN_CUT_WEIGHTS_BELOW = 50;

/**
 * 'flat' joins the average (as one more part) when its back-test is within this factor of the
 * best law's: the back-tests say the curve is flattening, so the forecast is pulled toward the
 * recent level. Chosen leave-one-set-out with the cut weights above (`npm run bench autoRules`:
 * picked in 13 of 14 folds; all sets 1.0088 vs 1.0101 without it; before Mamba's fit started
 * after its warmup it changed RNSL BB only, 0.0118 vs 0.0120).
 */
export const FLAT_JOINS_WITHIN = 1.25;

/** The back-test cut weights auto ranks by for a curve of `nPoints` back-tested points. */
export function cutWeightsFor(nPoints: number): readonly number[] {
  return nPoints < EVEN_CUT_WEIGHTS_BELOW ? DEFAULT_CUT_WEIGHTS.map(() => 1) : DEFAULT_CUT_WEIGHTS;
}

/**
 * The law auto falls back on when the fit points are too few to back-test anything (every prefix
 * would have fewer than 3 points), in order of preference among the laws that fitted. Measured by
 * `npm run bench autoRules` on the fits with at most 8 points in the RNSL benchmark and the
 * real-curve corpus (6 curves, mean held-out RMSLE): M2 0.0112 (6 of 6 fitted), M4 0.0113 (4),
 * mix 0.0175 (4), BNSL-1 0.0208 (2), M3 0.0232, loglin 0.0266, flat 0.0676; and by `npm run bench
 * autoShort` on sweeps of 3 sizes cut from every RNSL and corpus curve (122 fits, 9 sets), where M2
 * is the best law or within 5% of it on 8 of 9 sets (not the LR schedules: loglin 0.0095 vs 0.0103).
 * The geometric mean of every fallback law that fitted did better on 2 sets and worse on 3. When
 * only loglin and flat fitted (2 points), see DAMPED_TREND.
 */
export const SHORT_CURVE_FALLBACK: readonly string[] = ['m2', 'm4', 'mix', 'bnsl-1', 'm3', 'loglin', 'flat'];

/**
 * A falling curve with only the trend laws fitted (2 points: no law with a level can be fitted)
 * gets the geometric mean of the line through its points and its last level: the trend damped by
 * half, since a learning curve's log-log slope flattens. `npm run bench autoShort`: on sweeps of 2
 * sizes cut from every RNSL and corpus curve (122 fits, 9 sets) it beat the last level held on 8 of
 * 9 sets (RNSL IC 0.0352 vs 0.0689; not T5, 0.0328 vs 0.0145) and the undamped line on all 9; on
 * the RNSL NMT 25% prefixes (2 fit points) 0.167 vs flat 0.586 and E + A·x^−a 0.204. The share ½
 * was picked in 9 of 9 leave-one-set-out folds among ¼, ½, ¾ and the line. A pair that does not
 * fall is held flat: a rise seen in 2 points is not extrapolated (no such pair in the data).
 */
export const DAMPED_TREND = avgId(['flat', 'loglin']);

/**
 * Ranks laws by back-test score (lower is better; see LawBacktest.score, which already charges a
 * missing cut) and picks the `k` best: one law when only one could be back-tested, else
 * 'avg(a+b+c)' with parts in candidate order. When no law could be back-tested but some fitted
 * (`fitted`, in candidate order), falls back on SHORT_CURVE_FALLBACK (DAMPED_TREND for a falling
 * curve, `curve.falling`, when only loglin and flat fitted) and says so.
 */
export function chooseLaw(
  scores: ReadonlyMap<string, LawBacktest>,
  fitted: readonly string[] = [],
  k = AUTO_TOP_K,
  curve: { readonly falling?: boolean } = {},
): AutoChoice | null {
  const ranked = [...scores]
    .filter(([, b]) => Number.isFinite(b.score))
    .map(([id, b]) => ({ id, score: b.score, charged: b.charged }))
    .sort((a, b) => a.score - b.score);
  if (ranked.length === 0) return fallBack(fitted, curve.falling === true);
  const nCuts = Math.max(...[...scores.values()].map((b) => b.perCut.filter((c) => c !== null).length));
  const cuts = `${nCuts} cut${nCuts === 1 ? '' : 's'} of the fit points`;
  const show = (r: { id: string; score: number; charged: number }): string =>
    `${r.id} ${fmt(r.score)}${r.charged > 0 ? ` (incl. ${r.charged} cut${r.charged === 1 ? '' : 's'} it could not take, charged twice the worst)` : ''}`;
  const top = ranked.slice(0, Math.max(1, k));
  const flat = ranked.find((r) => r.id === 'flat');
  const flatJoins = top.length > 1 && flat !== undefined && !top.includes(flat) && flat.score <= FLAT_JOINS_WITHIN * top[0].score;
  const next = ranked.find((r) => !top.includes(r) && !(flatJoins && r === flat));
  const nextNote = next ? `; next ${show(next)}` : '';
  if (top.length === 1) {
    return { law: top[0].id, reason: `best back-test over ${cuts}: RMSLE ${show(top[0])}${nextNote}` };
  }
  const parts = flatJoins ? [...top, flat] : top;
  // parts in candidate order, not rank order: the same three laws are one estimator, one id
  const average = avgId([...scores.keys()].filter((id) => parts.some((r) => r.id === id)));
  const law = simplestEquivalent(average);
  const flatNote = flatJoins ? `; flat ${fmt(flat.score)} joins the average, within ${FLAT_JOINS_WITHIN}× the best back-test (the curve is flattening)` : '';
  if (law !== average) {
    // the average is one law (m3, m4 and mix average to mix): that law, and why, said first
    return { law, reason: `${law} (the geometric mean of ${partsText(law)}): the ${top.length} best back-tests over ${cuts} (RMSLE ${top.map(show).join(', ')}) average to it${flatNote}${nextNote}` };
  }
  return {
    law,
    reason:
      `geometric mean of the ${top.length} best back-tests over ${cuts} (RMSLE ${top.map(show).join(', ')}); ` +
      `an average, because across the RNSL benchmark and real training curves the best few together extrapolated better than the single best one` +
      `${flatNote}${nextNote}`,
  };
}

/** "m3 and m4": the laws a registered average (mix) is the geometric mean of. */
function partsText(law: string): string {
  return listText([...baseWeights(getLaw(law)).keys()].map((l) => l.id));
}

function fallBack(fitted: readonly string[], falling: boolean): AutoChoice | null {
  const why = 'too few fit points to back-test any law (a back-test needs a prefix of at least 3 points and one after it)';
  const law = SHORT_CURVE_FALLBACK.find((id) => fitted.includes(id)) ?? fitted[0];
  if (law === undefined) return null;
  if ((law === 'loglin' || law === 'flat') && fitted.includes('loglin') && fitted.includes('flat')) {
    // only the trend laws fitted: no level to extrapolate toward, so damp the trend (or hold a rise flat)
    return falling
      ? {
          law: DAMPED_TREND,
          reason:
            `${why}, and no law with a level could be fitted; fell back on the recent trend damped by half, ` +
            `${DAMPED_TREND}: the geometric mean of the line through the last points (loglin) and the last level (flat), ` +
            `which on short falling fits extrapolated better than either alone`,
        }
      : {
          law: 'flat',
          reason: `${why}, and no law with a level could be fitted; the points do not fall, so fell back on flat (a rise seen in so few points is not extrapolated)`,
        };
  }
  return {
    law,
    reason: `${why}; fell back on ${law}, the first that fitted of ${SHORT_CURVE_FALLBACK.join(', ')} (the order of their held-out error on short curves)`,
  };
}

/**
 * A curve that has turned up (upturn.ts) is held at its recent level, whatever the back-tests
 * chose: every law with a level falls monotonically, so past the data each predicts a decline the
 * data no longer show, and while the loss rises or stays, holding it misses by less than any fall.
 * The recent trend (loglin) may rise, but a rise that a restart's warmup caused would not go on;
 * once the loss falls again (Upturn.fallingAgain) the back-tests' choice stands.
 * Chosen by that argument, not measured on `../shared`, where no curve rises (none of the corpus
 * or RNSL curves and prefixes is flagged, so no reported figure moves); `npm run bench upturn`
 * measures it on synthetic rises and falls.
 */
export function holdRisenCurve(choice: AutoChoice | null, upturn: Upturn | undefined, fitted: readonly string[]): AutoChoice | null {
  if (!choice || !upturn || upturn.fallingAgain || choice.law === 'flat' || !fitted.includes('flat')) return choice;
  return {
    law: 'flat',
    reason:
      `the loss has turned up (${formatPercent(upturn.rise)} since x ≈ ${formatAmount(upturn.fromX)}), and every law with a level falls ` +
      `monotonically, so auto holds the recent level (flat) rather than extrapolate a decline the data no longer show, or the rise ` +
      `(a learning-rate restart would end it); ` +
      `the back-tests chose ${choice.law}: ${choice.reason}`,
  };
}

const fmt = (v: number): string => v.toPrecision(3);
