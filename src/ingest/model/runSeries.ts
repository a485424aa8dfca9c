// A run's series by name, and which of them are the learning rate and the training loss — the
// same choice for the CLI's schedule commands and the panel's forecast (key names: core lrKeys).
import { pickLossKey, pickLrKey } from '../../core/schedule/lrKeys';
import type { RunData, SeriesData } from './model';
import { lossMetricColumn } from './sweepColumns';

const lower = (s: string): string => s.trim().toLowerCase();

/** The series named `key` (exact, else case-insensitive). */
export function seriesByKey(run: RunData, key: string): SeriesData | undefined {
  return run.series.find((s) => s.key === key) ?? run.series.find((s) => lower(s.key) === lower(key));
}

/** The run's learning-rate series (Lightning `lr-*`, HF `learning_rate`, nanoGPT `lr` …), if any. */
export function findLrSeries(run: RunData): SeriesData | undefined {
  const k = pickLrKey(run.series.map((s) => s.key));
  return k === undefined ? undefined : seriesByKey(run, k);
}

/**
 * The run's training-loss series (train split preferred), if any; lacking one named as a loss, its
 * bits or perplexity (val_bpb, val_ppl), picked as a sweep's y is (sweepColumns.ts lossMetricColumn).
 */
export function findLossSeries(run: RunData): SeriesData | undefined {
  const keys = run.series.map((s) => s.key);
  const train = new Set(run.series.filter((s) => s.split === 'train').map((s) => s.key));
  const k = pickLossKey(keys, (key) => train.has(key)) ?? keys[lossMetricColumn(keys, true)];
  return k === undefined ? undefined : seriesByKey(run, k);
}
