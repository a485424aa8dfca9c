// "When does the loss reach 2.5?": the x at which a fitted curve, and the edges of its interval,
// reach a given loss, read off the curve's predictions over a log-spaced grid of x (the same
// predictions and calibrated intervals as any other target). Pure.
import type { Point, Prediction } from './analysis';
import { maxBy, medianInPlace, minBy } from './arrayStats';
import { formatAmount } from './units';

/** How far past the data the grid looks: a loss not reached by then is "not within 1000×". */
export const REACH_SPAN = 1000;
const PER_DECADE = 16;

export interface LossReach {
  readonly loss: number;
  /** Where the fitted curve reaches the loss; absent when it does not by `until`. */
  readonly x?: number;
  /** The earliest and latest x at which the interval's edges reach it; `hi` absent when the far edge does not by `until`. */
  readonly lo?: number;
  readonly hi?: number;
  /** The farthest x examined (REACH_SPAN times the data's end), and the fit's value there. */
  readonly until: number;
  readonly atUntil?: number;
  /** The data's largest x, which "3.2× the data" is measured from. */
  readonly dataEnd: number;
  /** The fit is past the loss already where the data start, and heads away from it. */
  readonly beforeData?: true;
  /** Where the logged points themselves first got there (loggedReach), when they did: then the answer is theirs, not the fit's. */
  readonly logged?: number;
  /** The median of the logged values from `logged` on (`loggedOver` of them), which is past the loss there. */
  readonly loggedLevel?: number;
  readonly loggedOver?: number;
}

/** Where a log first got past a loss, and the median of its values from there (over `over` points). */
export interface LoggedReach {
  readonly x: number;
  readonly level: number;
  readonly over: number;
}

/**
 * The first logged x from which the points are past `loss`, and the median of the points from
 * there, when the log crosses it in its direction of travel (its start and its end, medians of a few points, lie on either side): a spike
 * or a dip the log does not keep is no reach, nor is a loss the log started past. A point counts
 * when it and the median of the next few are past it (1 point per 100 logged, 1 to 50), so one
 * noisy step does not. The log's own answer for a loss reached inside the data, where a fit may not
 * apply (a warmup is left out of it) and the data say when.
 */
export function loggedReach(points: readonly Point[], loss: number): LoggedReach | undefined {
  const p = points.filter((q) => q.x > 0 && q.y > 0 && Number.isFinite(q.y)).sort((a, b) => a.x - b.x);
  if (p.length === 0 || !(loss > 0)) return undefined;
  const w = Math.min(50, Math.max(1, Math.round(p.length / 100)));
  const ends = Math.min(p.length, Math.max(3, w));
  const ys = Float64Array.from(p, (q) => q.y);
  const start = medianInPlace(ys.slice(0, ends));
  const end = medianInPlace(ys.slice(-ends));
  const above = start > loss;
  if (start === loss || (above ? end > loss : end < loss)) return undefined;
  const past = (y: number): boolean => (above ? y <= loss : y >= loss);
  for (let i = 0; i + w <= p.length; i++) {
    if (!past(ys[i]!)) continue;
    const level = medianInPlace(ys.slice(i, i + w));
    if (past(level)) return { x: p[i]!.x, level, over: w };
  }
  return undefined;
}

/**
 * The one rule the CLI (`fit`/`predict`/`watch --reach`) and the panel's Predict box answer a loss
 * by: a loss the log already reached is the log's to say, wherever a fit would put it (a fit may
 * not apply inside the data, and the data say when); undefined when the log has not got there, and
 * the fit answers (lossReach). `dataEnd` is the data's largest x.
 */
export function reachFromLog(points: readonly Point[], loss: number, dataEnd: number): LossReach | undefined {
  const r = loggedReach(points, loss);
  return r && { loss, until: dataEnd, dataEnd, ...loggedFields(r) };
}

const loggedFields = (r: LoggedReach): Pick<LossReach, 'logged' | 'loggedLevel' | 'loggedOver'> => ({ logged: r.x, loggedLevel: r.level, loggedOver: r.over });

