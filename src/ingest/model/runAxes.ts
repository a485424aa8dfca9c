// The axes a run's own x columns leave implicit, made explicit once for every read (a folder's
// assembled runs and a single file's alike): log10 counts read back as counts, Megatron's
// "<key> vs samples" twins and DeepSpeed's `Train/Samples/…` tags as a samples axis, and tokens from
// what the run's config states.
import { withConfigTokens } from './configTokens';
import { withDeepSpeedSamples } from './deepspeedSamples';
import { linearizeLogAxes } from './logAxes';
import type { IngestWarning, RunData } from './model';
import { withVersusAxes } from './versusAxes';

export function withRunAxes(runs: readonly RunData[]): { runs: RunData[]; warnings: IngestWarning[] } {
  const linear = linearizeLogAxes(runs);
  return { runs: linear.runs.map((r) => withConfigTokens(withVersusAxes(withSamplesTags(r)))), warnings: linear.warnings };
}

function withSamplesTags(run: RunData): RunData {
  const series = run.series.map(withDeepSpeedSamples);
  return series.some((s, i) => s !== run.series[i]) ? { ...run, series } : run;
}
