// One model for everything ingestion reads: a source yields runs; a run has named series of
// (x, y) points. Numbers are kept in growable typed arrays so memory tracks points, not bytes.

export type XKind = 'step' | 'epoch' | 'tokens' | 'samples' | 'flops' | 'params' | 'time' | 'index';
export type Split = 'train' | 'val' | 'test' | 'other';

export type FormatId =
  | 'csv'
  | 'lightning'
  | 'keras'
  | 'hf-trainer-state'
  | 'tensorboard-json'
  | 'jsonl'
  | 'json-records'
  | 'mmcv-json'
  | 'mlflow'
  | 'mlflow-sqlite'
  | 'tfevents'
  | 'wandb'
  | 'text'
  | 'sweep'
  | 'rnsl-benchmark';

/** A located, human-readable problem found while reading; reading goes on after it. */
export interface IngestWarning {
  readonly file: string;
  /** 1-based line, when the format is line-oriented. */
  readonly line?: number;
  /** Byte offset, when the format is binary. */
  readonly offset?: number;
  readonly message: string;
}

export interface SeriesData {
  /** Metric key as the writer named it: 'val_loss', 'eval/loss', 'train loss'. */
  readonly key: string;
  readonly split: Split;
  /** The x values this series has, by kind; every array has the same length as `y`. */
  readonly x: Partial<Record<XKind, Float64Array>>;
  readonly y: Float64Array;
  /** Per-point fit (1) / held-out (0) flag, when the source carries one (RNSL benchmark `Training`). */
  readonly fitMask?: Uint8Array;
  /** An x axis whose kind's plain name would mislead: Keras's epoch read as epochs completed. */
  readonly xLabels?: Partial<Record<XKind, string>>;
  /** A sweep table's unique tokens per run (its unique-tokens column), NaN where a row gives none: what chinchilla-dc fits beside N and D. */
  readonly unique?: Float64Array;
}

export interface RunData {
  readonly name: string;
  /** Path of the file (or folder) it came from. */
  readonly origin: string;
  readonly format: FormatId;
  readonly series: readonly SeriesData[];
  /** Extra per-run facts (hyper-parameters, N/D of a sweep row group, benchmark Domain/Task/Model). */
  readonly meta?: Record<string, string | number>;
  /** What reading had to cut or leave out of this run (over-long keys, too many series). */
  readonly notes?: readonly string[];
}

export interface SourceData {
  readonly format: FormatId;
  readonly runs: readonly RunData[];
  readonly warnings: readonly IngestWarning[];
  /** A watched path that cannot be read now (deleted, moved): why. The runs are what was read before. */
  readonly missing?: string;
}
