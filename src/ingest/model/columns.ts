// Which series of a log is the learning curve: the panel's default y column and the CLI's when
// --y is not given. Validation loss first, then loss-like, then error-like series; learning rate,
// gradient norms, timings and accuracies last; a series with too few points to fit after all.
import type { SeriesData, SourceData } from './model';

/**
 * Points a curve needs before it is worth leading with: a back-test takes a prefix of three and
 * one point after it. A validation loss logged once (nanoGPT's step 0) or twice (two Lightning
 * epochs) gives way to a train loss logged every step.
 */
export const MIN_LEADING_POINTS = 4;

/** Every y series key, most promising first (validation loss, loss, error, then the rest), curves too short to fit last. */
export function yKeysOf(source: SourceData): string[] {
  const keys = new Map<string, { series: SeriesData; enough: boolean }>();
  for (const run of source.runs) {
    for (const s of run.series) {
      const k = keys.get(s.key);
      if (!k) keys.set(s.key, { series: s, enough: hasEnoughPoints(s) });
      else if (!k.enough && hasEnoughPoints(s)) k.enough = true;
    }
  }
  const smoothed = keys.has('loss') && [...keys.keys()].some((k) => STEP_TRAIN_LOSS.test(k));
  const score = (s: SeriesData): number => yScore(s) - (smoothed && s.key === 'loss' ? 0.25 : 0);
  return [...keys.values()]
    .sort((a, b) => Number(b.enough) - Number(a.enough) || score(b.series) - score(a.series) || a.series.key.localeCompare(b.series.key))
    .map((k) => k.series.key);
}

/**
 * A training loss by its own name: beside it, a bare `loss` is Lightning 1.x's progress-bar value,
 * a running mean over the last 20 steps (NeMo 1.x prints both), which lags the curve; the loss of
 * each step leads.
 */
const STEP_TRAIN_LOSS = /^(reduced_)?train_loss(_step)?$/;

// the panel asks on every render; a live series grows, so the answer is kept per length
const enoughCache = new WeakMap<SeriesData, { length: number; enough: boolean }>();

/** At least MIN_LEADING_POINTS points with a positive y and a positive x of some kind. */
function hasEnoughPoints(s: SeriesData): boolean {
  const cached = enoughCache.get(s);
  if (cached && cached.length === s.y.length) return cached.enough;
  const xs = Object.values(s.x).filter((a): a is Float64Array => a !== undefined);
  let n = 0;
  for (let i = 0; i < s.y.length && n < MIN_LEADING_POINTS; i++) {
    const y = s.y[i]!;
    if (y > 0 && Number.isFinite(y) && xs.some((x) => x[i]! > 0 && Number.isFinite(x[i]!))) n++;
  }
  const enough = n >= MIN_LEADING_POINTS;
  enoughCache.set(s, { length: s.y.length, enough });
  return enough;
}

function yScore(s: SeriesData): number {
  const k = s.key.toLowerCase();
  let score = 0;
  // OpenNMT's "xent", Composer's "LanguageCrossEntropy": a loss by another name
  if (/loss|nll|xent|cross.?entropy|perplexity|ppl/.test(k)) score += 4;
  else if (/err|error|wer|cer/.test(k)) score += 3;
  else if (/acc|accuracy|f1|bleu/.test(k)) score -= 2;
  // a perplexity is the loss exponentiated: the loss itself leads when both are logged
  if (/perplexity|ppl/.test(k)) score -= 0.5;
  // fairseq's "best_loss" is the running minimum: the loss itself leads
  if (/(^|[^a-z])best([^a-z]|$)/.test(k)) score -= 1;
  // the run's machinery, Megatron's fp16 "loss scale" (the optimizer's multiplier) among it
  if (isMachineryKey(k)) score -= 5;
  // the loss of the split itself ("val/loss", "eval_loss") before one of a named set ("eval/wikitext_loss")
  if (isPlainLoss(k)) score += 0.5;
  // a held-out loss leads; the validation loss a run is watched by before a test loss
  if (s.split === 'val') score += 2;
  else if (s.split === 'test') score += 1.75;
  if (s.split === 'train') score += 1;
  return score;
}

// words that say which split or reduction a loss is of, not what it measures
const QUALIFIERS = new Set(['val', 'valid', 'validation', 'eval', 'evaluation', 'test', 'train', 'training', 'reduced', 'avg', 'mean', 'epoch', 'step']);

/** "loss" qualified only by its split ("val/loss", "eval_loss", "val loss", "train_loss_step"). */
function isPlainLoss(key: string): boolean {
  const words = key.split(/[/_ .:-]+/).filter((w) => w && !QUALIFIERS.has(w));
  return words.length === 1 && words[0] === 'loss';
}

const MEASURE = /loss|nll|xent|cross.?entropy|perplexity|ppl|bpb|bpc|bits|err|wer|cer|acc|f1|bleu|rouge|score|auc|map/;
// the run's machinery: its LR, gradient or weight norms, speed, memory, the fp16 loss scale
const MACHINERY = /(^|[^a-z])lr([^a-z]|$)|learning_rate|grad|(grad|param|weight|total)_?norm|time|throughput|per_?sec|speed|mem|loss.?scale/;

/** Whether a series is named like the run's machinery (its LR, gradient norm, speed, memory), which no learning curve is fitted to. */
export function isMachineryKey(key: string): boolean {
  const k = key.toLowerCase();
  return MACHINERY.test(k) && !(MEASURE.test(k) && !/loss.?scale/.test(k));
}
