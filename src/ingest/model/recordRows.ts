// Turns one keyed record (a JSONL object, a scanned log line) into points: x keys become the
// record's x values, every other key a point of its series. Shared by jsonl and text formats.
import { BATCH_STEP_KEYS, FALLBACK_STEP_KEYS, ITER_KEYS, splitOf, totalOf, xKindOf } from './keys';
import { IterSteps } from './iterSteps';
import { emptyXValues, type RunBuilder, type SeriesBuilder, type XValues } from './runBuilder';
import type { XKind } from './model';

/** Keys that are bookkeeping, neither an x axis nor a metric (Lightning's bar shows its log version, v_num). */
const IGNORED = new Set(['_timestamp', 'timestamp', '_wandb/runtime', 'eta', 'eta_seconds', 'time/batch_in_epoch', 'time/sample_in_epoch', 'time/token_in_epoch', 'rank', 'local_rank', 'v_num']);

const SPLIT_STEP_PREFIXES = ['validate', 'validation', 'valid', 'val', 'eval', 'test', 'train'];
/** nanotron's "[INFO|DP=0|PP=0|TP=0]": a process's place in the parallel layout, not a metric. */
const PARALLEL_RANKS = new Set(['DP', 'PP', 'TP', 'CP', 'EP']);
/** Words before "step" that leave it the training step ("completed step: 100"). */
const STEP_ADJECTIVES = new Set(['completed', 'finished', 'current', 'training']);
/** fairseq's "begin training epoch 2", "end of epoch 1 (average epoch stats below)", "Starting
 *  epoch 3": where an epoch starts or ends, the words before the x word (the whole key but it). */
const EPOCH_BOUNDARY = /^(?:(?:begin|start|starting)(?: training)?|(?:end|start|beginning) of)$/;
/** A logger's source file, its line the number after it: DeepSpeed's "[logging.py:96:log_dist]",
 *  glog's and PyTorch C++'s "W0501 12:00:00.000000 140234 ProcessGroupNCCL.cpp:1168]". */
const SOURCE_FILE = /\.(?:py|cpp|cc|cu|h|hpp)$/;

/** mmengine's "Epoch(val)": the epoch, its qualifier the split of the line (train: none). */
const QUALIFIED = /^([a-z_]+)\(([a-z]+)\)$/;

/**
 * The bracketed counters of "Epoch: [3][400/5005]" (PyTorch's reference scripts), "Epoch
 * [56][1050/1759]" (mmcv) and "Epoch(train)  [1][50/2000]" (mmengine): the scanner keys the batch
 * within the epoch `<epoch key>_iter`, with its `_total`; they place the line within its epoch.
 */
function epochBrackets(lower: string): KeyRole | undefined {
  const q = QUALIFIED.exec(lower);
  if (q && xKindOf(q[1]!) === 'epoch') return { type: 'x', kind: 'epoch', prefix: q[2] === 'train' || !SPLIT_STEP_PREFIXES.includes(q[2]!) ? '' : q[2]! };
  const base = lower.endsWith('_iter_total') ? lower.slice(0, -'_iter_total'.length) : lower.endsWith('_iter') ? lower.slice(0, -'_iter'.length) : undefined;
  if (base === undefined) return undefined;
  const kind = xKindOf(QUALIFIED.exec(base)?.[1] ?? base);
  if (kind !== 'epoch') return undefined;
  return { type: lower.endsWith('_total') ? 'epochIterTotal' : 'epochIter' };
}

/** Whether a key before a bracketed batch counter ("Test:  [ 40/196]") names an evaluation pass. */
export function isEvalBatchLabel(key: string): boolean {
  const lower = key.toLowerCase();
  return lower !== 'train' && SPLIT_STEP_PREFIXES.includes(lower);
}

/** The key a lit-gpt training loss is printed under ("loss train"). */
const TRAIN_SUFFIX = ' train';

/** Whether a key of the record's `n` ends with `suffix`. */
function beside(infos: readonly KeyInfo[], n: number, suffix: string): boolean {
  for (let i = 0; i < n; i++) if (infos[i].key.endsWith(suffix)) return true;
  return false;
}

function placeInEpoch(x: XValues, within: number): void {
  if (x.epoch !== undefined) x.epoch += within;
}

