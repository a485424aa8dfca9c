// Which series of a run `watch` follows (--metric, or the most preferred loss it can fit yet), its
// points on the most informative x axis, and what to say when a run has nothing to follow.
import type { RunData, SeriesData, XKind } from '../../ingest/model/model';
import { MIN_FIT_POINTS } from './watchFit';

/** x axes to fit against, most informative first. */
const X_PREFERENCE: readonly XKind[] = ['tokens', 'samples', 'step', 'flops', 'params', 'epoch', 'index'];
/** Series followed without --metric, most preferred first (held-out losses before train losses). */
const DEFAULT_METRICS = ['val_loss', 'eval_loss', 'val/loss', 'val loss', 'validation/loss', 'eval/loss', 'loss', 'train_loss', 'train/loss', 'train loss', 'train_loss_step'];
/** Megatron's fp16 "loss scale" is the optimizer's multiplier, not a loss. */
const NOT_A_LOSS = /loss.?scale/i;
/** At most this many of a run's series keys are named in a warning. */
const SHOWN_KEYS = 30;

export function pickSeries(run: RunData, metric: string | undefined): SeriesData | undefined {
  if (metric !== undefined) return run.series.find((s) => s.key === metric) ?? run.series.find((s) => s.key.toLowerCase() === metric.toLowerCase());
  const defaults = DEFAULT_METRICS.map((m) => run.series.find((x) => x.key === m)).filter((s): s is SeriesData => s !== undefined);
  const others = run.series.filter((s) => !DEFAULT_METRICS.includes(s.key) && s.key.toLowerCase().includes('loss') && !NOT_A_LOSS.test(s.key));
  const candidates = [...defaults, ...others];
  if (candidates.length === 0) return undefined;
  // a val loss at its first eval (1 point) would hold every refit back until its fifth while the
  // train loss grows by thousands of rows: the preferred series is followed once it can be fitted
  const counts = candidates.map(fitPointCount);
  const fittable = candidates.find((_, i) => counts[i] >= MIN_FIT_POINTS);
  if (fittable) return fittable;
  let most = 0;
  counts.forEach((c, i) => {
    if (c > counts[most]) most = i;
  });
  return candidates[most];
}

/** Finite points on the preferred x axis, in x order. */
export function curvePoints(s: SeriesData): { kind: XKind; points: { x: number; y: number }[] } | undefined {
  for (const kind of X_PREFERENCE) {
    const xs = s.x[kind];
    if (!xs) continue;
    const points: { x: number; y: number }[] = [];
    for (let i = 0; i < s.y.length; i++) if (isFitPoint(xs[i], s.y[i])) points.push({ x: xs[i], y: s.y[i] });
    if (points.length === 0) continue;
    points.sort((a, b) => a.x - b.x);
    return { kind, points };
  }
  return undefined;
}

function isFitPoint(x: number, y: number): boolean {
  return Number.isFinite(x) && Number.isFinite(y) && x > 0;
}

/** How many points curvePoints(s) has (refitOf waits for MIN_FIT_POINTS of them), without building them. */
function fitPointCount(s: SeriesData): number {
  for (const kind of X_PREFERENCE) {
    const xs = s.x[kind];
    if (!xs) continue;
    let n = 0;
    for (let i = 0; i < s.y.length; i++) if (isFitPoint(xs[i], s.y[i])) n++;
    if (n > 0) return n;
  }
  return 0;
}

/**
 * Why `run` has nothing to follow, naming its series (and the near match of --metric, e.g.
 * nanoGPT's "val loss" for val_loss); undefined when it has a series to follow or no series yet.
 */
export function nothingToFollowText(run: RunData, metric: string | undefined): string | undefined {
  if (run.series.length === 0 || pickSeries(run, metric) !== undefined) return undefined;
  const keys = run.series.map((s) => s.key);
  const listed = `${keys.slice(0, SHOWN_KEYS).join(', ')}${keys.length > SHOWN_KEYS ? ', …' : ''}`;
  if (metric === undefined) return `run ${run.name} has no loss series to follow (its series: ${listed}); watching on in case one appears, or choose one with --metric KEY`;
  const near = keys.find((k) => looseKey(k) === looseKey(metric));
  return `run ${run.name} has no series "${metric}" (its series: ${listed}); watching on in case it appears${near !== undefined ? `, or watch --metric "${near}"` : ''}`;
}

/** A key without case or separators: "val loss", "val/loss" and "Val_Loss" are one. */
function looseKey(key: string): string {
  return key.toLowerCase().replace(/[^a-z0-9]/g, '');
}
