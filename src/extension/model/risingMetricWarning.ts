// Why a curve whose y rises with training (an accuracy, BLEU, a score) shows no fit in the panel:
// every law here fits a metric that falls toward a floor, and a fall fitted to a rise reads as "the
// loss has turned up" with a flat answer. The CLI fits an accuracy as its error (1 − acc); the panel
// says so and what to choose instead. Pure.
import type { Point } from '../../core/analysis';
import { errorNameOf, risesOverall, risingMetricText, yMetricOf } from '../../core/yMetric';

/** A warning when the curve's y is an accuracy or a score that rises here, undefined otherwise (a loss, an error, a perplexity). `file`: the log's path, for the CLI line to copy. */
export function risingMetricWarning(label: string, yName: string, points: readonly Point[], file = 'FILE'): string | undefined {
  const metric = yMetricOf(yName, () => points.map((p) => p.y));
  if ((metric?.kind !== 'accuracy' && metric?.kind !== 'rising') || !risesOverall(points)) return undefined;
  const how = 'choose it as y above the chart';
  if (metric.kind === 'rising') return `${label}: ${risingMetricText(yName, how, metric)}`;
  const err = errorNameOf(yName, metric.scale);
  return `${label}: ${yName} rises with training, and the scaling laws here fit a metric that falls toward a floor. Choose the run's loss or error as y above the chart, or fit its error, ${err}, with the CLI, which reads the accuracy back from it: scaling-lens predict ${JSON.stringify(file)} --y ${JSON.stringify(yName)} --at 10x.`;
}