export type KeyRole =
  | { type: 'metric' }
  | { type: 'ignored' }
  /** A message about something that happened ("saving checkpoint at step 2000", "val_loss improved
   *  from 2.5 to 2.4"): its numbers restate what other lines log, so the whole record is no point. */
  | { type: 'event' }
  | { type: 'tokensPerStep' }
  | { type: 'plannedLength' }
  | { type: 'fallbackStep' }
  /** An iteration counter: the step, unless the record has a step key too (IterSteps). */
  | { type: 'iter' }
  /** A split's name alone as a key ("val: 3.2"), see addInfos. */
  | { type: 'bareSplit' }
  | { type: 'batchStep' }
  | { type: 'epochIter' }
  | { type: 'epochIterTotal' }
  /** "Test:  [ 40/196]" (PyTorch's reference scripts, timm): an evaluation's batch total; the line is that split's. */
  | { type: 'splitBatch'; prefix: string }
  | { type: 'x'; kind: XKind; prefix: string };

/** "improved", "did not improve" as a word of a key, not inside a name ("improved_acc"). */
const IMPROVE_WORD = /(?:^| )improved?(?:$|[ .])/;
/** "New best score", "records. Best score": a best so far, restated. */
const BEST_SCORE = /(?:^| )best score$/;
/** Lightning's EarlyStopping "Monitored metric val_loss = nan is not finite", "Stopping threshold
 *  reached: val_loss = 0.01 < 0.02", "Divergence threshold reached: …" (its label kept: labelledKey). */
const EARLY_STOP = /^monitored metric |(?:^| )threshold reached(?:$| )/;

/** Split names that may stand alone as a key: lit-gpt's "loss train: 2.790, val: 3.2". */
const BARE_SPLITS = new Set(['val', 'valid', 'validation', 'eval']);

/** The key of the time fairseq's checkpoint message says writing it took. */
const CHECKPOINT_WRITE = 'writing took';

/** What a record's key is to its record: a metric, an x, an event, …; by its name alone. */
export function keyRole(key: string): KeyRole {
  const lower = key.toLowerCase();
  if (lower.includes('tokens per iteration')) return { type: 'tokensPerStep' };
  const sp = lower.lastIndexOf(' ');
  const lastWord = lower.slice(sp + 1);
  const splitPrefix = sp > 0 && SPLIT_STEP_PREFIXES.includes(lower.slice(0, sp));
  // not metrics: Composer's "Train time/batch_in_epoch: 3" (under its split's name) and "[Eval
  // batch=1/10]" (progress through an evaluation); DeepSpeed's "[logging.py:96:log_dist] [Rank 0]"
  if (IGNORED.has(lower) || PARALLEL_RANKS.has(key) || SOURCE_FILE.test(lower) || (splitPrefix && (IGNORED.has(lastWord) || BATCH_STEP_KEYS.has(lastWord) || BATCH_STEP_KEYS.has(lastWord.replace(/_total$/, ''))))) return { type: 'ignored' };
  // Keras's "val_loss improved from inf to 1.10000", "ReduceLROnPlateau reducing learning rate to 1e-4"
  if (lastWord === 'to' || lastWord === 'from') return { type: 'event' };
  // Lightning's EarlyStopping: "Metric val_loss improved by 0.050 >= min_delta = 0.0. New best
  // score: 3.100", "Monitored metric val_loss did not improve in the last 3 records. Best score:
  // 3.100": a change, a threshold, a count and a copy of a logged value, no point of any curve
  // likewise why it stops: a value that is not finite or crossed a threshold, a copy of a logged one
  if (IMPROVE_WORD.test(lower) || EARLY_STOP.test(lower)) return { type: 'event' };
  // fairseq's "Saved checkpoint checkpoints/checkpoint1.pt (epoch 1 @ 1000 updates, score 9.1)
  // (writing took 2.5 seconds)": a checkpoint written, its score a copy of the validation's
  if (lower === CHECKPOINT_WRITE) return { type: 'event' };
  // the rest of such a message after a sentence's '.', when the part before is no key (too long)
  if (BEST_SCORE.test(lower)) return { type: 'ignored' };
  if (ITER_KEYS.has(lower)) return { type: 'iter' };
  if (BARE_SPLITS.has(lower)) return { type: 'bareSplit' };
  const kind = xKindOf(key);
  if (kind !== undefined) return { type: 'x', kind, prefix: '' };
  const bracketed = epochBrackets(lower);
  if (bracketed) return bracketed;
  // "Test:  [ 40/196]": the scanner keys the bracketed batch "Test" and its total "Test_total";
  // the total marks the pair (a record's own "val" or "test" number is a metric)
  const batchOf = lower.endsWith('_total') ? lower.slice(0, -'_total'.length) : undefined;
  if (batchOf !== undefined && isEvalBatchLabel(batchOf)) return { type: 'splitBatch', prefix: key.slice(0, batchOf.length) };
  // "iteration 100/ 500000", "[step=100/739328]", "Epoch 3/10": the planned length, not a curve
  if (totalOf(lower) !== undefined) return { type: 'plannedLength' };
  // "validate step: 50" / "val step 3" / "Train time/token: 8192" / Megatron's "validation loss at
  // iteration 500 | lm loss value: …": the whole line is that split
  const lastKind = sp > 0 ? xKindOf(lastWord) : undefined;
  if (lastKind !== undefined) {
    if (splitPrefix) return { type: 'x', kind: lastKind, prefix: key.slice(0, sp) };
    const first = lower.indexOf(' ');
    const before = lower.slice(0, sp);
    // MaxText's "eval metrics after step: 99, loss=…"
    if (lastKind === 'step' && / (at|after)$/.test(before) && SPLIT_STEP_PREFIXES.includes(lower.slice(0, first))) return { type: 'x', kind: 'step', prefix: key.slice(0, first) };
    // MaxText's "completed step: 100, seconds: …"
    if (lastKind === 'step' && STEP_ADJECTIVES.has(before)) return { type: 'x', kind: 'step', prefix: '' };
    if (lastKind === 'epoch' && EPOCH_BOUNDARY.test(before)) return { type: 'x', kind: 'epoch', prefix: '' };
    // "Saving checkpoint at step 2000", "loaded checkpoint from iteration 500", fastai's "Better
    // model found at epoch 3 with valid_loss value: 0.5": where something happened, neither a curve
    // nor an x to place later lines at
    if ((lastKind === 'step' || lastKind === 'epoch') && / (at|after|from)$/.test(before)) return { type: 'event' };
    // "Best epoch 3: val_loss 0.6", Keras's "Restoring model weights from the end of the best
    // epoch: 3": a past best reported again, its numbers a copy of that epoch's
    if ((lastKind === 'step' || lastKind === 'epoch') && /(^| )best$/.test(before)) return { type: 'event' };
  }
  if (FALLBACK_STEP_KEYS.has(lower)) return { type: 'fallbackStep' };
  if (BATCH_STEP_KEYS.has(lower)) return { type: 'batchStep' };
  return { type: 'metric' };
}

