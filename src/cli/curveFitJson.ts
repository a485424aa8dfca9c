// What `fit` and `predict` print for one curve with --json (and what their text is written from).
import type { LossReach } from '../core/reach';

export interface CurveFitJson {
  group: Record<string, string>;
  /** The series fitted, as the text names it ("val_perplexity"; "1 − val_accuracy" for an accuracy fitted as its error); absent when the table's y was not named. */
  metric?: string;
  law: string;
  /** The law's formula; for an average, the weighted geometric mean of its base laws. */
  formula: string;
  params: Record<string, number>;
  intervals: Record<string, readonly [number, number]>;
  converged: boolean;
  reason: string;
  backtest: { rmsle: number; nFit: number; nScored: number } | null;
  heldOut: { n: number; rmsle: number; points?: readonly { x: number; y: number; pred: number; lo?: number; hi?: number }[] } | null;
  /** lo/hi: the calibrated interval at `level`; intervalNote: why there is none; trust: the curve's own back-test error at the nearest extrapolation factor (beyond: the target is further out than any back-test reached). */
  /** scatter: when the interval is mostly one logged value's own noise, that value's spread off the curve (1σ, as a fraction: 0.32 is ±32%); the interval is then for one logged value. */
  /** lossNats: for a perplexity or bits, the loss in nats the value and its interval mean (ln ppl; bits · ln 2); accuracy: for an accuracy fitted as its error, the accuracy they mean. */
  predictions: { x: number; y: number; lo?: number; hi?: number; intervalNote?: string; scatter?: number; trust?: TrustJson; lossNats?: { y: number; lo?: number; hi?: number }; accuracy?: { y: number; lo?: number; hi?: number } }[];
  /** Present with --reach: where the fit (x) and its interval's edges (lo, hi) reach each loss; `until` the farthest x looked at, `dataEnd` the data's largest x; for a loss the log already reached, `logged` (where it first got there) and `loggedLevel` (the median of its next `loggedOver` points), which answer it, as in the panel. */
  reach?: LossReach[];
  /** Central coverage of lo/hi (present with --bootstrap). */
  level?: number;
  /** Present with --law auto / bnsl: what was chosen and why, and every candidate's back-test. */
  auto?: { law: string; reason: string; candidates: { law: string; backtest: number | null; error?: string; sameAs?: string }[] };
  nFit: number;
  /** Points left out of every fit: loss spikes, or (with `why`) a sweep's runs far above the surface through the others (empty when none). */
  outliers: { x: number; y: number; why?: string }[];
  /** Present when the log's learning-rate warmup was left out of the fit: the points before x = `before`, and where that end was read. */
  warmup?: { before: number; points: number; from: string };
  /** Present when the loss has turned up (core/upturn.ts): from where, from and to what, by how much, and whether it falls again. */
  upturn?: { fromX: number; lowY: number; lastY: number; rise: number; fallingAgain: boolean };
  warnings: string[];
  /** Present only when this curve could not be fitted: why, in one line (the other fields are then empty). */
  error?: string;
}

/** The curve's own back-test error at the nearest factor; `beyond` (with the target's factor) when the target is further out than any back-test. */
export interface TrustJson {
  factor: number;
  missedBy: number;
  beyond?: true;
  targetFactor?: number;
}