/** The x grid a reach is read from: the data's start to REACH_SPAN times its end, 16 points a decade, both ends included. */
export function reachGrid(xMin: number, xMax: number): number[] {
  if (!(xMin > 0) || !(xMax >= xMin) || !Number.isFinite(xMax)) return [];
  const lo = Math.log10(xMin);
  const hi = Math.log10(xMax * REACH_SPAN);
  const n = Math.max(2, Math.ceil((hi - lo) * PER_DECADE) + 1);
  // the ends exactly (10^log10 drifts: 8e10 came back as 80000000000.00003 in the JSON's "until")
  return Array.from({ length: n }, (_, i) => (i === 0 ? xMin : i === n - 1 ? xMax * REACH_SPAN : Math.pow(10, lo + ((hi - lo) * i) / (n - 1))));
}

/**
 * reachGrid over a curve's points: from its first positive x (or `from`, where its fit starts after a
 * warmup, since the fit says nothing of the warmup) to REACH_SPAN times its last.
 */
export function reachGridOf(points: readonly Point[], from?: number): number[] {
  const start = minBy(points, (p) => (p.x > 0 ? p.x : Infinity));
  return reachGrid(from !== undefined && from > start ? from : start, maxBy(points, (p) => p.x));
}

/**
 * Where each of the curve, its low and its high edge first reaches `loss`, from predictions on
 * reachGrid (in x order): the first x at which it is on the other side of the loss than the curve
 * is at the data's start, interpolated in log x and log y. So the direction is whatever the curve
 * does, falling or rising, and a flat or turning fit that never gets there is not reached. A loss
 * the curve is already past where the data start, and moves away from (a falling loss asked for a
 * higher value), is said so (`beforeData`); the interval in x runs from the edge that gets there
 * first to the last. With the logged `points`, a loss the log already reached is answered from the
 * log (reachFromLog's rule): `logged` and its level lead, the fit's own reach is kept beside them.
 */
export function lossReach(predictions: readonly Prediction[], loss: number, dataEnd: number, points?: readonly Point[]): LossReach {
  const r = fitReach(predictions, loss, dataEnd);
  const logged = points && loggedReach(points, loss);
  return logged ? { ...r, ...loggedFields(logged) } : r;
}

function fitReach(predictions: readonly Prediction[], loss: number, dataEnd: number): LossReach {
  const grid = predictions.filter((p) => p.x > 0 && Number.isFinite(p.y) && p.y > 0);
  const until = grid.length > 0 ? grid[grid.length - 1]!.x : 0;
  if (grid.length < 2 || !(loss > 0)) return { loss, until, dataEnd };
  const start = grid[0]!.y;
  const base = { loss, until, dataEnd, atUntil: grid[grid.length - 1]!.y };
  if (start === loss) return { ...base, x: grid[0]!.x };
  // the side of the loss the curve starts on; reaching it is getting to the other side
  const above = start > loss;
  const crossing = (value: (p: Prediction) => number | undefined): number | undefined => {
    for (let i = 0; i < grid.length; i++) {
      const v = value(grid[i]!);
      if (v === undefined || !(v > 0) || (above ? v > loss : v < loss)) continue;
      if (i === 0) return grid[0]!.x;
      const prev = value(grid[i - 1]!);
      if (prev === undefined || !(prev > 0) || prev === v) return grid[i]!.x;
      const t = (Math.log(loss) - Math.log(prev)) / (Math.log(v) - Math.log(prev));
      return Math.exp(Math.log(grid[i - 1]!.x) + Math.min(1, Math.max(0, t)) * (Math.log(grid[i]!.x) - Math.log(grid[i - 1]!.x)));
    }
    return undefined;
  };
  const x = crossing((p) => p.y);
  // never reached, and heading away from the loss from the start: it was past it before the data began
  const next = grid[1]!.y;
  if (x === undefined && (above ? next > start : next < start)) return { ...base, beforeData: true };
  const banded = grid.some((p) => p.lo !== undefined && p.hi !== undefined);
  if (!banded) return { ...base, ...(x !== undefined ? { x } : {}) };
  const edges = [crossing((p) => p.lo), crossing((p) => p.hi)];
  const reached = edges.filter((e): e is number => e !== undefined);
  // a loss the fit reaches past the data was not reached inside them, whatever the band says there
  const early = reached.length > 0 ? Math.min(...reached) : undefined;
  const first = early !== undefined && x !== undefined && x > dataEnd ? Math.max(early, dataEnd) : early;
  return {
    ...base,
    ...(x !== undefined ? { x } : {}),
    ...(first !== undefined ? { lo: first } : {}),
    ...(reached.length === 2 ? { hi: Math.max(...reached) } : {}),
  };
}

