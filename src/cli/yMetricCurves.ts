// The curves `fit` and `predict` read, as the laws can fit them (core/yMetric.ts): an accuracy that
// rises becomes its error (1 − acc, or 100 − acc in percent), named so in every answer, with --reach
// read as the accuracy asked for; a score that rises some other way (BLEU, F1) is refused with what
// to fit instead. A perplexity or bits stay as they are (each answer says the loss they mean). The
// flip is the panel's (core/accuracyFit.ts); the rule differs: here one answer for all the curves
// read (any of them rising), the panel's is per curve.
import { accuracyFittedText, accuracyMeaningText, four, lossMeaningText, lossOfValue, errorNameOf, percentAskedText, risesOverall, risingMetricText, unreachableAccuracyText, yMetricOf } from '../core/yMetric';
import { flipped, flippedValue } from '../core/accuracyFit';
import { UsageError } from './args';
import type { CurveFitJson } from './curveFitJson';
import type { LoadedCurves } from './sourceCurves';

export function asFallingMetric(loaded: LoadedCurves): LoadedCurves {
  const name = loaded.yKey;
  const metric = yMetricOf(name, () => loaded.curves.flatMap((c) => c.points.map((p) => p.y)));
  if (name === undefined || metric === undefined) return loaded;
  if (metric.kind === 'perplexity' || metric.kind === 'bits') return { ...loaded, metric };
  // named like an accuracy or a score that rises, but falling here (a misnamed error): fitted as it
  // is, as the panel fits it; its error would rise, and be told it "rises with training"
  if (!loaded.curves.some((c) => risesOverall(c.points))) return loaded;
  if (metric.kind === 'rising') throw new UsageError(risingMetricText(name, 'choose it with --y', metric));
  const { scale } = metric;
  const yKey = errorNameOf(name, scale);
  const curves = loaded.curves.map((c) => ({ ...c, points: flipped(c.points, scale), ...(c.outliers ? { outliers: flipped(c.outliers, scale) } : {}) }));
  const description = loaded.description?.startsWith(name) ? `${yKey}${loaded.description.slice(name.length)}` : loaded.description;
  return { ...loaded, curves, yKey, metric, accuracyOf: name, warnings: [accuracyFittedText(name, scale), ...loaded.warnings], ...(description !== undefined ? { description } : {}) };
}

/** The --reach values as the fitted y: an accuracy asked for is its error (0.9 of an accuracy in [0, 1]: 0.1). */
export function reachAsFitted(loaded: LoadedCurves, reach: readonly number[]): number[] {
  const m = loaded.metric;
  if (m?.kind !== 'accuracy') return [...reach];
  const name = loaded.accuracyOf ?? 'the accuracy';
  return reach.map((v) => {
    if (!(v < m.scale)) throw new UsageError(unreachableAccuracyText(v, name, m.scale));
    return Number((m.scale - v).toPrecision(12));
  });
}

/** After a reach answer: a percent accuracy asked as a fraction and passed before the data start, what was meant ('' else). */
export function reachAskedNote(loaded: LoadedCurves, reach: { readonly loss: number; readonly beforeData?: boolean }): string {
  const m = loaded.metric;
  if (m?.kind !== 'accuracy' || !reach.beforeData) return '';
  const said = percentAskedText(Number((m.scale - reach.loss).toPrecision(12)), loaded.accuracyOf ?? 'the accuracy', m.scale);
  return said ? `; ${said}` : '';
}

/** What a value of the fitted y means besides itself: the loss in nats of a perplexity or bits, the accuracy of an error; '' for a loss. */
export function meaningText(loaded: LoadedCurves, y: number, lo?: number, hi?: number): string {
  const m = loaded.metric;
  if (m?.kind === 'accuracy') return accuracyMeaningText(loaded.accuracyOf ?? 'accuracy', m.scale, y, lo, hi);
  return lossMeaningText(m, y, lo, hi);
}

/** A --reach value as the answer writes it: "25 (a loss of ln 25 = 3.219 nats)", "0.1 (val_accuracy 0.9)". */
export function reachValueText(loaded: LoadedCurves): (v: number) => string {
  return (v) => {
    const said = meaningText(loaded, v);
    return said ? `${v} (${said})` : String(v);
  };
}

/** One line per prediction that means something besides its value: "at x = 2.392e5, val_perplexity 22.06 is a loss of ln 22.06 = 3.094 nats (2.846–3.341)". */
export function meaningLines(loaded: LoadedCurves, predictions: readonly { x: number; y: number; lo?: number; hi?: number }[], xText: (x: number) => string): string[] {
  return predictions.flatMap((p) => {
    const said = meaningText(loaded, p.y, p.lo, p.hi);
    return said ? [`at x = ${xText(p.x)}, ${loaded.yKey ?? 'y'} ${four(p.y)}${p.lo !== undefined && p.hi !== undefined ? ` (${four(p.lo)}–${four(p.hi)})` : ''} is ${said}`] : [];
  });
}

/** Sets each prediction's lossNats (a perplexity or bits) or accuracy (an accuracy fitted as its error, the interval's ends swapped), for --json. */
export function addMeanings(predictions: CurveFitJson['predictions'], metric: LoadedCurves['metric']): void {
  for (const p of predictions) {
    const band = p.lo !== undefined && p.hi !== undefined ? { lo: p.lo, hi: p.hi } : undefined;
    const y = lossOfValue(metric, p.y);
    const [lo, hi] = band ? [lossOfValue(metric, band.lo), lossOfValue(metric, band.hi)] : [];
    if (y !== undefined) p.lossNats = { y, ...(lo !== undefined && hi !== undefined ? { lo, hi } : {}) };
    if (metric?.kind === 'accuracy') p.accuracy = flippedValue(p, metric.scale);
  }
}
