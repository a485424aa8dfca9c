// The refit step of `watch`: the core's analyzeCurve on the points so far, summarised in one line
// (chosen law, its back-test error, predictions at the targets).
import { analyzeCurve } from '../../core/analyze';
import { getLaw } from '../../core/laws/index';
import type { XKind } from '../../ingest/model/model';
import type { WarmupStart } from '../../ingest/model/warmupStart';
import { UsageError } from '../args';
import { maxBy } from '../../core/arrayStats';
import { lossReach, reachGridOf, reachText } from '../../core/reach';
import { parseTarget } from '../../core/units';

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

function fmt(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  const a = Math.abs(v);
  return a !== 0 && (a >= 1e5 || a < 1e-3) ? v.toExponential(3) : String(Number(v.toPrecision(5)));
}

/** One line describing the refitted prediction, or undefined when nothing can be said yet. */
export async function refit(points: readonly { x: number; y: number }[], opts: RefitOptions): Promise<string | undefined> {
  if (points.length < MIN_FIT_POINTS) return `(fit waits for ${MIN_FIT_POINTS} points with ${opts.xKind} > 0)`;
  const dataEnd = maxBy(points, (p) => p.x);
  let targets: number[];
  try {
    targets = opts.targets.map((t) => parseTarget(t, dataEnd, opts.xKind).value);
  } catch (e) {
    return `no prediction: ${e instanceof Error ? e.message : String(e)}`;
  }
  const grid = opts.reach?.length ? reachGridOf(points) : [];
  const a = analyzeCurve(points, { ...(opts.laws.length ? { laws: opts.laws } : {}), targets: [...targets, ...grid], seed: 1, ...(opts.warmup ? { fitFrom: opts.warmup.at, fitFromSource: opts.warmup.from } : {}) });
  const fitted = a.estimators.filter((e) => e.fit !== null);
  const chosenId = a.auto?.law ?? (fitted.length === 1 ? fitted[0].law : fitted.sort((p, q) => (p.backtest?.rmsle ?? Infinity) - (q.backtest?.rmsle ?? Infinity))[0]?.law);
  const chosen = a.estimators.find((e) => e.law === chosenId);
  if (!chosen || !chosen.fit) return `no law could be fitted${a.warnings.length ? `: ${a.warnings[a.warnings.length - 1]}` : ''}`;
  const parts = [`${a.auto ? 'auto → ' : ''}${chosen.law}`];
  if (chosen.backtest) parts.push(`back-test RMSLE ${fmt(chosen.backtest.rmsle)}`);
  const asked = chosen.predictions.slice(0, targets.length);
  for (const p of asked) parts.push(`y(${opts.xKind}=${fmt(p.x)}) = ${fmt(p.y)}${p.lo !== undefined && p.hi !== undefined ? ` [${fmt(p.lo)}, ${fmt(p.hi)}]` : ''}`);
  for (const loss of opts.reach ?? []) parts.push(reachText(lossReach(chosen.predictions.slice(asked.length), loss, dataEnd), opts.yName ?? 'y', '', ` ${opts.xKind}`));
  if (chosen.predictions.length === 0) parts.push('(add --target X for a prediction, --reach LOSS for when it is reached)');
  if (a.warmupPoints && opts.warmup) parts.push(`fitted from ${opts.xKind} ${fmt(opts.warmup.at)}, after the LR warmup (read from ${opts.warmup.from})`);
  return parts.join('; ');
}
