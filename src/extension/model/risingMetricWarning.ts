// Why a curve whose y rises with training as no accuracy does (BLEU, F1, a score) shows no fit in
// the panel: every law here fits a metric that falls toward a floor, and a fall fitted to a rise
// reads as "the loss has turned up" with a flat answer. An accuracy is fitted as its error and read
// back (core/accuracyFit.ts). Pure.
import type { Point } from '../../core/analysis';
import { risingYOf } from '../../core/accuracyFit';
import { risingMetricText } from '../../core/yMetric';

/** A warning when the curve's y is a score that rises here and is no accuracy in [0, 1] or [0, 100]; undefined otherwise (a loss, an error, a perplexity, an accuracy). */
export function risingMetricWarning(label: string, yName: string, points: readonly Point[]): string | undefined {
  const refused = risingYOf(yName, points)?.refused;
  return refused ? `${label}: ${risingMetricText(yName, 'choose it as y above the chart', refused)}` : undefined;
}
