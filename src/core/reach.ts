// "When does the loss reach 2.5?": the x at which a fitted curve, and the edges of its interval,
// reach a given loss, read off the curve's predictions over a log-spaced grid of x (the same
// predictions and calibrated intervals as any other target). Pure.
import type { Prediction } from './analysis';
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
}

/** The x grid a reach is read from: the data's start to REACH_SPAN times its end, 16 points a decade, both ends included. */
export function reachGrid(xMin: number, xMax: number): number[] {
  if (!(xMin > 0) || !(xMax >= xMin) || !Number.isFinite(xMax)) return [];
  const lo = Math.log10(xMin);
  const hi = Math.log10(xMax * REACH_SPAN);
  const n = Math.max(2, Math.ceil((hi - lo) * PER_DECADE) + 1);
  return Array.from({ length: n }, (_, i) => Math.pow(10, lo + ((hi - lo) * i) / (n - 1)));
}

/**
 * Where each of the curve, its low and its high edge first reaches `loss`, from predictions on
 * reachGrid (in x order). The direction is the curve's own: a falling loss reaches it from above,
 * a rising score from below; the interval in x runs from the edge that gets there first to the
 * one that gets there last. Crossings are interpolated in log x and log y.
 */
export function lossReach(predictions: readonly Prediction[], loss: number, dataEnd: number): LossReach {
  const grid = predictions.filter((p) => p.x > 0 && Number.isFinite(p.y) && p.y > 0);
  const until = grid.length > 0 ? grid[grid.length - 1]!.x : 0;
  if (grid.length < 2 || !(loss > 0)) return { loss, until, dataEnd };
  const falling = grid[grid.length - 1]!.y <= grid[0]!.y;
  const past = (v: number): boolean => (falling ? v <= loss : v >= loss);
  const crossing = (value: (p: Prediction) => number | undefined): number | undefined => {
    for (let i = 0; i < grid.length; i++) {
      const v = value(grid[i]!);
      if (v === undefined || !(v > 0) || !past(v)) continue;
      if (i === 0) return grid[0]!.x;
      const prev = value(grid[i - 1]!);
      if (prev === undefined || !(prev > 0)) return grid[i]!.x;
      const t = (Math.log(loss) - Math.log(prev)) / (Math.log(v) - Math.log(prev));
      return Math.exp(Math.log(grid[i - 1]!.x) + Math.min(1, Math.max(0, t)) * (Math.log(grid[i]!.x) - Math.log(grid[i - 1]!.x)));
    }
    return undefined;
  };
  const x = crossing((p) => p.y);
  const low = crossing((p) => p.lo);
  const high = crossing((p) => p.hi);
  // the edge nearer the loss gets there first: the low edge of a falling loss, the high of a rising score
  const [edge, late] = falling ? [low, high] : [high, low];
  // a loss the fit reaches past the data was not reached inside them, whatever the band says there
  const early = edge !== undefined && x !== undefined && x > dataEnd ? Math.max(edge, dataEnd) : edge;
  const banded = grid.some((p) => p.lo !== undefined && p.hi !== undefined);
  return {
    loss,
    until,
    dataEnd,
    atUntil: grid[grid.length - 1]!.y,
    ...(x !== undefined ? { x } : {}),
    ...(banded && early !== undefined ? { lo: early } : {}),
    ...(banded && late !== undefined ? { hi: late } : {}),
  };
}

const times = (x: number, end: number): string => `${Number((x / end).toPrecision(2))}×`;

/**
 * "loss = 2.5 at x ≈ 32B, 3.2× the data (95%: 21B – 60B)", or that the fit does not get there by
 * the grid's end, or passes it inside the data. One wording for the CLI and the Predict notification.
 */
export function reachText(r: LossReach, yName: string, level: string, xUnit = ''): string {
  const what = `${yName} = ${r.loss}`;
  const at = (x: number): string => `${formatAmount(x)}${xUnit}`;
  if (r.x === undefined) {
    const end = r.atUntil !== undefined ? `; the fit is at ${Number(r.atUntil.toPrecision(4))} there` : '';
    const edge = r.lo !== undefined ? `, though the ${level} interval's near edge gets there at x ≈ ${at(r.lo)}` : '';
    return `${what}: not reached by x = ${at(r.until)} (${times(r.until, r.dataEnd)} the data)${end}${edge}`;
  }
  if (r.x <= r.dataEnd) return `${what}: the fit passes it at x ≈ ${at(r.x)}, inside the data (which reach ${at(r.dataEnd)})`;
  const band = r.lo === undefined ? '' : ` (${level}: ${at(r.lo)} – ${r.hi !== undefined ? at(r.hi) : `beyond ${at(r.until)}`})`;
  return `${what} at x ≈ ${at(r.x)}, ${times(r.x, r.dataEnd)} the data${band}`;
}
