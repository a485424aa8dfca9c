// Naming conventions shared by every format: which keys are x axes (step, epoch, tokens…) and
// which split (train / val / test) a metric key belongs to. Keyed by name, never by position.
import type { Split, XKind } from './model';

const X_KEYS: ReadonlyMap<string, XKind> = new Map<string, XKind>([
  ['step', 'step'],
  ['steps', 'step'],
  ['global_step', 'step'],
  ['globalstep', 'step'],
  ['iter', 'step'],
  ['iters', 'step'],
  ['iteration', 'step'],
  ['iterations', 'step'],
  ['it', 'step'],
  ['trainer/global_step', 'step'],
  // the HF Trainer's W&B history (its report_to="wandb" prefixes every logged key with its split)
  ['train/global_step', 'step'],
  ['train/epoch', 'epoch'],
  ['train/num_input_tokens_seen', 'tokens'],
  ['train/total_flos', 'flops'],
  ['global step', 'step'],
  ['num_updates', 'step'],
  // Composer's time keys (llm-foundry): its console prints them as "Train time/batch: 400"
  ['time/batch', 'step'],
  ['time/token', 'tokens'],
  ['time/sample', 'samples'],
  ['time/epoch', 'epoch'],
  ['epoch', 'epoch'],
  ['epochs', 'epoch'],
  // NeMo 2's progress printer: "Training epoch 0, iteration 120/149 | …"
  ['training epoch', 'epoch'],
  ['tokens', 'tokens'],
  ['num_tokens', 'tokens'],
  ['num_token', 'tokens'],
  ['n_tokens', 'tokens'],
  ['tokens_seen', 'tokens'],
  ['num_input_tokens_seen', 'tokens'],
  ['consumed_tokens', 'tokens'],
  ['throughput/total_tokens', 'tokens'],
  ['throughput/total tokens', 'tokens'],
  ['consumed tokens', 'tokens'],
  ['training tokens', 'tokens'],
  ['training_tokens', 'tokens'],
  ['samples', 'samples'],
  ['num_samples', 'samples'],
  ['samples_seen', 'samples'],
  ['seen examples', 'samples'],
  ['seen_examples', 'samples'],
  ['examples', 'samples'],
  ['consumed samples', 'samples'],
  ['consumed_samples', 'samples'],
  ['flops', 'flops'],
  ['total_flos', 'flops'],
  ['compute', 'flops'],
  ['training flop', 'flops'],
  ['training flops', 'flops'],
  ['training_flops', 'flops'],
  ['_runtime', 'time'],
  ['runtime', 'time'],
  ['wall_time', 'time'],
  ['walltime', 'time'],
  ['wall time', 'time'],
  ['wall', 'time'],
  ['elapsed', 'time'],
  ['elapsed_time', 'time'],
]);

/** Iteration counters: the step, unless the record has a step key too (lit-gpt's "iter 240 step 60",
 *  whose iter counts micro-batches under gradient accumulation). */
export const ITER_KEYS: ReadonlySet<string> = new Set(['iter', 'iters', 'iteration', 'iterations', 'it']);
/** wandb's `_step` is the log-call counter: only an x axis when no real step key exists. */
export const FALLBACK_STEP_KEYS: ReadonlySet<string> = new Set(['_step']);
/** A batch counter (Composer's "[batch=400/4800]:") is the step only in a record without a step or an
 *  epoch: beside an epoch it is usually the batch within that epoch, which restarts each epoch. */
export const BATCH_STEP_KEYS: ReadonlySet<string> = new Set(['batch']);

/**
 * The counter a `<key>_total` (the scanner's "step 100/19560") totals: that key's x kind, with a
 * batch counter's total a total of steps; undefined for any other key.
 */
export function totalOf(key: string): XKind | undefined {
  const k = key.trim().toLowerCase();
  if (!k.endsWith('_total')) return undefined;
  const base = k.slice(0, -'_total'.length);
  return BATCH_STEP_KEYS.has(base) ? 'step' : xKindOf(base);
}

