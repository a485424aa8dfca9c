// A loss that turns NaN or infinite to the end of a log: the run diverged. Said, with where the
// climb before it began, for --fit-until. One NaN alone at the end is not yet a divergence: a step
// that fp16 loss scaling skipped is logged as NaN or inf by loggers that log the raw loss
// (Lightning's self.log; HF Trainer filters them, logging_nan_inf_filter), and the run goes on.
import type { Point } from '../../core/analysis';
import { medianInPlace, successiveNoise } from '../../core/arrayStats';
import { formatAmount } from '../../core/units';
import type { SeriesData, XKind } from './model';

/** The climb is judged on this many consecutive blocks of points, by their medians. */
const BLOCKS = 200;
/** A climb of more than this (5%) since the lowest block is a climb the laws would read as the curve's shape. */
const CLIMB = 0.05;
/**
 * Non-finite losses in a row that end a log before the run is called diverged. A loss scaler that
 * overflows halves its scale and the next step is finite again, so a skipped step logs one; two
 * logged in a row are two logging intervals that each ended non-finite, which a run that recovers
 * does not do.
 */
export const DIVERGED_AFTER = 2;
/** How the status bar and the panel say one non-finite loss at the end, short. */
export const ONE_NOT_FINITE = 'one point; skipped step?';

/**
 * Said when `series` is NaN or infinite from some x to the end of the log, with where the loss was
 * lowest before (when it had climbed by more than 5% since): --fit-until there fits the run before
 * the climb. The lowest is that of BLOCKS block medians, and the cut the end of the lowest block: a
 * per-step loss's noisiest dip is not where its climb begins, nor is the lowest block of a flat
 * stretch: the cut is the last block within 2σ of the lowest (σ: the block medians' noise).
 */
export function divergedTail(series: SeriesData, x: XKind, points: readonly Point[], yCol: string, cutHint: (until: number) => string = fitUntilHint): string | undefined {
  const nonFinite = nonFiniteTail(series, x);
  if (!nonFinite || points.length === 0) return undefined;
  if (!nonFinite.diverged) return `"${yCol}" is NaN or infinite at its last point only (${x} ${formatAmount(nonFinite.fromX)}: ${ONE_NOT_FINITE}): not called diverged until ${DIVERGED_AFTER} in a row end the log; fitted the points before`;
  const tail = nonFinite.points;
  const medians = blockMedians(points);
  let low = 0;
  for (let b = 1; b < medians.length; b++) if (medians[b]!.median < medians[low]!.median) low = b;
  const climbed = medians[medians.length - 1]!.median / medians[low]!.median - 1;
  // the climb begins after the last block still within the blocks' noise (2σ) of the lowest: on a
  // flat stretch the lowest median is any of its blocks, by chance
  const level = Math.log(medians[low]!.median) + 2 * noiseOf(medians.map((m) => Math.log(m.median)));
  let last = low;
  for (let b = low + 1; b < medians.length; b++) if (Math.log(medians[b]!.median) <= level) last = b;
  const until = medians[last]!.lastX;
  const cut = climbed > CLIMB ? `; it had climbed ${Math.round(100 * climbed)}% since its lowest, by ${x} ${formatAmount(until)} (${cutHint(until)})` : '';
  return `"${yCol}" is NaN or infinite from ${x} ${formatAmount(nonFinite.fromX)} to the end (${tail} point${tail === 1 ? '' : 's'}): the run diverged there; fitted the points before${cut}`;
}

/** Where the values turn NaN or infinite to the end of the log (at finite x), how many, and whether that is a divergence. */
export interface NotFiniteTail {
  readonly fromX: number;
  readonly points: number;
  /** DIVERGED_AFTER or more in a row; else one point alone. */
  readonly diverged: boolean;
}

/** The NaN or infinite values that end `ys`, counted at finite `xs`, and the x they start at. */
export function notFiniteTailOf(xs: ArrayLike<number>, ys: ArrayLike<number>): NotFiniteTail | undefined {
  let first = -1;
  for (let i = ys.length - 1; i >= 0 && !Number.isFinite(ys[i]); i--) if (Number.isFinite(xs[i])) first = i;
  if (first < 0) return undefined;
  const points = ys.length - first;
  return { fromX: xs[first]!, points, diverged: points >= DIVERGED_AFTER };
}

/** Where `series` turns NaN or infinite to the end of the log, on axis `x`. */
export function nonFiniteTail(series: SeriesData, x: XKind): NotFiniteTail | undefined {
  const xs = series.x[x];
  return xs ? notFiniteTailOf(xs, series.y) : undefined;
}

/** The CLI's way to fit the run before the climb. */
function fitUntilHint(until: number): string {
  return `--fit-until ${until} fits the run before the climb`;
}

/** Robust σ of one block median's noise (0 for fewer than three blocks). */
function noiseOf(logMedians: readonly number[]): number {
  return logMedians.length < 3 ? 0 : successiveNoise(logMedians);
}

/** The median loss of each of at most BLOCKS runs of consecutive points, and the last x of each. */
function blockMedians(points: readonly Point[]): { median: number; lastX: number }[] {
  const n = points.length;
  const blocks = Math.min(n, BLOCKS);
  const out: { median: number; lastX: number }[] = [];
  for (let b = 0; b < blocks; b++) {
    const from = Math.floor((b * n) / blocks);
    const to = Math.floor(((b + 1) * n) / blocks);
    const ys = new Float64Array(to - from);
    for (let i = from; i < to; i++) ys[i - from] = points[i]!.y;
    out.push({ median: medianInPlace(ys), lastX: points[to - 1]!.x });
  }
  return out;
}