/** A key as the accumulator sees it: its role, classified once, and (for records without a split
 *  prefix) its series, so the byte-level fast paths reach both without hashing a string. */
export interface KeyInfo {
  readonly key: string;
  readonly role: KeyRole;
  series: SeriesBuilder | undefined;
}

/** The x kinds a context gains from a line below its metrics, set on the metrics above it too. */
const BACKFILLED = ['tokens', 'samples', 'flops'] as const;
/** Points of one context remembered for that: a block of metric lines is a few dozen. */
const MAX_BLOCK = 1000;

/** Distinct keys remembered; past this (a log with a counter in its key names) keys are transient. */
export const MAX_KEYS = 10_000;

export class RecordAccumulator {
  private index = 0;
  /** nanoGPT "tokens per iteration will be: N" turns steps into tokens. */
  tokensPerStep: number | undefined;
  private readonly x: XValues = emptyXValues();
  /** The x of the last record that had one, for the metric lines under a context line (Keras's
   *  "Epoch 3/10" above its metrics, OLMo's "[step=100/739328]" above one metric per line). */
  private readonly carried: XValues = emptyXValues();
  private hasCarried = false;
  /** The points placed under the carried x so far: an x kind the context gains later (OLMo-core's
   *  tokens, printed below its loss) is set on them too. */
  private readonly block: { series: SeriesBuilder; index: number }[] = [];

  /**
   * The evaluation pass whose batch lines are being read ("Test: [ 40/196] … loss: 6.5 (6.4)"):
   * each line restates the pass's running means, so a line supersedes the points the pass's
   * earlier lines gave, and the pass leaves one point per series, its mean over every batch.
   */
  private evalPass: { prefix: string; batch: number; series: Set<SeriesBuilder> } | undefined;

  /** Which step an iteration counter is at, once records gave both. */
  private readonly iterSteps = new IterSteps();

