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

/** unit_scale's magnitudes: "1.2k", "3.40M". */
const SCALE: Record<string, number> = { k: 1e3, M: 1e6, G: 1e9, T: 1e12 };

/** A count as tqdm prints it in s[from, to) ("4846", "1.2k", "3.40M"), or undefined. */
function count(s: string, from: number, to: number): number | undefined {
  while (from < to && s.charCodeAt(from) === 32) from++;
  while (to > from && s.charCodeAt(to - 1) === 32) to--;
  const scale = to > from ? SCALE[s[to - 1]!] : undefined;
  const digitsEnd = scale === undefined ? to : to - 1;
  let dots = 0;
  for (let i = from; i < digitsEnd; i++) {
    const c = s.charCodeAt(i);
    if (c === 46) dots++;
    else if (c < 48 || c > 57) return undefined;
  }
  if (digitsEnd === from || dots > 1 || s.charCodeAt(from) === 46) return undefined;
  return Number(s.slice(from, digitsEnd)) * (scale ?? 1);
}

/** The drawing in `s`, or undefined when `s` is not tqdm's "…%|bar| n/total [times, rate…]". */
export function tqdmDrawing(s: string): TqdmDrawing | undefined {
  const pct = s.indexOf('%|');
  if (pct < 0) return undefined;
  const barEnd = s.indexOf('|', pct + 2);
  const open = barEnd < 0 ? -1 : s.indexOf(' [', barEnd);
  const close = open < 0 ? -1 : s.lastIndexOf(']');
  if (open < 0 || close < open) return undefined;
  const slash = s.indexOf('/', barEnd);
  if (slash < 0 || slash > open) return undefined;
  const n = count(s, barEnd + 1, slash);
  if (n === undefined) return undefined;
  const total = count(s, slash + 1, open);
  // the brackets: "elapsed<remaining, rate" then ", key=value…"
  const rate = s.indexOf(', ', open);
  const rateEnd = rate < 0 || rate > close ? -1 : s.indexOf(', ', rate + 2);
  // the percentage itself ("  39") ends the description
  let headEnd = pct;
  while (headEnd > 0 && s.charCodeAt(headEnd - 1) >= 48 && s.charCodeAt(headEnd - 1) <= 57 && pct - headEnd < 3) headEnd--;
  while (headEnd > 0 && s.charCodeAt(headEnd - 1) === 32) headEnd--;
  return { head: s.slice(0, headEnd), n, total, postfix: rateEnd < 0 || rateEnd > close ? '' : s.slice(rateEnd + 2, close) };
}

/** torchtune's description "1|25|Loss: 1.87" (epoch|global step|metrics); its bar is per epoch. */
const EPOCH_STEP_HEAD = /^\s*(\d{1,6})\|(\d{1,12})\|(.*?):?\s*$/;

/** The epoch, global step and metrics text a description states as torchtune writes it, or undefined. */
export function epochStepHead(head: string): { epoch: number; step: number; metrics: string } | undefined {
  const m = EPOCH_STEP_HEAD.exec(head);
  return m ? { epoch: Number(m[1]), step: Number(m[2]), metrics: m[3]! } : undefined;
}
