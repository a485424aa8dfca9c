// One drawing of a tqdm bar, "Epoch 1:  39%|███▉      | 4846/12331 [05:59<09:15, 13.47it/s, loss=0.0136]":
// its description, its counter and total, and its postfix (set_postfix's metrics). The counter is
// where the loop is; the bar, percentage, times and rate are not metrics.

export interface TqdmDrawing {
  /** The description before the percentage ("Epoch 1: "). */
  readonly head: string;
  /** Iterations done, and the total (undefined: "?"). */
  readonly n: number;
  readonly total: number | undefined;
  /** What follows the rate inside the brackets ("loss=0.0136, v_num=1"), '' when none. */
  readonly postfix: string;
}

/** A count as tqdm prints it, with unit_scale's magnitude ("4846", "1.2k", "3.40M"). */
const COUNT = /^(\d+(?:\.\d+)?)([kMGT]?)$/;
const SCALE: Record<string, number> = { '': 1, k: 1e3, M: 1e6, G: 1e9, T: 1e12 };

function count(s: string): number | undefined {
  const m = COUNT.exec(s.trim());
  return m ? Number(m[1]) * SCALE[m[2]!]! : undefined;
}

/** The drawing in `s`, or undefined when `s` is not tqdm's "…%|bar| n/total [times, rate…]". */
export function tqdmDrawing(s: string): TqdmDrawing | undefined {
  const pct = s.indexOf('%|');
  if (pct < 0) return undefined;
  const barEnd = s.indexOf('|', pct + 2);
  const open = barEnd < 0 ? -1 : s.indexOf(' [', barEnd);
  const close = open < 0 ? -1 : s.lastIndexOf(']');
  if (open < 0 || close < open) return undefined;
  const counts = s.slice(barEnd + 1, open).split('/');
  const n = counts.length === 2 ? count(counts[0]!) : undefined;
  if (n === undefined) return undefined;
  const total = count(counts[1]!);
  // the brackets: "elapsed<remaining, rate" then ", key=value…"
  const inside = s.slice(open + 2, close);
  const rateEnd = inside.indexOf(', ', inside.indexOf(', ') + 2);
  // the percentage itself ("  39") ends the description
  const head = s.slice(0, pct).replace(/\s*\d{1,3}$/, '');
  return { head, n, total, postfix: rateEnd < 0 ? '' : inside.slice(rateEnd + 2) };
}
