// The words a watch shows in its status-bar item and panel line: the latest value and the
// forecast, never "fitting…" (a refit in progress keeps the last forecast, marked as older). Pure.
import { formatAmount, formatPercent } from '../../core/units';
import { errorNameOf } from '../../core/yMetric';
import { DIVERGED_AFTER, ONE_NOT_FINITE } from '../../ingest/model/divergedTail';

export interface LiveFacts {
  /** The series shown ("val_loss"). */
  readonly yKey: string;
  /** The x unit in words (" tokens", " examples", " step"). */
  readonly xUnit: string;
  /** The last x, and the level there: the median of the last `over` values (1: the last value itself). */
  readonly latest?: { readonly x: number; readonly y: number; readonly over?: number };
  readonly forecast?: { readonly x: number; readonly y: number };
  /**
   * The forecast is at the run's planned end (step `step`, as `where` says): the schedule-aware
   * forecast's end, or the laws' prediction there instead of at the default target `instead` (10x).
   */
  readonly atEnd?: { readonly step: number; readonly where: string; readonly instead?: string };
  /**
   * The forecast is at the target `target` past the run's planned end (step `step`, as `where`
   * says): typed in the panel, or else the setting's default (10x of a log already past its end).
   */
  readonly pastEnd?: { readonly step: number; readonly where: string; readonly target: string; readonly typed: boolean };
  /** The schedule-aware forecast's trust line (its back-test on the run's own history). */
  readonly forecastTrust?: string;
  /** The forecast was fitted before the latest points arrived. */
  readonly stale?: boolean;
  /** Why there is no forecast yet ("3 points, need 5"). */
  readonly noForecast?: string;
  /**
   * The loss has turned up: risen by `rise` (a fraction) since x = `fromX`; the laws' forecast assumes a fall.
   * `accuracy`: it is the error of this accuracy, fitted as its error (core/accuracyFit.ts), which has
   * fallen by `fell` (a fraction of its own high, not the error's rise).
   */
  readonly rising?: { readonly fromX: number; readonly rise: number; readonly accuracy?: { readonly name: string; readonly scale: 1 | 100; readonly fell: number } };
  /** The loss is NaN or infinite from x = `fromX` to the end of the log: the run diverged. */
  readonly diverged?: { readonly fromX: number };
  /** The last loss only is NaN or infinite, at x: one point (a skipped step?), not called diverged. */
  readonly lastNotFinite?: { readonly x: number };
}

/** A loss as the status-bar item writes it (four significant digits): the forecast, and the target beside it. */
export function statusNumber(v: number): string {
  if (Math.abs(v) >= 1e4 || (Math.abs(v) < 1e-3 && v !== 0)) return v.toExponential(2);
  // only zeros after a decimal point go: "1500" (toPrecision(4) of a perplexity) is no "15"
  const s = v.toPrecision(4);
  return s.includes('.') ? s.replace(/\.?0+$/, '') : s;
}

/**
 * "val_loss 2.412 at 60M → 2.118 at 600M tokens": the latest value, then the forecast (with a "*"
 * when it was fitted before the latest points arrived; "at end (72K steps)" when it is at the run's
 * planned end); "↑7.8% since 3.4B" after the latest value when the loss has turned up ("↓1.5% since
 * 2.8B" when an accuracy fitted as its error has fallen); no
 * forecast once the loss has turned NaN to the end of the log, two points or more ("val_loss NaN/inf
 * since 3.5B tokens"); one NaN point alone is named after the forecast ("; last val_loss NaN/inf (one point; skipped step?)").
 */
export function liveStatusText(f: LiveFacts): string {
  if (!f.latest) return `${f.yKey}: no points yet`;
  // an accuracy's error that rose is the accuracy's fall: said so, in the accuracy's own percent
  const rising = f.rising ? ` ${f.rising.accuracy ? `↓${formatPercent(f.rising.accuracy.fell)}` : `↑${formatPercent(f.rising.rise)}`} since ${formatAmount(f.rising.fromX)}` : '';
  const approx = (f.latest.over ?? 1) > 1 ? '~' : '';
  const latest = `${f.yKey} ${approx}${statusNumber(f.latest.y)} at ${formatAmount(f.latest.x)}${rising}`;
  // a forecast of the points before a divergence says nothing of the run now
  if (f.diverged) return `${f.yKey} NaN/inf since ${sinceText(f.diverged.fromX, f.xUnit)} (diverged; last ${approx}${statusNumber(f.latest.y)} at ${formatAmount(f.latest.x)})`;
  // one NaN at the end is said, not called a divergence: the forecast of the points before stands
  const lone = f.lastNotFinite ? `; last ${f.yKey} NaN/inf (${ONE_NOT_FINITE})` : '';
  if (f.forecast) {
    const x = `${formatAmount(f.forecast.x)}${f.xUnit}`;
    return `${latest} → ${statusNumber(f.forecast.y)}${f.stale ? '*' : ''} ${f.atEnd ? `at end (${x})` : `at ${x}`}${lone}`;
  }
  return `${latest}${f.xUnit}${f.noForecast ? ` (${f.noForecast})` : ''}${lone}`;
}

