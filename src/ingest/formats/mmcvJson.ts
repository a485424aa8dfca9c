// mmdetection / mmcv `<work_dir>/<timestamp>.log.json` (TextLoggerHook's JSON lines): a first
// record of the environment and config, then `{"mode": "train", "epoch": 1, "iter": 50, "lr": …,
// "loss": …}` every logging interval and `{"mode": "val", "epoch": 1, "iter": 7330, "bbox_mAP": …}`
// after each evaluation. Read as JSONL, train and val records would share series (a val `loss`
// would interleave with the train one) and `iter`, which restarts every epoch, would fold the epochs
// onto each other. Here a record's mode names its series (`val bbox_mAP`, as the `.log` text reader
// names mmengine's `Epoch(val)` lines), and x is the iteration across epochs (epochIters.ts) beside
// the epoch as logged.
import type { Decoder, Format } from '../model/decoder';
import { EpochIters } from '../model/epochIters';
import { baseName, splitOf } from '../model/keys';
import type { SeriesBuilder } from '../model/runBuilder';
import { JsonObjectLineDecoder } from '../text/jsonObjectLines';
import { flattenMetrics } from '../text/metricObject';

/** The record's counters and label, not metrics. */
const NOT_METRICS = new Set(['mode', 'epoch', 'iter']);
/** An evaluation record restates the training's learning rate: no point of its own. */
const RESTATED_IN_EVAL = new Set(['lr']);
/** Points whose iteration waits for the epoch length; a run of one unfinished epoch holds an epoch's worth. */
const MAX_PENDING = 100_000;
/** Run facts from the environment record kept as meta (not its env_info or config dumps). */
const META_KEYS = ['seed', 'exp_name', 'mmdet_version', 'mmcls_version', 'mmseg_version', 'mmpose_version', 'mmocr_version'];

interface Pending {
  readonly series: SeriesBuilder;
  readonly index: number;
  readonly epoch: number;
  /** The batch within the epoch; undefined for an evaluation (at the epoch's end). */
  readonly iter: number | undefined;
}

class MmcvJsonDecoder extends JsonObjectLineDecoder {
  private readonly iters = new EpochIters();
  private pending: Pending[] = [];
  private readonly keys: string[] = [];
  private readonly values: number[] = [];

  constructor(origin: string) {
    super(origin, 'mmcv-json');
    // `20220101_120000.log.json` is the run of `20220101_120000.log`, its text twin
    this.run.name = this.run.name.replace(/\.log$/, '');
  }

  protected record(rec: Record<string, unknown>): void {
    if (typeof rec.mode !== 'string') return this.environment(rec);
    const epoch = typeof rec.epoch === 'number' ? rec.epoch : undefined;
    const iter = typeof rec.iter === 'number' ? rec.iter : undefined;
    const train = rec.mode === 'train';
    const known = this.iters.epochLength;
    const step = epoch === undefined ? iter : train ? (iter === undefined ? undefined : this.iters.train(epoch, iter)) : this.iters.evaluation(epoch, iter);
    if (known === undefined && this.iters.epochLength !== undefined) this.settle();
    this.keys.length = 0;
    this.values.length = 0;
    flattenMetrics(rec, '', this.keys, this.values);
    const prefix = train ? '' : `${rec.mode} `;
    const x = { step, epoch };
    for (let i = 0; i < this.keys.length; i++) {
      const key = this.keys[i]!;
      if (NOT_METRICS.has(key) || (!train && RESTATED_IN_EVAL.has(key))) continue;
      const series = this.run.get(prefix + key, prefix ? splitOf(`${rec.mode} x`) : undefined);
      series.push(this.values[i]!, x);
      if (step === undefined && epoch !== undefined && this.pending.length < MAX_PENDING) this.pending.push({ series, index: series.length - 1, epoch, iter: train ? iter : undefined });
    }
  }

  /** The first record (no mode): the run's seed and name, not a point. */
  private environment(rec: Record<string, unknown>): void {
    for (const k of META_KEYS) {
      const v = rec[k];
      if (typeof v === 'number' || (typeof v === 'string' && v.length <= 200)) this.run.setMeta(k, v);
    }
  }

  /** The epoch length is known: the points that waited for it get their iteration. */
  private settle(): void {
    const length = this.iters.epochLength!;
    for (const p of this.pending) p.series.setX('step', p.index, p.iter === undefined ? p.epoch * length : (p.epoch - 1) * length + p.iter);
    this.pending = [];
  }
}

/** `"mode": "train"` / `"val"` beside an `"epoch"` or `"iter"` counter, on one of the first lines. */
const MODE_RECORD = /^\{.*"mode":\s*"(?:train|val|test)".*"(?:epoch|iter)":\s*\d/m;

export const mmcvJsonFormat: Format = {
  id: 'mmcv-json',
  growth: 'append',
  detect(name, head) {
    const text = new TextDecoder().decode(head.subarray(0, 16384));
    if (!text.trimStart().startsWith('{') || !MODE_RECORD.test(text)) return 0;
    // above JSONL's 0.75 for a .json: the same lines, read with their mode and epochs
    return baseName(name).toLowerCase().endsWith('.log.json') ? 0.9 : 0.8;
  },
  createDecoder: (origin): Decoder => new MmcvJsonDecoder(origin),
};