/** The x kind a column/key names, or undefined when it is a metric. */
export function xKindOf(key: string): XKind | undefined {
  return X_KEYS.get(key.trim().toLowerCase());
}

const VAL_PREFIXES = ['validation', 'validate', 'valid', 'val', 'eval', 'dev'];
const TEST_PREFIXES = ['test'];
const TRAIN_PREFIXES = ['train', 'training'];

function hasPrefix(k: string, prefixes: readonly string[]): boolean {
  for (const p of prefixes) {
    if (k.length > p.length && k.startsWith(p)) {
      const c = k.charCodeAt(p.length);
      // '_' '/' ' ' '-' '.' ':' separate the prefix: "val_loss", "eval/loss", "val loss".
      if (c === 95 || c === 47 || c === 32 || c === 45 || c === 46 || c === 58) return true;
    }
  }
  return false;
}

/** Split words that name a split anywhere in a key ("lm loss validation", "loss_val"); "dev" only
 *  as a prefix ("std_dev" is no split). */
const VAL_WORDS = new Set(['validation', 'valid', 'val', 'eval']);

/** The split of a metric key by its prefix, or a split word after it (Megatron's "lm loss
 *  validation", "loss_val"); unprefixed loss/accuracy-like keys count as train. */
export function splitOf(key: string): Split {
  const k = key.trim().toLowerCase();
  if (hasPrefix(k, VAL_PREFIXES)) return 'val';
  if (hasPrefix(k, TEST_PREFIXES)) return 'test';
  if (hasPrefix(k, TRAIN_PREFIXES)) return 'train';
  const words = k.split(/[\s_/.:-]+/);
  if (words.length > 1 && words.slice(1).some((w) => VAL_WORDS.has(w))) return 'val';
  if (words.length > 1 && words[words.length - 1] === 'test') return 'test';
  if (k.includes('loss') || k.includes('acc') || k.includes('perplexity') || k.includes('ppl') || k.includes('xent') || k.includes('entropy')) return 'train';
  return 'other';
}

/** The split a folder name stands for (TensorBoard/Keras `train/`, `validation/`, `<tag>_val/`). */
export function splitOfFolder(name: string): Split | undefined {
  const k = name.toLowerCase();
  if (['train', 'training'].includes(k) || k.endsWith('_train')) return 'train';
  if (['validation', 'valid', 'val', 'eval', 'evaluation'].includes(k) || k.endsWith('_val') || k.endsWith('_validation') || k.endsWith('_eval')) return 'val';
  if (k === 'test' || k.endsWith('_test')) return 'test';
  return undefined;
}

/** Last path component, for both separators (decoders are pure: no node:path). */
export function baseName(p: string): string {
  const s = p.replace(/[\\/]+$/, '');
  const i = Math.max(s.lastIndexOf('/'), s.lastIndexOf('\\'));
  return i >= 0 ? s.slice(i + 1) : s;
}

export function dirName(p: string): string {
  const s = p.replace(/[\\/]+$/, '');
  const i = Math.max(s.lastIndexOf('/'), s.lastIndexOf('\\'));
  return i > 0 ? s.slice(0, i) : i === 0 ? s.slice(0, 1) : '';
}

const GENERIC_FILE_NAMES = new Set(['metrics.csv', 'metrics.json', 'trainer_state.json', 'scalars.json', 'results.csv', 'log.txt', 'train.log', 'training.log', 'stdout.log', 'output.log', 'wandb-history.jsonl', 'log.csv', 'metrics.jsonl', 'log.jsonl']);

/** File names that say nothing about the run (the folder names it instead). */
export function isGenericLogName(base: string): boolean {
  return GENERIC_FILE_NAMES.has(base.toLowerCase());
}

/** A run name from a file path: the file's stem, or its folder when the file name is generic. */
export function runNameFromPath(p: string): string {
  const base = baseName(p);
  if (GENERIC_FILE_NAMES.has(base.toLowerCase())) {
    const parent = baseName(dirName(p));
    if (parent) return parent;
  }
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(0, dot) : base;
}