  private readonly infos = new Map<string, KeyInfo>();
  private scratch: KeyInfo[] = [];
  private isX = new Uint8Array(16);

  constructor(private readonly run: RunBuilder) {}

  /** What a key is, classified once per distinct key (logs repeat the same few keys). */
  infoOf(key: string): KeyInfo {
    let info = this.infos.get(key);
    if (info) return info;
    info = { key, role: keyRole(key), series: undefined };
    if (this.infos.size < MAX_KEYS) this.infos.set(key, info);
    return info;
  }

  /** `split`: a prefix the whole line gives its metrics (fairseq's "valid on 'test' subset"). */
  add(keys: readonly string[], values: readonly number[], split = ''): void {
    const n = keys.length;
    if (n === 0) return;
    const infos = this.scratch;
    for (let i = 0; i < n; i++) infos[i] = this.infoOf(keys[i]);
    this.addInfos(infos, values, n, split);
  }

  private carry(x: XValues): void {
    const c = this.carried;
    if (this.hasCarried && (x.step === undefined || x.step === c.step)) {
      // one x per line at the same step (Composer's "Train time/batch", "Train time/token", …): all count
      for (const kind of BACKFILLED) {
        const v = x[kind];
        if (c[kind] === undefined && v !== undefined) for (const p of this.block) p.series.setX(kind, p.index, v);
      }
      c.step ??= x.step;
      c.epoch = x.epoch ?? c.epoch;
      c.tokens = x.tokens ?? c.tokens;
      c.samples = x.samples ?? c.samples;
      c.flops = x.flops ?? c.flops;
      c.params = x.params ?? c.params;
      c.time = x.time ?? c.time;
      return;
    }
    this.block.length = 0;
    c.step = x.step;
    c.epoch = x.epoch;
    c.tokens = x.tokens;
    c.samples = x.samples;
    c.flops = x.flops;
    c.params = x.params;
    c.time = x.time;
    this.hasCarried = true;
  }

  private fillFromCarried(x: XValues): void {
    const c = this.carried;
    x.epoch ??= c.epoch;
    x.tokens ??= c.tokens;
    x.samples ??= c.samples;
    x.flops ??= c.flops;
  }

  /** The series an evaluation pass gave points so far, for a batch line of it; undefined for any other record (which ends the pass). */
  private passOf(prefix: string | undefined, batch: number): Set<SeriesBuilder> | undefined {
    const pass = this.evalPass;
    if (prefix === undefined) this.evalPass = undefined;
    else if (pass && pass.prefix === prefix && batch > pass.batch) pass.batch = batch;
    else this.evalPass = { prefix, batch, series: new Set() };
    return this.evalPass?.series;
  }

