// A loss logged NaN or infinite at a few points inside a log that carries on after them (an fp16
// step the loss scaler skipped, logged raw): those points are left out of every fit, and said
// where, so a user can tell a skipped step from a hole in the data. The ones that end a log are
// divergedTail's.
import { formatAmount } from '../../core/units';
import { notFiniteTailOf } from './divergedTail';
import type { SeriesData, XKind } from './model';

/** Points named by their x; past these, "…". */
const NAMED = 3;

/** Said when `series` is NaN or infinite at finite x before the values that end it, with how many
 *  such points; undefined when never. */
export function nonFiniteInside(series: SeriesData, x: XKind, yCol: string): { readonly text: string; readonly points: number } | undefined {
  const xs = series.x[x];
  if (!xs) return undefined;
  const ys = series.y;
  const tail = notFiniteTailOf(xs, ys);
  const end = tail ? ys.length - tail.points : ys.length;
  const at: number[] = [];
  let n = 0;
  for (let i = 0; i < end; i++) {
    if (Number.isFinite(ys[i]) || !Number.isFinite(xs[i])) continue;
    n++;
    if (at.length < NAMED) at.push(xs[i]!);
  }
  if (n === 0) return undefined;
  const where = `${x} ${at.map((v) => formatAmount(v)).join(', ')}${n > NAMED ? ', …' : ''}`;
  return { text: `"${yCol}" is NaN or infinite at ${n === 1 ? 'one point' : `${n} points`} inside the log (${where}), and finite after: left out of the fit`, points: n };
}
