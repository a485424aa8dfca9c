// The refit step of `watch`: the core's analyzeCurve on the points so far, summarised in one line
// (chosen law, its back-test error, predictions at the targets).
import { analyzeCurve } from '../../core/analyze';
import { getLaw } from '../../core/laws/index';
import type { XKind } from '../../ingest/model/model';
import type { WarmupStart } from '../../ingest/model/warmupStart';
import { UsageError } from '../args';
import { maxBy } from '../../core/arrayStats';
import { lossReach, reachGridOf, reachText, type LossReach } from '../../core/reach';
import { parseTarget } from '../../core/units';
import { fmt, fmtLoss } from '../numberText';
import { outsideTheData } from '../../core/outsideTheData';
import { accuracyMeaningText, lossMeaningText, type YMetric } from '../../core/yMetric';

export interface RefitOptions {
  /** Law ids; empty = the core's default set with the back-tested auto choice. */
  readonly laws: readonly string[];
  /** Targets as typed (1e10, 300B tokens, 10x: of the points so far), read at each refit. */
  readonly targets: readonly string[];
  /** Losses to find the x of (core/reach.ts). */
  readonly reach?: readonly number[];
  readonly xKind: XKind;
  /** The series' name, for the reach lines. */
  readonly yName?: string;
  /** What the series measures (core/yMetric.ts): a perplexity's or bits' values are also said as the loss in nats; an accuracy's error as the accuracy. */
  readonly metric?: YMetric;
  /** The accuracy's own name, when yName is the error it is followed as ("val_acc" of "1 − val_acc"). */
  readonly accuracyOf?: string;
  /** Where the fit starts: the end of the log's LR warmup, logged or stated in its config (ingest/model/warmupStart.ts). */
  readonly warmup?: WarmupStart;
}

/** Fewer points than this and a refit says nothing useful. */
export const MIN_FIT_POINTS = 5;

/** Throws a UsageError for an unknown law id, before watching starts. */
export function checkLaws(ids: readonly string[]): void {
  for (const id of ids) {
    try {
      getLaw(id);
    } catch (err) {
      throw new UsageError(err instanceof Error ? err.message : String(err));
    }
  }
}

/** What one refit says: the law chosen and its predictions, or why nothing can be said yet. */
export interface Refit {
  /** Why there is no prediction (too few points, a target that does not fit, no law fitted). */
  readonly note?: string;
  readonly law?: string;
  /** Whether auto chose the law (no --law given, or several). */
  readonly auto?: boolean;
  readonly backtestRmsle?: number;
  readonly predictions?: readonly { readonly x: number; readonly y: number; readonly lo?: number; readonly hi?: number }[];
  readonly reach?: readonly LossReach[];
  /** Where the fit started: after the LR warmup, read from `from`. */
  readonly fittedFrom?: { readonly x: number; readonly from: string };
  /** What fit would warn of these targets (a target before the data's first x, in another unit). */
  readonly warnings?: readonly string[];
}

/** Refits the points so far, as fit would (the targets read against the data seen now). */
export async function refitOf(points: readonly { x: number; y: number }[], opts: RefitOptions): Promise<Refit> {
  if (points.length < MIN_FIT_POINTS) return { note: `(fit waits for ${MIN_FIT_POINTS} points with ${opts.xKind} > 0)` };
  const dataEnd = maxBy(points, (p) => p.x);
  let targets: number[];
  try {
    targets = opts.targets.map((t) => parseTarget(t, dataEnd, opts.xKind).value);
  } catch (e) {
    return { note: `no prediction: ${e instanceof Error ? e.message : String(e)}` };
  }
  const grid = opts.reach?.length ? reachGridOf(points, opts.warmup?.at) : [];
  const a = analyzeCurve(points, { ...(opts.laws.length ? { laws: opts.laws } : {}), targets: [...targets, ...grid], seed: 1, ...(opts.warmup ? { fitFrom: opts.warmup.at, fitFromSource: opts.warmup.from } : {}) });
  const fitted = a.estimators.filter((e) => e.fit !== null);
  const chosenId = a.auto?.law ?? (fitted.length === 1 ? fitted[0].law : fitted.sort((p, q) => (p.backtest?.rmsle ?? Infinity) - (q.backtest?.rmsle ?? Infinity))[0]?.law);
  const chosen = a.estimators.find((e) => e.law === chosenId);
  if (!chosen || !chosen.fit) return { note: `no law could be fitted${a.warnings.length ? `: ${a.warnings[a.warnings.length - 1]}` : ''}` };
  const asked = chosen.predictions.slice(0, targets.length);
  const warnings = outsideTheData(targets, points, opts.xKind);
  return {
    law: chosen.law,
    auto: a.auto !== null && a.auto !== undefined,
    ...(chosen.backtest ? { backtestRmsle: chosen.backtest.rmsle } : {}),
    predictions: asked.map((p) => ({ x: p.x, y: p.y, ...(p.lo !== undefined && p.hi !== undefined ? { lo: p.lo, hi: p.hi } : {}) })),
    reach: (opts.reach ?? []).map((loss) => lossReach(chosen.predictions.slice(asked.length), loss, dataEnd, points)),
    ...(a.warmupPoints && opts.warmup ? { fittedFrom: { x: opts.warmup.at, from: opts.warmup.from } } : {}),
    ...(warnings.length ? { warnings } : {}),
  };
}

/** The refit in one line: chosen law, its back-test error, predictions at the targets. */
export function refitText(r: Refit, opts: Pick<RefitOptions, 'xKind' | 'yName' | 'metric' | 'accuracyOf'>): string {
  if (r.note !== undefined) return r.note;
  const parts = [`${r.auto ? 'auto → ' : ''}${r.law}`];
  if (r.backtestRmsle !== undefined) parts.push(`back-test RMSLE ${fmt(r.backtestRmsle)}`);
  const meaning = (v: number): string => {
    const m = opts.metric;
    const said = m?.kind === 'accuracy' ? accuracyMeaningText(opts.accuracyOf ?? 'accuracy', m.scale, v) : lossMeaningText(m, v);
    return said ? ` (${said})` : '';
  };
  for (const p of r.predictions ?? []) parts.push(`y(${opts.xKind}=${fmt(p.x)}) = ${fmtLoss(p.y)}${p.lo !== undefined && p.hi !== undefined ? ` [${fmtLoss(p.lo)}, ${fmtLoss(p.hi)}]` : ''}${meaning(p.y)}`);
  for (const q of r.reach ?? []) parts.push(reachText(q, opts.yName ?? 'y', '', ` ${opts.xKind}`, (v) => `${v}${meaning(v)}`));
  if (!r.predictions?.length && !r.reach?.length) parts.push('(add --target X for a prediction, --reach LOSS for when it is reached)');
  if (r.fittedFrom) parts.push(`fitted from ${opts.xKind} ${fmt(r.fittedFrom.x)}, after the LR warmup (read from ${r.fittedFrom.from})`);
  return parts.join('; ');
}

/** One line describing the refitted prediction. */
export async function refit(points: readonly { x: number; y: number }[], opts: RefitOptions): Promise<string> {
  return refitText(await refitOf(points, opts), opts);
}