const times = (x: number, end: number): string => `${Number((x / end).toPrecision(x / end < 10 ? 3 : 2))}×`;

/** " (the median of the 10 points from there: 2.98)", or " (2.98 there)" when one point is judged. */
function loggedLevelText(r: LossReach): string {
  if (r.loggedLevel === undefined) return '';
  const v = Number(r.loggedLevel.toPrecision(4));
  return (r.loggedOver ?? 1) > 1 ? ` (the median of the ${r.loggedOver} points from there: ${v})` : ` (${v} there)`;
}

/** The fit's own reach beside the log's answer, when the fit was made and puts it more than 5% elsewhere (a fit checked on held-out points is judged by it). */
function fitBesideLog(r: LossReach, at: (x: number) => string): string {
  if (r.x === undefined || r.logged === undefined || Math.abs(r.x / r.logged - 1) <= 0.05) return '';
  return `; the fit puts it at x ≈ ${at(r.x)}${r.x > r.dataEnd ? `, ${times(r.x, r.dataEnd)} the data` : ''}`;
}

/**
 * "loss = 2.5 at x ≈ 32B, 3.2× the data (95%: 21B – 60B)", or that the fit does not get there by
 * the grid's end, or passes it inside the data. One wording for the CLI and the Predict notification;
 * `lossText` writes the loss asked (the panel: as its headline writes losses, "2.500").
 */
export function reachText(r: LossReach, yName: string, level: string, xUnit = '', lossText: (loss: number) => string = String): string {
  const what = `${yName} = ${lossText(r.loss)}`;
  const at = (x: number): string => `${formatAmount(x)}${xUnit}`;
  if (r.logged !== undefined) return `${what}: the log got there at x ≈ ${at(r.logged)}${loggedLevelText(r)}, inside the data (which reach ${at(r.dataEnd)})${fitBesideLog(r, at)}`;
  if (r.beforeData) return `${what}: the fit is past it already where the data start, and heads away from it`;
  if (r.x === undefined) {
    const end = r.atUntil !== undefined ? `; the fit is at ${Number(r.atUntil.toPrecision(4))} there` : '';
    const edge = r.lo !== undefined ? `, though the ${level} interval's near edge gets there at x ≈ ${at(r.lo)}` : '';
    return `${what}: not reached by x = ${at(r.until)} (${times(r.until, r.dataEnd)} the data)${end}${edge}`;
  }
  if (r.x <= r.dataEnd) return `${what}: the fit passes it at x ≈ ${at(r.x)}, inside the data (which reach ${at(r.dataEnd)})`;
  // a near edge held at the data's end (the band is past the loss there already) is said to be that
  // end: "177K steps – beyond 177M" read as a reach computed at 177K, not "any step from now on"
  const near = r.lo === undefined ? '' : r.lo <= r.dataEnd ? `the data's end (${at(r.dataEnd)})` : at(r.lo);
  const band = r.lo === undefined ? '' : ` (${level}: ${near} – ${r.hi !== undefined ? at(r.hi) : `beyond ${at(r.until)}`})`;
  return `${what} at x ≈ ${at(r.x)}, ${times(r.x, r.dataEnd)} the data${band}`;
}
