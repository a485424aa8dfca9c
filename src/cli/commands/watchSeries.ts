// Which series of a run `watch` follows (--metric, or the most preferred loss), and its points on
// the most informative x axis.
import type { RunData, SeriesData, XKind } from '../../ingest/model/model';

/** x axes to fit against, most informative first. */
const X_PREFERENCE: readonly XKind[] = ['tokens', 'samples', 'step', 'flops', 'params', 'epoch', 'index'];
/** Series followed without --metric, most preferred first (held-out losses before train losses). */
const DEFAULT_METRICS = ['val_loss', 'eval_loss', 'val/loss', 'val loss', 'validation/loss', 'eval/loss', 'loss', 'train_loss', 'train/loss', 'train loss'];

export function pickSeries(run: RunData, metric: string | undefined): SeriesData | undefined {
  if (metric !== undefined) return run.series.find((s) => s.key === metric) ?? run.series.find((s) => s.key.toLowerCase() === metric.toLowerCase());
  for (const m of DEFAULT_METRICS) {
    const s = run.series.find((x) => x.key === m);
    if (s) return s;
  }
  return run.series.find((s) => s.key.toLowerCase().includes('loss'));
}

/** Finite points on the preferred x axis, in x order. */
export function curvePoints(s: SeriesData): { kind: XKind; points: { x: number; y: number }[] } | undefined {
  for (const kind of X_PREFERENCE) {
    const xs = s.x[kind];
    if (!xs) continue;
    const points: { x: number; y: number }[] = [];
    for (let i = 0; i < s.y.length; i++) if (Number.isFinite(xs[i]) && Number.isFinite(s.y[i]) && xs[i] > 0) points.push({ x: xs[i], y: s.y[i] });
    if (points.length === 0) continue;
    points.sort((a, b) => a.x - b.x);
    return { kind, points };
  }
  return undefined;
}