function endLine(end: NonNullable<LiveFacts['atEnd']>): string {
  const step = `step ${formatAmount(end.step)} (${end.where})`;
  if (end.instead === undefined) return `The forecast follows the run's learning-rate schedule to its planned end, ${step}.`;
  return `The forecast is at the run's planned end, ${step}, not at the target ${end.instead}, which moves on with every new step (past the end, this run has no loss to show). A target typed in the panel is followed instead.`;
}

/** The tooltip's words for the same facts. */
export function liveTooltip(f: LiveFacts, path: string): string {
  const lines = [`Scaling Lens is watching ${path}.`];
  if ((f.latest?.over ?? 1) > 1) lines.push(`~${statusNumber(f.latest!.y)} is the median of the last ${f.latest!.over} logged values: one value of a per-step loss is mostly noise.`);
  if (f.diverged) lines.push(`The ${f.yKey} has been NaN or infinite since ${sinceText(f.diverged.fromX, f.xUnit)}: the run diverged there. The panel fits the points before it.`);
  else if (f.lastNotFinite) lines.push(`The last ${f.yKey} logged, at ${formatAmount(f.lastNotFinite.x)}${f.xUnit}, is NaN or infinite: one point, as a step that fp16 loss scaling skipped logs it. The run is called diverged once ${DIVERGED_AFTER} in a row end the log; the panel fits the points before it.`);
  else if (f.forecast && f.atEnd) lines.push(endLine(f.atEnd));
  else if (f.forecast && f.pastEnd) {
    // a target nobody typed is the setting's default: say which, so "typed" is no puzzle
    const target = f.pastEnd.typed ? `the target typed, ${f.pastEnd.target}` : `the default target ${f.pastEnd.target} (the scalingLens.target setting)`;
    lines.push(`The forecast is at ${target}, past the run's planned end, step ${formatAmount(f.pastEnd.step)} (${f.pastEnd.where}): this run shows no loss there, and a longer run would follow its own schedule.`);
  }
  if (f.forecast && f.forecastTrust && !f.diverged) lines.push(f.forecastTrust);
  if (f.forecast && f.stale && !f.diverged) lines.push('The forecast (*) is from the previous fit; the refit with the newest points is on its way.');
  const acc = f.rising?.accuracy;
  if (f.rising && acc) lines.push(`${acc.name} has fallen ${formatPercent(acc.fell)} since ${formatAmount(f.rising.fromX)} (its error, ${errorNameOf(acc.name, acc.scale)}, rose ${formatPercent(f.rising.rise)}): the laws assume the error keeps falling, so their forecast is in doubt.`);
  else if (f.rising) lines.push(`The loss has risen ${formatPercent(f.rising.rise)} since ${formatAmount(f.rising.fromX)}: the laws assume it keeps falling, so their forecast is in doubt.`);
  lines.push('Click for: show the panel, stop watching.');
  return lines.join('\n\n');
}

/**
 * The status item's screen-reader label: its log's name once. The item's text leads with the name
 * when several logs are watched ("metrics.csv: val_loss …"), and the label names it already.
 */
export function statusItemLabel(name: string, text: string): string {
  const own = text.startsWith(`${name}: `) ? text.slice(name.length + 2) : text;
  return `Scaling Lens, ${name}: ${own}. Activate for options.`;
}

/**
 * Where something began, after "since": "step 1.03K", "epoch 7", "41M tokens". A count of steps or
 * epochs read after "since" is a duration ("since 7 epochs"), so those name the step or epoch itself.
 */
export function sinceText(x: number, xUnit: string): string {
  const counted = /^ (step|epoch)s$/.exec(xUnit)?.[1];
  return counted ? `${counted} ${formatAmount(x)}` : `${formatAmount(x)}${xUnit}`;
}
