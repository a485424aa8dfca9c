// The lines --reach prints: where a fitted curve, and its interval, reach each asked loss.
import type { LossReach } from '../core/reach';
import { formatAmount } from '../core/units';

export interface ReachJson extends LossReach {
  /** The data's largest x, which "3.2× the data" is measured from. */
  readonly dataEnd: number;
}

const times = (x: number, end: number): string => `${Number((x / end).toPrecision(2))}×`;

/** "y = 2.5 at x ≈ 32B, 3.2× the data (95%: 21B – 60B)", or why it is not reached, or that the data already reach it. */
export function reachText(r: ReachJson, yName: string, level: string): string {
  const what = `${yName} = ${r.loss}`;
  if (r.x === undefined) {
    const end = r.atUntil !== undefined ? `; the fit is at ${Number(r.atUntil.toPrecision(4))} there` : '';
    const edge = r.lo !== undefined ? `, though the ${level} interval's near edge gets there at x ≈ ${formatAmount(r.lo)}` : '';
    return `${what}: not reached by x = ${formatAmount(r.until)} (${times(r.until, r.dataEnd)} the data)${end}${edge}`;
  }
  if (r.x <= r.dataEnd) return `${what}: the fit passes it at x ≈ ${formatAmount(r.x)}, inside the data (which reach ${formatAmount(r.dataEnd)})`;
  const band = r.lo === undefined ? '' : ` (${level}: ${formatAmount(r.lo)} – ${r.hi !== undefined ? formatAmount(r.hi) : `beyond ${formatAmount(r.until)}`})`;
  return `${what} at x ≈ ${formatAmount(r.x)}, ${times(r.x, r.dataEnd)} the data${band}`;
}
