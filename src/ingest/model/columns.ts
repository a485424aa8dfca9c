// Which series of a log is the learning curve: the panel's default y column and the CLI's when
// --y is not given. Validation loss first, then loss-like, then error-like series; learning rate,
// gradient norms, timings and accuracies last.
import type { SeriesData, SourceData } from './model';

/** Every y series key, most promising first (validation loss, loss, error, then the rest). */
export function yKeysOf(source: SourceData): string[] {
  const keys = new Map<string, SeriesData>();
  for (const run of source.runs) for (const s of run.series) if (!keys.has(s.key)) keys.set(s.key, s);
  return [...keys.values()].sort((a, b) => yScore(b) - yScore(a) || a.key.localeCompare(b.key)).map((s) => s.key);
}

function yScore(s: SeriesData): number {
  const k = s.key.toLowerCase();
  let score = 0;
  if (/loss|nll|perplexity|ppl/.test(k)) score += 4;
  else if (/err|error|wer|cer/.test(k)) score += 3;
  else if (/acc|accuracy|f1|bleu/.test(k)) score -= 2;
  if (/lr|learning_rate|grad|norm|time|throughput|mem/.test(k)) score -= 5;
  if (s.split === 'val' || s.split === 'test') score += 2;
  if (s.split === 'train') score += 1;
  return score;
}