  /** One record of `n` keys (infos from infoOf) and their values. */
  addInfos(infos: readonly KeyInfo[], values: readonly number[], n: number, split = ''): void {
    if (n === 0) return;
    const x = this.x;
    // reset by assignment: `delete` would turn the reused object into a slow dictionary
    x.step = x.epoch = x.tokens = x.samples = x.flops = x.params = x.time = x.index = undefined;
    let prefix = split;
    let fallbackStep: number | undefined;
    let iter: number | undefined;
    let bareSplit = -1;
    let batchStep: number | undefined;
    let epochIter: number | undefined;
    let epochIters: number | undefined;
    let event = false;
    let splitBatch: string | undefined;
    if (this.isX.length < n) this.isX = new Uint8Array(n * 2);
    const isX = this.isX;
    for (let i = 0; i < n; i++) {
      const role = infos[i].role;
      switch (role.type) {
        case 'metric':
          isX[i] = 0;
          continue;
        case 'bareSplit':
          bareSplit = i;
          isX[i] = 0;
          continue;
        case 'event':
          event = true;
          break;
        case 'tokensPerStep':
          this.tokensPerStep = values[i];
          this.run.setMeta('tokens_per_iteration', values[i]);
          break;
        case 'plannedLength':
          this.run.setMeta(infos[i].key, values[i]);
          break;
        case 'x':
          if (role.prefix) prefix = role.prefix;
          if (x[role.kind] === undefined) x[role.kind] = values[i];
          break;
        case 'fallbackStep':
          fallbackStep ??= values[i];
          break;
        case 'iter':
          iter ??= values[i];
          break;
        case 'batchStep':
          batchStep ??= values[i];
          break;
        case 'epochIter':
          epochIter ??= values[i];
          break;
        case 'epochIterTotal':
          epochIters ??= values[i];
          break;
        case 'splitBatch':
          prefix = role.prefix;
          splitBatch = role.prefix;
          break;
      }
      isX[i] = 1;
    }
    // the batch number beside its total ("Test" of "Test_total") is no metric either
    let batch = NaN;
    if (splitBatch !== undefined)
      for (let i = 0; i < n; i++)
        if (infos[i].key === splitBatch) {
          isX[i] = 1;
          batch = values[i];
        }
    const pass = this.passOf(splitBatch, batch);
    if (event) return;
    // lit-gpt repeats its last evaluation beside each training loss ("loss train: 2.790, val: 3.2",
    // "val: n/a" before the first): a stale copy of its validation line's, no point
    if (bareSplit >= 0 && beside(infos, n, TRAIN_SUFFIX)) isX[bareSplit] = 1;
    // its index when the records' iters are no steps and this one's step is not known
    let iterIndex: number | undefined;
    if (iter !== undefined) {
      if (x.step !== undefined) this.iterSteps.note(iter, x.step);
      else if (!this.iterSteps.known) x.step = iter;
      else if ((x.step = this.iterSteps.stepOf(iter)) === undefined) iterIndex = iter;
    }
    // "Epoch: [3][400/5005]": 400 of the epoch's 5005 batches done
    if (epochIter !== undefined && epochIters !== undefined && epochIters > 0) placeInEpoch(x, epochIter / epochIters);
    if (x.step === undefined && fallbackStep !== undefined) x.step = fallbackStep;
    if (x.step === undefined && x.epoch === undefined && batchStep !== undefined) x.step = batchStep;
    if (x.step !== undefined && x.tokens === undefined && this.tokensPerStep !== undefined) x.tokens = x.step * this.tokensPerStep;
    // Megatron's "validation loss at iteration 500" under the training line of iteration 500: that
    // line's tokens and samples are this one's too
    if (x.step !== undefined && this.hasCarried && this.carried.step === x.step) this.fillFromCarried(x);
    let metrics = 0;
    for (let i = 0; i < n; i++) if (!isX[i]) metrics++;
    const counted = !(x.step === undefined && x.epoch === undefined && x.tokens === undefined && x.samples === undefined && x.flops === undefined && x.params === undefined);
    const hasX = counted || x.time !== undefined || iterIndex !== undefined;
    // a clock alone ("elapsed: 12.3") does not end the context of the step above it
    if (counted) this.carry(x);
    if (metrics === 0) return;
    // the same fact stated again (a resumed run prints its "number of parameters: …" anew) is no
    // point of the step above it
    if (!hasX && metrics === 1 && n === 1 && this.run.meta?.[infos[0].key] !== undefined) {
      this.run.setMeta(infos[0].key, values[0]);
      return;
    }
    const underContext = !hasX && this.hasCarried;
    if (underContext) Object.assign(x, this.carried);
    else if (iterIndex !== undefined) x.index = iterIndex;
    else if (!hasX) {
      if (metrics === 1 && n === 1) {
        // a lone "number of parameters: 10.65" line is a fact about the run, not a curve
        this.run.setMeta(infos[0].key, values[0]);
        return;
      }
      x.index = this.index;
    }
    const record = this.index++;
    for (let i = 0; i < n; i++) {
      if (isX[i]) continue;
      const info = infos[i];
      const series = prefix ? this.run.get(`${prefix} ${info.key}`, splitOf(`${prefix} x`)) : (info.series ??= this.run.get(info.key));
      // NeMo's progress printer and a tqdm postfix print the last evaluation (and Lightning's bar
      // the last epoch's mean, `train_loss_epoch`) on every line: such a value repeated bit for bit
      // on the next record is the same one again, not a point of its own (the same value after
      // records without it is a plateau, and is kept)
      const repeated = series.lastRecord === record - 1 && series.lastY === values[i];
      series.lastRecord = record;
      if (repeated && (series.split === 'val' || series.split === 'test' || series.key.endsWith('_epoch'))) continue;
      if (pass) {
        if (pass.has(series)) series.dropLast();
        pass.add(series);
      }
      series.push(values[i], x);
      if (underContext && this.block.length < MAX_BLOCK) this.block.push({ series, index: series.length - 1 });
    }
  }
}
